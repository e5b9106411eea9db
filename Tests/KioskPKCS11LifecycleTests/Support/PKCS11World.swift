import Foundation
import KioskProcessTestSupport
import PCSCTestSupport
import Testing

/// One test's world for the `pkcs11` card backend: a private pcscd with its vpcd readers (ports
/// 36001/36002, named `PKCS11 PCD`) in a mount namespace, the kiosk run in that namespace in tmux
/// with `[card] backend = "pkcs11"` and OpenSC's module, a `cmc-sim` over TLS, and
/// `cmc-vcard insert --piv` cards. ``finish()`` ends every process it started.
final class PKCS11World: @unchecked Sendable {
    static let readerName = "PKCS11 PCD"
    static let readerPort: UInt16 = 36001
    static let openSCModule = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
    /// OpenSC's module with the process's first `C_Sign` held back for 8 s (Tests/HangingPKCS11Module);
    /// it marks the hold with the files `sign-held` and `sign-released` in the kiosk's TMPDIR.
    static let hangingModule = Package.program("libHangingPKCS11Module.so")
    /// How long the kiosk's first try at a logout may take (`LogoutRetrier.firstTryTimeout`).
    static let logoutFirstTryMilliseconds = 2_000

    let pcscd: PrivatePCSCD
    let scenario: Scenario
    var kiosk: KioskUnderTest { scenario.kiosk }
    var simulator: SimulatorProcess { scenario.simulator }
    var workspace: Workspace { scenario.workspace }

    /// pcscd with its readers, then the simulator and the kiosk on its lock screen, with
    /// `[card] backend = "pkcs11"` and `module` (OpenSC's, named although it is the default).
    init(_ name: String, module: String = openSCModule) throws {
        pcscd = try PrivatePCSCD.startedBlocking(friendlyName: Self.readerName, readerPort: Self.readerPort)
        do {
            let reader = ReaderSetup(name: pcscd.firstReaderName, port: Self.readerPort, launcher: pcscd.namespaced([]))
            scenario = try Scenario("pkcs11-\(name)", reader: reader) { _ in
                """
                [card]
                backend = "pkcs11"
                pkcs11_module = "\(module)"
                """
            }
        } catch {
            pcscd.shutDown()
            throw error
        }
    }

    /// Puts a demo persona's PIV card into the reader.
    @discardableResult
    func insert(demo name: String) throws -> VirtualCard { try scenario.insert(demo: name, piv: true) }

    /// Puts the PIV card of a persona file into the reader.
    @discardableResult
    func insert(persona path: String) throws -> VirtualCard { try scenario.insert(persona: path, piv: true) }

    /// Puts a demo persona's PIV card in and types its passcode once asked for it.
    @discardableResult
    func insertAndEnterPasscode(demo name: String) throws -> VirtualCard {
        try scenario.insertAndEnterPasscode(demo: name, piv: true)
    }

    /// Nurse Amir Khan's card (one-role.json), its passcode entered, signs in: one role, one
    /// session, one ticket; taken out, it leaves nothing behind.
    func expectAmirKhanSignedInThenNothingLeft(removing card: VirtualCard) throws {
        let signedIn = kiosk.wait(for: "Signed in as Nurse Amir Khan")
        #expect(signedIn.contains("Signed in as Nurse Amir Khan"), "the card signs in: \(signedIn)")
        let live = try simulator.status()
        #expect(live.sessions.count == 1 && live.tickets.count == 1, "one session, one ticket: \(live)")
        #expect(live.sessions.first?["uid"] as? String == "555100000002", "\(live)")
        scenario.removeAndExpectLock(card)
        try scenario.expectNothingLeftBehind(seconds: 20, "after Amir Khan's card")
    }

    /// A copy of a demo persona in the workspace with `changes` made to its fields (`faults`,
    /// `tries_left`, …).
    func persona(demo name: String, changing changes: [String: Any]) throws -> String {
        let url = URL(filePath: Package.persona(name))
        guard var persona = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw LifecycleError.failed("\(url.path) is not a JSON object")
        }
        persona.merge(changes) { _, new in new }
        let path = workspace.file("\(name)-\(UUID().uuidString.prefix(4)).json")
        try JSONSerialization.data(withJSONObject: persona).write(to: URL(filePath: path))
        return path
    }

    /// Whether the kiosk's TMPDIR holds `name`, a file the hanging module marks its hold with.
    func kioskTemporaryFileExists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(kiosk.stateFolder)/tmp/\(name)")
    }

    /// The kiosk still runs (its shell has not printed its exit); the pane.
    @discardableResult
    func expectKioskRunning(_ comment: String = "") -> String {
        let pane = kiosk.capture()
        #expect(!pane.contains("KIOSK-EXIT"), "the kiosk ended \(comment): \(pane)\n\(kioskErrors)")
        return pane
    }

    /// What the kiosk wrote on its standard error.
    var kioskErrors: String {
        (try? String(contentsOfFile: workspace.file("kiosk.err"), encoding: .utf8)) ?? ""
    }

    /// Runs `program` to its end in the pcscd's namespace, with HOME in the workspace (no OpenSC
    /// cache of the machine's).
    func run(_ program: String, _ arguments: [String]) throws -> ToolRun {
        let command = pcscd.namespaced(["/usr/bin/env", "HOME=\(workspace.path)", program] + arguments)
        let result = try Spawned.run(command[0], Array(command.dropFirst()), logPrefix: workspace.file("run-\(UUID().uuidString.prefix(6))"))
        return ToolRun(command: ([program] + arguments).joined(separator: " "), status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    func finish() {
        scenario.finish()
        pcscd.shutDown()
    }
}

/// A tool run to its end: what it printed and its exit status.
struct ToolRun: CustomStringConvertible {
    let command: String
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "$ \(command)\n\(stdout)\(stderr)exit \(status)" }
}
