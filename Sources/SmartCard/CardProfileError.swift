/// Why the card could not do what the card profile (spec/card-profile.md) asks of it.
public enum CardProfileError: Error, Equatable, Sendable {
    /// The transport failed; `.card(.removed)` is the card being pulled out.
    case card(CardError)
    /// The card has no kiosk application (`6A82` on SELECT).
    case unsupportedCard
    /// The card has the application but no certificate (`6A82` on the certificate file).
    case notPersonalised
    /// The certificate could not be read or understood; the text says why.
    case unreadableCertificate(String)
    /// The card refused to sign because the passcode was not verified (`6982`).
    case passcodeNotVerified
    /// The card refused the DigestInfo (`6A80`).
    case unsupportedDigest
    /// The card's signature is not the length its key gives.
    case malformedSignature(length: Int)
    /// A status word the profile does not allow at this step.
    case unexpectedStatus(StatusWord, step: CardStep)
}

/// The steps of a sign-in with a card, to say where something went wrong.
public enum CardStep: String, Sendable {
    case findToken = "find the card's token"
    case selectApplication = "select the application"
    case selectCertificate = "select the certificate"
    case readCertificate = "read the certificate"
    case passcodeStatus = "ask for the passcode tries left"
    case verifyPasscode = "verify the passcode"
    case sign = "sign"
}

extension CardProfileError {
    /// `true` when the card left the reader: the one error that locks the kiosk at once.
    public var isCardRemoval: Bool { self == .card(.removed) }
}
