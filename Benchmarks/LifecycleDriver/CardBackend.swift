import Foundation

/// The `[card] backend` of a kiosk under test, and so the kind of `cmc-vcard` card it reads.
public enum CardBackend: Sendable, Equatable {
    /// The kiosk's own card profile over PC/SC; cards hold the NHS card profile.
    case profile
    /// The PKCS#11 module at `module` (OpenSC); cards are PIV cards (`cmc-vcard insert --piv`).
    case pkcs11(module: String)

    /// Debian's OpenSC module, the kiosk's own default for `pkcs11`.
    public static let openSCModule = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

    /// The backend called `name` in the configuration file, if there is one.
    public init?(name: String, pkcs11Module: String = Self.openSCModule) {
        switch name {
        case "profile": self = .profile
        case "pkcs11": self = .pkcs11(module: pkcs11Module)
        default: return nil
        }
    }

    /// The backend's name in the configuration file.
    public var name: String {
        switch self {
        case .profile: "profile"
        case .pkcs11: "pkcs11"
        }
    }

    /// Whether its cards are PIV cards.
    var usesPIVCards: Bool { self != .profile }

    /// The configuration file's `[card]` table. None for `profile`, the default, so that kiosks
    /// older than `[card] backend` start too.
    var configurationTable: String {
        switch self {
        case .profile: ""
        case .pkcs11(let module): "\n[card]\nbackend = \"pkcs11\"\npkcs11_module = \"\(module)\"\n"
        }
    }

    /// What the kiosk's environment needs for this backend, writing any file it names as
    /// `name…` in `bench`. For `pkcs11`, OpenSC's settings through `OPENSC_CONF` (which the kiosk
    /// keeps in place of its own): the kiosk's shipped `Middleware/opensc.conf`, and
    /// `ignored_readers` for every reader but `reader`. OpenSC connects to the card in every
    /// reader it knows, and stays connected, whatever the kiosk's `[reader]`; on a shared machine,
    /// others' cards stay untouched.
    func environment(reader: String, in bench: Workbench, name: String) throws -> [String] {
        guard self != .profile else { return [] }
        let shipped = try String(
            contentsOf: Workbench.packageRoot.appending(path: "Middleware/opensc.conf"), encoding: .utf8)
        guard let block = shipped.range(of: "app default {\n") else {
            throw BenchError.failed("Middleware/opensc.conf has no \"app default {\" line to add ignored_readers to")
        }
        // OpenSC ignores any reader whose name contains one of these, so none may be part of `reader`.
        let others = try ReaderList.names().filter { !reader.contains($0) }
        let ignored = others.isEmpty ? "" : "    ignored_readers = \(others.map { "\"\($0)\"" }.joined(separator: ", "));\n"
        let path = bench.file("\(name)-opensc.conf")
        try shipped.replacingCharacters(in: block, with: "app default {\n" + ignored)
            .write(toFile: path, atomically: true, encoding: .utf8)
        return ["OPENSC_CONF=\(path)"]
    }
}
