import Foundation
import KioskProcessTestSupport
import PCSCTestSupport

/// One test's terminal: a private pcscd (its vpcd readers on ports 35985/35986, named
/// `Doctor PCD`), a `cmc-sim` over TLS, virtual cards, and `cmc-kiosk doctor` run in the private
/// pcscd's namespace, so that it never sees the machine's readers or the other tests' cards.
/// ``finish()`` ends every process it started.
final class DoctorTerminal: @unchecked Sendable {
    static let readerName = "Doctor PCD"
    static let readerPort: UInt16 = 35985
    static let demoPersonas = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "Personas/demo")

    let pcscd: PrivatePCSCD
    let simulator: TLSSimulator
    private let folder: URL
    private var cards: [(process: Process, input: Pipe)] = []

    /// The namespace and the simulator; pcscd too, with its reader, unless `withPCSCD` is false.
    init(withPCSCD: Bool = true) async throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "doctor-test-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        pcscd = try PrivatePCSCD(friendlyName: Self.readerName, readerPort: Self.readerPort)
        do {
            simulator = try TLSSimulator()
            if withPCSCD {
                try pcscd.configureVirtualReader()
                try pcscd.startDaemon()
                guard await pcscd.waitForLine(containing: #"reader-added "\#(Self.readerName) 00 00""#) else {
                    throw DoctorTestError("the private pcscd showed no reader: \(pcscd.lines)")
                }
            }
        } catch {
            pcscd.shutDown()
            throw error
        }
    }

    /// A configuration file for this terminal: the simulator as GAS and portal (the portal
    /// elsewhere when `portalURL` is given), trusting its CA unless `trustingTheCA` is false,
    /// then any `extra` tables.
    func configuration(portalURL: String? = nil, trustingTheCA: Bool = true, extra: String = "") throws -> String {
        try write("kiosk.toml", """
            environment = "test"
            device_id = "doctor-test"

            [endpoints]
            gas_url = "\(simulator.url)"
            portal_url = "\(portalURL ?? simulator.url)"
            \(trustingTheCA ? "ca_file = \"\(ServerPKI.shared.caPath)\"" : "")

            [reader]
            name = "\(Self.readerName)"

            [network]
            connect_timeout_seconds = 3
            request_timeout_seconds = 10

            \(extra)
            """)
    }

    /// Writes a file into this test's folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appending(path: name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Puts a demo card (a PIV card for OpenSC when `piv`) into the first reader, and waits until
    /// pcscd has seen it.
    func insert(demo name: String, piv: Bool = false) async throws {
        let process = Process(), input = Pipe()
        process.executableURL = URL(filePath: PrivatePCSCD.builtProgram("cmc-vcard"))
        process.arguments = [
            "insert", Self.demoPersonas.appending(path: "\(name).json").path, "--port", String(Self.readerPort),
        ] + (piv ? ["--piv"] : [])
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        cards.append((process, input))
        let inserted = #"card-inserted "\#(Self.readerName) 00 00""#
        guard await pcscd.waitForLine(containing: inserted, occurrence: cards.count) else {
            throw DoctorTestError("pcscd did not see the \(name) card: \(pcscd.lines)")
        }
    }

    /// `cmc-kiosk doctor` with `arguments`, in the private pcscd's namespace.
    /// HOME is this test's folder, so that no OpenSC cache of the machine's is read.
    func doctor(_ arguments: [String], environment: [String] = []) throws -> ProgramRun {
        try ProgramRun(pcscd.namespaced(
            ["/usr/bin/env", "HOME=\(folder.path)"] + environment + [PrivatePCSCD.builtProgram("cmc-kiosk"), "doctor"] + arguments))
    }

    /// Pulls every card out, stops the simulator and pcscd, and removes the folder.
    func finish() {
        for card in cards {
            try? card.input.fileHandleForWriting.close()
            card.process.waitUntilExit()
        }
        cards = []
        simulator.stop()
        pcscd.shutDown()
        try? FileManager.default.removeItem(at: folder)
    }
}
