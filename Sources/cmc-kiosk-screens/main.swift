import Dispatch
import Foundation
import KioskApp
import KioskConfiguration
import KioskCore
import TerminalUI

// cmc-kiosk-screens NAME [--environment live|test|training|demo] [--theme NAME|PATH] [--now SECONDS]
//                        [--demo-overlay] [--picker] [--accessible]
// Shows one screen with a sample state until `q` is pressed.

let usage = """
    usage: cmc-kiosk-screens NAME [--environment live|test|training|demo] [--theme NAME|PATH] [--now SECONDS]
                             [--demo-overlay] [--picker] [--accessible]
      NAME: \(Samples.names.joined(separator: " | "))
      Shows one kiosk screen with a sample state, in the theme named (by default the
      environment's, as the kiosk chooses it); q quits. --now stops the clock at that time
      (seconds since 1970), for pictures that come out the same every time. --accessible
      shows the screen as [display] accessible = true does.
    """

var arguments = Array(CommandLine.arguments.dropFirst())
var environment = KioskEnvironment.test
var overlay: DemoOverlay?
var themeName: String?
var frozenTime: Date?
var name: String?
var display = DisplayOptions()
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--environment":
        guard let value = arguments.first.flatMap(KioskEnvironment.init(rawValue:)) else {
            FileHandle.standardError.write(Data("cmc-kiosk-screens: --environment takes live, test, training or demo\n".utf8))
            exit(2)
        }
        arguments.removeFirst()
        environment = value
    case "--theme":
        guard let value = arguments.first else {
            FileHandle.standardError.write(Data("cmc-kiosk-screens: --theme takes a theme name or a path\n".utf8))
            exit(2)
        }
        arguments.removeFirst()
        themeName = value
    case "--now":
        guard let value = arguments.first.flatMap(Double.init) else {
            FileHandle.standardError.write(Data("cmc-kiosk-screens: --now takes seconds since 1970\n".utf8))
            exit(2)
        }
        arguments.removeFirst()
        frozenTime = Date(timeIntervalSince1970: value)
    case "--demo-overlay":
        overlay = overlay ?? Samples.overlay
    case "--picker":
        overlay = overlay ?? Samples.overlay
        overlay?.pickerOpen = true
        overlay?.highlighted = 1
    case "--accessible":
        display.accessible = true
    case "--help", "-h":
        print(usage)
        exit(0)
    default:
        guard name == nil, Samples.names.contains(argument) else {
            FileHandle.standardError.write(Data("cmc-kiosk-screens: unknown argument \(argument)\n\(usage)\n".utf8))
            exit(2)
        }
        name = argument
    }
}
guard let name else {
    FileHandle.standardError.write(Data("\(usage)\n".utf8))
    exit(2)
}

let theme: Theme
do {
    theme = try KioskLauncher.theme(named: themeName ?? environment.defaultTheme)
} catch {
    FileHandle.standardError.write(Data("cmc-kiosk-screens: \(error)\n".utf8))
    exit(2)
}

let start = frozenTime ?? Date()
let quit = DispatchSemaphore(value: 0)
let screen = TerminalScreen(styles: StyleSheet(theme: theme), display: display)
do {
    try screen.start { key in
        if key == .character("q") { quit.signal() }
    }
} catch {
    FileHandle.standardError.write(Data("cmc-kiosk-screens: \(error)\n".utf8))
    exit(1)
}
atexit { TerminalScreen.restore() }
repeat {
    if let state = Samples.state(name, environment: environment, start: start, now: frozenTime ?? Date()) {
        screen.show(state, overlay: overlay)
    }
} while quit.wait(timeout: .now() + 1) == .timedOut
screen.stop()
