import PKCS1
import Secrets
import SmartCard

/// The `profile` backend's token: the kiosk's own card profile (``AuthenticationCard``) over one
/// connection, which closing resets.
final class ProfileToken: AuthenticationToken {
    private let connection: any CardConnection
    private let card: AuthenticationCard

    init(connection: any CardConnection) {
        self.connection = connection
        card = AuthenticationCard(transport: connection)
    }

    func readCertificate() throws(TokenError) -> CardCertificate {
        try profile { () throws(CardProfileError) in
            try card.selectApplication()
            return try card.readCertificate()
        }
    }

    func passcodeStatus() throws(TokenError) -> PasscodeStatus {
        try profile { () throws(CardProfileError) in try card.passcodeStatus() }
    }

    func verify(passcode: SecretBuffer) throws(TokenError) -> PasscodeVerification {
        try profile { () throws(CardProfileError) in try card.verify(passcode: passcode) }
    }

    /// The profile's card signs a prepared `DigestInfo`; the kiosk hashes.
    func sign(_ message: MessageToSign) throws(TokenError) -> [UInt8] {
        let digestInfo = message.digestInfo
        return try profile { () throws(CardProfileError) in try card.sign(digestInfo: digestInfo) }
    }

    func close() { connection.close() }

    private func profile<Value>(_ call: () throws(CardProfileError) -> Value) throws(TokenError) -> Value {
        do {
            return try call()
        } catch {
            throw error.tokenError
        }
    }
}
