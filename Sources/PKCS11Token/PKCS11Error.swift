import CPKCS11

/// What went wrong with a PKCS#11 module or one of its calls, in words an operator can act on.
public enum PKCS11Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The module file could not be loaded (`dlopen`'s reason).
    case cannotLoad(path: String, reason: String)
    /// The file loaded but is not a PKCS#11 module.
    case notAModule(path: String)
    /// A call answered with a return value the caller does not handle.
    case call(String, CK_RV)

    public var description: String {
        switch self {
        case .cannotLoad(let path, let reason): "cannot load the PKCS#11 module \(path): \(reason)"
        case .notAModule(let path): "\(path) is not a PKCS#11 module (it has no C_GetFunctionList)"
        case .call(let name, let value): "the PKCS#11 module answered \(name) with \(Self.name(of: value))"
        }
    }

    /// The standard name of a return value, or its number.
    public static func name(of value: CK_RV) -> String {
        switch value {
        case CK_RV(CKR_OK): "CKR_OK"
        case CK_RV(CKR_PIN_INCORRECT): "CKR_PIN_INCORRECT"
        case CK_RV(CKR_PIN_LOCKED): "CKR_PIN_LOCKED"
        case CK_RV(CKR_PIN_LEN_RANGE): "CKR_PIN_LEN_RANGE"
        case CK_RV(CKR_TOKEN_NOT_PRESENT): "CKR_TOKEN_NOT_PRESENT"
        case CK_RV(CKR_DEVICE_REMOVED): "CKR_DEVICE_REMOVED"
        case CK_RV(CKR_DEVICE_ERROR): "CKR_DEVICE_ERROR"
        case CK_RV(CKR_USER_NOT_LOGGED_IN): "CKR_USER_NOT_LOGGED_IN"
        case CK_RV(CKR_MECHANISM_INVALID): "CKR_MECHANISM_INVALID"
        case CK_RV(CKR_SESSION_HANDLE_INVALID): "CKR_SESSION_HANDLE_INVALID"
        case CK_RV(CKR_TOKEN_NOT_RECOGNIZED): "CKR_TOKEN_NOT_RECOGNIZED"
        case CK_RV(CKR_GENERAL_ERROR): "CKR_GENERAL_ERROR"
        case CK_RV(CKR_FUNCTION_FAILED): "CKR_FUNCTION_FAILED"
        default: "0x" + String(value, radix: 16, uppercase: true)
        }
    }
}
