import Dispatch
import KioskConfiguration
import KioskShell
import PKCS11Token
import SmartCard

/// The ward kiosk's card backend as `[card] backend` chooses it, set up once at start-up: for
/// `pkcs11`, OpenSC's settings (``OpenSCSettings``) and the module loaded and initialised, and
/// finalised at exit.
public struct WardCards: Sendable {
    let backend: any TokenBackend
    private let module: PKCS11Module?
    /// The OpenSC settings in force, for `doctor`; nil for the profile backend.
    let openSCSettings: OpenSCSettings?

    /// How long finishing waits for a module call that hangs (a card pulled out mid-call).
    static let finalizeWait: DispatchTimeInterval = .seconds(2)

    /// Sets up the backend; a module that cannot be loaded or initialised is an error.
    public init(_ backend: CardBackend) throws(WardCardsError) {
        switch backend {
        case .profile:
            self.backend = PCSCCardConnector()
            module = nil
            openSCSettings = nil
        case .pkcs11(let path):
            openSCSettings = try OpenSCSettings.apply(modulePath: path)
            let loaded: PKCS11Module
            do {
                loaded = try PKCS11Module(path: path)
            } catch {
                throw .module(error)
            }
            self.backend = PKCS11Backend(module: loaded)
            module = loaded
        }
    }

    /// The label of the token the module finds in `reader`, for `doctor`; nil for the profile
    /// backend or when the module finds none.
    func tokenLabel(in reader: String) -> String? {
        guard let module else { return nil }
        return (try? module.slotsWithTokens())?.first { $0.sits(in: reader) }?.tokenLabel
    }

    /// Finalises the module, waiting a little for a call still under way; the process then
    /// exits whether or not it has finished.
    func finish() {
        guard let module else { return }
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            module.finalize()
            done.signal()
        }
        _ = done.wait(timeout: .now() + Self.finalizeWait)
    }
}

/// Why the card backend could not be set up at start-up.
public enum WardCardsError: Error, Equatable, CustomStringConvertible {
    /// The PKCS#11 module could not be loaded or initialised.
    case module(PKCS11Error)
    /// OpenSC's module is configured, but the kiosk's OpenSC settings file is not installed.
    case openSCSettingsMissing(String)

    public var description: String {
        switch self {
        case .module(let error): "\(error)"
        case .openSCSettingsMissing(let file):
            "the kiosk's OpenSC settings (\(file), which reset the card whenever OpenSC lets it go) "
                + "are not installed beside the program: reinstall cmc-kiosk, or set OPENSC_CONF to a file with them"
        }
    }
}
