import Foundation
import KioskProcessTestSupport
import NetworkTestBed
import PCSCTestSupport
import Testing

/// One test's thin client: a network test bed (the kiosk's ward behind the delay line, cmc-sim
/// in the spine), a private pcscd (vpcd ports 36061/36062, readers named `Thin PCD`) left in the
/// root network namespace as a redirected reader is, and a ``Scenario`` whose kiosk runs in the
/// ward and in the pcscd's mount namespace. ``finish()`` ends and removes it all.
final class ThinClientWorld: @unchecked Sendable {
    static let readerName = "Thin PCD"
    static let readerPort: UInt16 = 36061
    /// Nurse Amir Khan's card (one-role.json): one role, so a good sign-in needs no choice.
    static let card = "one-role"
    static let uid = "555100000002"
    static let signedIn = "Signed in as Nurse Amir Khan"
    static let lock = "Insert your NHS smartcard"

    let bed: TestBed
    let pcscd: PrivatePCSCD
    let scenario: Scenario
    var kiosk: KioskUnderTest { scenario.kiosk }
    var simulator: SimulatorProcess { scenario.simulator }

    /// `overSSH`: the kiosk is sshd's forced command on the ward, and tmux runs the bed's
    /// `ssh -t` from the WAN router at 80×24. With `proxy`, the spine has no route back to the
    /// ward: the kiosk reaches the simulator only through the bed's tinyproxy, as
    /// `kioskConfiguration` (more TOML for the kiosk) must tell it.
    init(_ name: String, link: LinkConditions, simulatorOptions: [String] = [], overSSH: Bool = false,
         proxy: ProxySetup? = nil, kioskConfiguration: @escaping (Workspace) throws -> String = { _ in "" }) throws {
        bed = try TestBed(name: name, link: link, proxy: proxy, spineReachesWard: proxy == nil)
        do {
            pcscd = try PrivatePCSCD.startedBlocking(friendlyName: Self.readerName, readerPort: Self.readerPort)
        } catch {
            bed.tearDown()
            throw error
        }
        do {
            let wardLauncher = overSSH ? [] : bed.launcher(for: .ward)
            let reader = ReaderSetup(name: pcscd.firstReaderName, port: Self.readerPort, launcher: wardLauncher + pcscd.namespaced([]))
            let terminal = overSSH ? Self.sshTerminal(bed) : .local
            scenario = try Scenario("thin-\(name)", simulatorOptions: ["--host", BedAddress.spine] + simulatorOptions,
                                    simulatorLauncher: bed.launcher(for: .spine), reader: reader,
                                    kioskConfiguration: kioskConfiguration, terminal: terminal)
        } catch {
            pcscd.shutDown()
            bed.tearDown()
            throw error
        }
        print("thin client \(name): \(link)")
    }

    /// tmux at 80×24 running `ssh -t` into the ward, whose sshd runs the kiosk's command line.
    private static func sshTerminal(_ bed: TestBed) -> KioskTerminal {
        KioskTerminal(columns: 80, rows: 24) { kioskCommand in
            try bed.startSSHD(forceCommand: kioskCommand)
            return bed.sshCommand()
        }
    }

    /// Puts Amir's card in, types the passcode and waits until he is signed in.
    func signIn() throws -> VirtualCard {
        let card = try scenario.insertAndEnterPasscode(demo: Self.card)
        let screen = kiosk.wait(for: Self.signedIn, seconds: 60)
        #expect(screen.contains(Self.signedIn), "\(screen)")
        return card
    }

    /// Pulls the card and waits for the lock screen; the seconds it took.
    func removeAndTimeLock(_ card: VirtualCard) -> Double {
        let started = Date()
        card.remove(settle: 0)
        let screen = kiosk.wait(for: Self.lock, seconds: 30)
        let seconds = Date().timeIntervalSince(started)
        #expect(screen.contains(Self.lock), "removal locks: \(screen)")
        return seconds
    }

    /// The cmc-kiosk processes on the ward.
    func kioskProcesses() -> [pid_t] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let ward = Self.netNamespace(of: "/run/netns/\(bed.namespaces[.ward]!)")
        return names.compactMap { pid_t($0) }.filter { pid in
            (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix("cmc-kiosk") == true
                && Self.netNamespace(of: "/proc/\(pid)/ns/net") == ward
        }
    }

    /// The inode of a network namespace file, which identifies the namespace.
    private static func netNamespace(of path: String) -> UInt64? {
        var information = stat()
        guard stat(path, &information) == 0 else { return nil }
        return UInt64(information.st_ino)
    }

    func finish() {
        scenario.finish()
        bed.tearDown()
        pcscd.shutDown()
    }
}
