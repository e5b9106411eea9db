/// A GAS error answer: `error` and `error_description` parameters.
public struct GASFailure: Error, Equatable, Sendable {
    public var code: Code
    public var description: String

    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The Identity Agent's published error set.
    public enum Code: String, Sendable, Equatable {
        /// Bad signature, wrong card, untrusted certificate.
        case authenticationFailed = "AUTHENTICATION_FAILED"
        /// User unknown or suspended.
        case userNotValid = "USER_NOT_VALID"
        /// Challenge unknown, expired or replayed.
        case authNotValid = "AUTH_NOT_VALID"
        /// A missing parameter or undecodable data.
        case authDataSyntaxError = "AUTHDATA_SYNTAX_ERROR"
        case authServerNotAvailable = "AUTHSERVER_NOT_AVAILABLE"
    }
}
