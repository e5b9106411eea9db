import Dispatch
import KioskConfiguration
import KioskShell
import PKCS11Token
import SmartCard

/// The ward kiosk's card backend as `[card] backend` chooses it, set up once at start-up: for
/// `pkcs11`, the module loaded and initialised, and finalised at exit.
public struct WardCards: Sendable {
    let backend: any TokenBackend
    private let module: PKCS11Module?

    /// How long finishing waits for a module call that hangs (a card pulled out mid-call).
    static let finalizeWait: DispatchTimeInterval = .seconds(2)

    /// Sets up the backend; a module that cannot be loaded or initialised is an error.
    public init(_ backend: CardBackend) throws(PKCS11Error) {
        switch backend {
        case .profile:
            self.backend = PCSCCardConnector()
            module = nil
        case .pkcs11(let path):
            let loaded = try PKCS11Module(path: path)
            self.backend = PKCS11Backend(module: loaded)
            module = loaded
        }
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
