extension CardProfileError {
    /// The profile's error as the token seam knows it, in the words the kiosk has always shown.
    public var tokenError: TokenError {
        switch self {
        case .card(.removed): .removed
        case .card(let error): .unreachable("The reader said: \(error).")
        case .unsupportedCard: .unsupportedCard
        case .notPersonalised: .notPersonalised
        case .unreadableCertificate(let reason): .unreadableCertificate(reason)
        case .passcodeNotVerified: .passcodeNotVerified
        case .unsupportedDigest: .signingRefused("The card refused the signing request.")
        case .malformedSignature(let length): .malformedSignature(length: length)
        case .unexpectedStatus(let status, let step): .unexpectedAnswer("The card answered \(status) when asked to \(step.rawValue).", step: step)
        }
    }
}
