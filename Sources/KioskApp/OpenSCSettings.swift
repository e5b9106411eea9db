import FoundationEssentials
import Glibc

/// The OpenSC settings the kiosk's process runs OpenSC's PKCS#11 module with: the shipped
/// `Middleware/opensc.conf` (hold the card from `C_Login` to `C_Logout`, reset it when let go,
/// cache nothing on disk), given through `OPENSC_CONF` before the module is loaded.
///
/// An `OPENSC_CONF` already in the environment is the operator's choice and is kept; a vendor's
/// module is left alone.
public enum OpenSCSettings: Equatable, Sendable {
    /// Not OpenSC's module: nothing to set.
    case notOpenSC
    /// The kiosk's own file, at this path.
    case kiosk(String)
    /// The file `OPENSC_CONF` named before the kiosk started.
    case environment(String)

    /// Where the kiosk's file is found, beside the program or in the checkout.
    static let shippedFile = "Middleware/opensc.conf"

    /// Which settings a module at `modulePath` is to run with, given the environment's
    /// `OPENSC_CONF` and the kiosk's file (nil when it is missing).
    static func choose(modulePath: String, environment: String?, shipped: String?) throws(WardCardsError) -> Self {
        guard URL(filePath: modulePath).lastPathComponent.hasPrefix("opensc-pkcs11") else { return .notOpenSC }
        if let environment, !environment.isEmpty { return .environment(environment) }
        guard let shipped else { throw .openSCSettingsMissing(shippedFile) }
        return .kiosk(shipped)
    }

    /// Chooses the settings for the module at `modulePath` and puts them in this process's
    /// environment. Called at start-up, before the module is loaded and before any thread
    /// that reads the environment.
    static func apply(modulePath: String) throws(WardCardsError) -> Self {
        let chosen = try choose(
            modulePath: modulePath, environment: getenv("OPENSC_CONF").map { String(cString: $0) },
            shipped: ResourceLocator.folder(shippedFile)?.path)
        if case .kiosk(let path) = chosen { setenv("OPENSC_CONF", path, 1) }
        return chosen
    }
}
