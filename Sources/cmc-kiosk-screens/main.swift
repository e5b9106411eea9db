import Dispatch
import Foundation
import KioskCore
import TerminalUI

// cmc-kiosk-screens NAME [--environment live|test|training|demo] [--demo-overlay] [--picker]
// Shows one screen with a sample state until `q` is pressed.

let usage = """
    usage: cmc-kiosk-screens NAME [--environment live|test|training|demo] [--demo-overlay] [--picker]
      NAME: \(Samples.names.joined(separator: " | "))
      Shows one kiosk screen with a sample state; q quits.
    """

var arguments = Array(CommandLine.arguments.dropFirst())
var environment = KioskEnvironment.test
var overlay: DemoOverlay?
var name: String?
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
    case "--demo-overlay":
        overlay = overlay ?? Samples.overlay
    case "--picker":
        overlay = overlay ?? Samples.overlay
        overlay?.pickerOpen = true
        overlay?.highlighted = 1
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

let start = Date()
let quit = DispatchSemaphore(value: 0)
let screen = TerminalScreen()
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
    if let state = Samples.state(name, environment: environment, start: start, now: Date()) {
        screen.show(state, overlay: overlay)
    }
} while quit.wait(timeout: .now() + 1) == .timedOut
screen.stop()
