import Foundation
import LifecycleDriver

/// An Xvfb display for a windowed browser, open to the session user (`xhost +si:localuser:`).
final class XDisplay {
    let name: String
    private let server = Process()

    init(number: Int, user: String) throws {
        name = ":\(number)"
        server.executableURL = URL(filePath: "/usr/bin/Xvfb")
        server.arguments = [name, "-screen", "0", "1280x800x24", "-nolisten", "tcp"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        do {
            try server.run()
        } catch {
            throw BenchError.failed("Xvfb did not start (apt-get install xvfb x11-xserver-utils): \(error)")
        }
        let socket = "/tmp/.X11-unix/X\(number)"
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socket), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        try Workbench.run("/usr/bin/env", ["DISPLAY=\(name)", "/usr/bin/xhost", "+si:localuser:\(user)"])
    }

    func stop() {
        server.terminate()
        server.waitUntilExit()
    }
}
