import CPKCS11
import SmartCard

extension PKCS11Error {
    /// The return values that mean the card has left its reader.
    static let removals: Set<CK_RV> = [
        CK_RV(CKR_TOKEN_NOT_PRESENT), CK_RV(CKR_DEVICE_REMOVED), CK_RV(CKR_SESSION_CLOSED),
    ]

    /// The module's error as the token seam knows it, at `step` of a sign-in.
    func tokenError(at step: CardStep) -> TokenError {
        switch self {
        case .call(_, let value) where Self.removals.contains(value): .removed
        case .call(let name, CK_RV(CKR_USER_NOT_LOGGED_IN)) where name.hasPrefix("C_Sign"): .passcodeNotVerified
        case .call(let name, let value):
            .unexpectedAnswer("The card's PKCS#11 module answered \(name) with \(Self.name(of: value)) when asked to \(step.rawValue).", step: step)
        case .cannotLoad, .notAModule: .unreachable("\(self).")
        }
    }
}
