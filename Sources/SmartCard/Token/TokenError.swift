/// What can go wrong with an authentication token, whichever backend reaches it.
public enum TokenError: Error, Equatable, Sendable {
    /// The card left the reader (or the token its slot) before or during the call.
    case removed
    /// Neither the kiosk's profile nor the module knows this card.
    case unsupportedCard
    /// The card has no authentication certificate, or no key beside it.
    case notPersonalised
    /// The certificate could not be read or understood; the text says why.
    case unreadableCertificate(String)
    /// The reader, pcscd or the module failed; the text says how.
    case unreachable(String)
    /// The token refused to sign because the passcode was not verified.
    case passcodeNotVerified
    /// The token refused the signing request; the text says why.
    case signingRefused(String)
    /// The signature is not the length the certificate's key gives.
    case malformedSignature(length: Int)
    /// An answer the backend does not allow at this step; the text names it.
    case unexpectedAnswer(String, step: CardStep)
}
