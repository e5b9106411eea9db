import PKCS1
import Secrets

/// A card's authentication token as the kiosk uses it for one sign-in: the certificate, the
/// passcode, one signature. The card worker's queue owns it; nothing else calls it.
///
/// Two backends give tokens: the kiosk's own APDU profile over PC/SC (or the demo's reader), and
/// a PKCS#11 module (OpenSC for PIV cards, or a card vendor's).
public protocol AuthenticationToken: AnyObject {
    /// The authentication certificate: the one whose key signs.
    func readCertificate() throws(TokenError) -> CardCertificate
    /// What the token says of its passcode, spending no try.
    func passcodeStatus() throws(TokenError) -> PasscodeStatus
    /// Presents the passcode straight from its locked buffer, then wipes it, whatever happens.
    func verify(passcode: SecretBuffer) throws(TokenError) -> PasscodeVerification
    /// Signs the message with the certificate's key (PKCS#1 v1.5), hashing it with its digest.
    func sign(_ message: MessageToSign) throws(TokenError) -> [UInt8]
    /// Logs out of the token and resets the card, so that no verified passcode outlives the
    /// sign-in; later calls fail.
    func close()
}

/// Opens the token of the card in a reader.
public protocol TokenBackend: Sendable {
    /// Connects to the card in `reader` (by its PC/SC name) for one sign-in.
    func open(reader: String) throws(TokenError) -> any AuthenticationToken
}
