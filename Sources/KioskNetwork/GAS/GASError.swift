/// Why a GAS step failed.
public enum GASError: Error {
    /// GAS answered with an `error` parameter.
    case rejected(GASRejection, description: String)
    /// The answer was not a usable gpOBJECT (not XML, truncated, a required parameter missing).
    case malformedResponse(String)
    /// An HTTP status with no gpOBJECT error to explain it.
    case unexpectedStatus(Int)
    /// Role selection did not answer 200 with `<STATUS>OK</STATUS>`.
    case roleSelectionFailed(status: Int)
    /// Logout did not answer `<STATUS>OK</STATUS>`.
    case logoutFailed(status: Int)
    /// The card certificate could not be read for the CMS structure.
    case invalidCertificate
    /// The signer (the card) failed; its error is kept.
    case signingFailed(any Error)
    /// The request did not complete.
    case transport(HTTPError)
}

/// The error codes GAS returns, named after the Identity Agent's published set.
public enum GASRejection: Sendable, Equatable {
    /// Bad signature or wrong card.
    case authenticationFailed
    /// The user is unknown or suspended.
    case userNotValid
    /// The challenge expired or was replayed.
    case authNotValid
    /// The request was malformed.
    case authDataSyntaxError
    /// The authentication server is down.
    case authServerNotAvailable
    /// Any other code, shown as sent.
    case other(code: String)

    init(code: String) {
        switch code {
        case "AUTHENTICATION_FAILED": self = .authenticationFailed
        case "USER_NOT_VALID": self = .userNotValid
        case "AUTH_NOT_VALID": self = .authNotValid
        case "AUTHDATA_SYNTAX_ERROR": self = .authDataSyntaxError
        case "AUTHSERVER_NOT_AVAILABLE": self = .authServerNotAvailable
        default: self = .other(code: code)
        }
    }

    /// The code as GAS sends it.
    public var code: String {
        switch self {
        case .authenticationFailed: "AUTHENTICATION_FAILED"
        case .userNotValid: "USER_NOT_VALID"
        case .authNotValid: "AUTH_NOT_VALID"
        case .authDataSyntaxError: "AUTHDATA_SYNTAX_ERROR"
        case .authServerNotAvailable: "AUTHSERVER_NOT_AVAILABLE"
        case .other(let code): code
        }
    }
}
