import CPKCS11
import SmartCard

/// What PKCS#11 tells of a passcode, in the kiosk's passcode states. PKCS#11 gives no count of
/// tries: the final try is 1, locked is 0, anything else is not told.
enum PKCS11PasscodeMapping {
    /// The passcode's state from the token's flags, before any try.
    static func status(_ tries: PKCS11PasscodeTries) -> PasscodeStatus {
        switch tries {
        case .blocked: .blocked
        case .finalTry: .triesLeft(1)
        case .low, .unknown: .triesUnknown
        }
    }

    /// The outcome of `C_Login`, with the tries the token's flags tell after a wrong passcode;
    /// nil when the return value is not an answer about the passcode.
    static func verification(after result: CK_RV, tries: PKCS11PasscodeTries) -> PasscodeVerification? {
        switch result {
        case CK_RV(CKR_OK), CK_RV(CKR_USER_ALREADY_LOGGED_IN): .verified
        case CK_RV(CKR_PIN_LOCKED): .blocked
        case CK_RV(CKR_PIN_LEN_RANGE), CK_RV(CKR_PIN_INVALID): .badFormat
        case CK_RV(CKR_PIN_INCORRECT):
            switch tries {
            case .blocked: .blocked
            case .finalTry: .wrong(triesLeft: 1)
            case .low, .unknown: .wrong(triesLeft: nil)
            }
        default: nil
        }
    }
}
