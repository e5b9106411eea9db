import CPKCS11
import PKCS1
import Secrets
import SmartCard

/// The token of the card in one PC/SC reader, through a PKCS#11 module, for one sign-in.
///
/// It keeps a PC/SC connection of its own to the reader, shared with the module's, to reset the
/// card, because some modules (OpenSC 0.23 with PIV cards) leave it verified after `C_Logout`.
///
/// A module connects to the card as it is configured to, shared with every program on the
/// machine (OpenSC's `lock_login`, which would hold it, leaks its lock after a wrong passcode).
/// So the card is verified only while it signs: checking the passcode logs in, logs out and
/// resets the card at once, keeping the passcode in locked memory; signing logs in with it
/// again, signs and wipes it, and closing logs out and resets. No network wait falls inside.
final class PKCS11AuthenticationToken: AuthenticationToken {
    private let module: PKCS11Module
    private let channel: CardChannel
    private let slot: CK_SLOT_ID
    private let session: PKCS11Session
    /// The `CKA_ID` of the certificate read, and of its key.
    private var keyID: [UInt8]?
    private var keyBits: Int?
    /// The passcode the token accepted, until the signature that needs it, or closing.
    private let acceptedPasscode = SecretBuffer(capacity: AuthenticationCard.passcodeLengths.upperBound)

    init(module: PKCS11Module, reader: String) throws(TokenError) {
        // Connected before the module is asked anything; released (and reset) if opening fails.
        let channel: CardChannel
        do {
            channel = try CardChannel(reader: reader, sharing: .shared)
        } catch {
            throw CardProfileError.card(error).tokenError
        }
        let found: PKCS11Slot?
        do {
            found = try module.slotsWithTokens().first { $0.sits(in: reader) }
        } catch {
            throw error.tokenError(at: .findToken)
        }
        guard let found else { throw .unsupportedCard }
        do {
            session = try PKCS11Session(module: module, slot: found.id)
        } catch {
            throw error.tokenError(at: .findToken)
        }
        self.module = module
        self.channel = channel
        slot = found.id
    }

    /// The certificate whose key usage allows signing, else the first; its key is found by the
    /// same `CKA_ID` when signing, since modules may show private keys only after `C_Login`.
    func readCertificate() throws(TokenError) -> CardCertificate {
        var readable: [(id: [UInt8], certificate: CardCertificate)] = []
        var unreadable: TokenError?
        do {
            for (id, der) in try session.certificates() {
                do {
                    readable.append((id, try CardCertificate(der: der)))
                } catch {
                    unreadable = unreadable ?? error.tokenError
                }
            }
        } catch {
            throw error.tokenError(at: .readCertificate)
        }
        guard let chosen = readable.first(where: { $0.certificate.allowsDigitalSignature }) ?? readable.first else {
            throw unreadable ?? .notPersonalised
        }
        keyID = chosen.id
        keyBits = chosen.certificate.publicKeyBits
        return chosen.certificate
    }

    func passcodeStatus() throws(TokenError) -> PasscodeStatus {
        PKCS11PasscodeMapping.status(try tries(at: .passcodeStatus))
    }

    func verify(passcode: SecretBuffer) throws(TokenError) -> PasscodeVerification {
        defer { passcode.wipe() }
        guard !passcode.overflowed, AuthenticationCard.passcodeLengths.contains(passcode.count) else { return .badFormat }
        let result = session.logIn(passcode: passcode)
        let after = result == CK_RV(CKR_PIN_INCORRECT) ? try tries(at: .verifyPasscode) : .unknown
        guard let verification = PKCS11PasscodeMapping.verification(after: result, tries: after) else {
            throw PKCS11Error.call("C_Login", result).tokenError(at: .verifyPasscode)
        }
        if verification == .verified {
            acceptedPasscode.wipe()
            passcode.withUnsafeBytes { $0.forEach(acceptedPasscode.append) }
            try unverify()
        }
        return verification
    }

    func sign(_ message: MessageToSign) throws(TokenError) -> [UInt8] {
        guard let keyID else { throw .notPersonalised }
        guard !acceptedPasscode.isEmpty else { throw .passcodeNotVerified }
        let loggedIn = session.logIn(passcode: acceptedPasscode)
        acceptedPasscode.wipe()
        guard loggedIn == CK_RV(CKR_OK) || loggedIn == CK_RV(CKR_USER_ALREADY_LOGGED_IN) else {
            throw PKCS11Error.call("C_Login", loggedIn).tokenError(at: .sign)
        }
        let found: CK_OBJECT_HANDLE?
        let listed: Set<CK_MECHANISM_TYPE>
        do {
            found = try session.privateKey(id: keyID)
            listed = try module.mechanisms(in: slot)
        } catch {
            throw error.tokenError(at: .sign)
        }
        // Modules may show the key only once logged in (OpenSC's PIV driver does).
        guard let key = found else { throw .passcodeNotVerified }
        guard let signing = PKCS11Signing(message, listed: listed) else {
            throw .signingRefused(
                "The card's PKCS#11 module offers neither \(PKCS11Signing.hashAndSignName(message.digest)) nor CKM_RSA_PKCS.")
        }
        let signature: [UInt8]
        do {
            signature = try session.sign(signing.input, with: key, mechanism: signing.mechanism)
        } catch {
            throw error.tokenError(at: .sign)
        }
        try unverify()
        if let keyBits, signature.count != (keyBits + 7) / 8 { throw .malformedSignature(length: signature.count) }
        return signature
    }

    /// Logs out and resets the card, keeping the connection and the session.
    private func unverify() throws(TokenError) {
        session.logOut()
        do {
            try channel.reset()
        } catch {
            throw CardProfileError.card(error).tokenError
        }
    }

    func close() {
        acceptedPasscode.wipe()
        session.close()
        channel.disconnect()
    }

    private func tries(at step: CardStep) throws(TokenError) -> PKCS11PasscodeTries {
        do {
            return PKCS11Slot.passcodeTries(flags: try module.tokenFlags(in: slot))
        } catch {
            throw error.tokenError(at: step)
        }
    }
}
