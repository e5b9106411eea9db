import CPKCS11
import PKCS1
@testable import PKCS11Token
import SmartCard
import Testing

@Suite("PKCS#11 answers as the kiosk's passcode states, slots and mechanisms")
struct PKCS11MappingTests {
    @Test("token flags: locked 0, final try 1, otherwise unknown")
    func flags() {
        let locked = PKCS11Slot.passcodeTries(flags: CK_FLAGS(CKF_USER_PIN_LOCKED | CKF_USER_PIN_FINAL_TRY))
        #expect(locked == .blocked)
        #expect(PKCS11Slot.passcodeTries(flags: CK_FLAGS(CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_COUNT_LOW)) == .finalTry)
        #expect(PKCS11Slot.passcodeTries(flags: CK_FLAGS(CKF_USER_PIN_COUNT_LOW)) == .low)
        #expect(PKCS11Slot.passcodeTries(flags: CK_FLAGS(CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED)) == .unknown)

        #expect(PKCS11PasscodeMapping.status(.blocked) == .blocked)
        #expect(PKCS11PasscodeMapping.status(.finalTry) == .triesLeft(1))
        #expect(PKCS11PasscodeMapping.status(.low) == .triesUnknown)
        #expect(PKCS11PasscodeMapping.status(.unknown) == .triesUnknown)
    }

    @Test("C_Login's answers, with the flags read after a wrong passcode")
    func login() {
        func verification(_ value: UInt, _ tries: PKCS11PasscodeTries = .unknown) -> PasscodeVerification? {
            PKCS11PasscodeMapping.verification(after: CK_RV(value), tries: tries)
        }
        #expect(verification(CKR_OK) == .verified)
        #expect(verification(CKR_USER_ALREADY_LOGGED_IN) == .verified)
        #expect(verification(CKR_PIN_INCORRECT) == .wrong(triesLeft: nil))
        #expect(verification(CKR_PIN_INCORRECT, .low) == .wrong(triesLeft: nil))
        #expect(verification(CKR_PIN_INCORRECT, .finalTry) == .wrong(triesLeft: 1))
        #expect(verification(CKR_PIN_INCORRECT, .blocked) == .blocked)
        #expect(verification(CKR_PIN_LOCKED) == .blocked)
        #expect(verification(CKR_PIN_LEN_RANGE) == .badFormat)
        #expect(verification(CKR_DEVICE_ERROR) == nil)
    }

    @Test("module errors at the seam: removal, not logged in, anything else named")
    func errors() {
        #expect(PKCS11Error.call("C_Sign", CK_RV(CKR_DEVICE_REMOVED)).tokenError(at: .sign) == .removed)
        #expect(PKCS11Error.call("C_Login", CK_RV(CKR_TOKEN_NOT_PRESENT)).tokenError(at: .verifyPasscode) == .removed)
        #expect(PKCS11Error.call("C_SignInit", CK_RV(CKR_USER_NOT_LOGGED_IN)).tokenError(at: .sign) == .passcodeNotVerified)
        #expect(PKCS11Error.call("C_FindObjects", CK_RV(CKR_DEVICE_ERROR)).tokenError(at: .readCertificate) == .unexpectedAnswer(
            "The card's PKCS#11 module answered C_FindObjects with CKR_DEVICE_ERROR when asked to read the certificate.",
            step: .readCertificate))
    }

    @Test("the slot is the reader's: by its whole name, or the 64 bytes that fit")
    func slots() {
        let slot = PKCS11Slot(id: 1, description: "Token PCD 00 00", tokenLabel: "555100000001", tokenFlags: 0)
        #expect(slot.sits(in: "Token PCD 00 00"))
        #expect(!slot.sits(in: "Token PCD 00 01"))
        #expect(!slot.sits(in: "Token PCD 00 00 and more"))
        let long = String(repeating: "R", count: 70)
        let cut = PKCS11Slot(id: 2, description: String(long.prefix(64)), tokenLabel: "", tokenFlags: 0)
        #expect(cut.sits(in: long))
        #expect(!cut.sits(in: String(repeating: "S", count: 70)))
    }

    @Test("hash-and-sign over the message when listed, else CKM_RSA_PKCS over the DigestInfo, else nothing")
    func mechanism() {
        let rsa = CK_MECHANISM_TYPE(CKM_RSA_PKCS)
        let sha1 = CK_MECHANISM_TYPE(CKM_SHA1_RSA_PKCS)
        let sha256 = CK_MECHANISM_TYPE(CKM_SHA256_RSA_PKCS)
        let message = Array("challenge".utf8)
        let gas = MessageToSign(bytes: message, digest: .sha1)
        let prescription = MessageToSign(bytes: message, digest: .sha256)

        #expect(PKCS11Signing(gas, listed: [rsa, sha1, sha256]) == PKCS11Signing(mechanism: sha1, input: message))
        #expect(PKCS11Signing(prescription, listed: [rsa, sha1, sha256]) == PKCS11Signing(mechanism: sha256, input: message))
        #expect(PKCS11Signing(gas, listed: [rsa, sha256]) == PKCS11Signing(mechanism: rsa, input: gas.digestInfo))
        #expect(PKCS11Signing(prescription, listed: [rsa]) == PKCS11Signing(mechanism: rsa, input: prescription.digestInfo))
        #expect(PKCS11Signing(gas, listed: [sha256]) == nil)
        #expect(PKCS11Signing.hashAndSignName(.sha1) == "CKM_SHA1_RSA_PKCS")
    }
}
