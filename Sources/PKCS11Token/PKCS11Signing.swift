import CPKCS11
import PKCS1

/// How the token is asked to sign a message (PKCS#1 v1.5): by the hash-and-sign mechanism for the
/// message's digest (`CKM_SHA1_RSA_PKCS`, `CKM_SHA256_RSA_PKCS`) when the token lists it, so that
/// the module hashes; otherwise by `CKM_RSA_PKCS` over the `DigestInfo` the kiosk builds, as SSSD
/// does with tokens that list only that.
struct PKCS11Signing: Equatable {
    let mechanism: CK_MECHANISM_TYPE
    /// What `C_Sign` is given: the message itself, or its `DigestInfo`.
    let input: [UInt8]
}

extension PKCS11Signing {
    /// Nil when the token lists neither mechanism.
    init?(_ message: MessageToSign, listed: Set<CK_MECHANISM_TYPE>) {
        let hashing = Self.hashAndSign(message.digest)
        if listed.contains(hashing) {
            (mechanism, input) = (hashing, message.bytes)
        } else if listed.contains(CK_MECHANISM_TYPE(CKM_RSA_PKCS)) {
            (mechanism, input) = (CK_MECHANISM_TYPE(CKM_RSA_PKCS), message.digestInfo)
        } else {
            return nil
        }
    }

    /// The mechanism that hashes with `digest` and signs with PKCS#1 v1.5.
    static func hashAndSign(_ digest: SignatureDigest) -> CK_MECHANISM_TYPE {
        switch digest {
        case .sha256: CK_MECHANISM_TYPE(CKM_SHA256_RSA_PKCS)
        case .sha1: CK_MECHANISM_TYPE(CKM_SHA1_RSA_PKCS)
        }
    }

    /// That mechanism's standard name, for messages.
    static func hashAndSignName(_ digest: SignatureDigest) -> String {
        switch digest {
        case .sha256: "CKM_SHA256_RSA_PKCS"
        case .sha1: "CKM_SHA1_RSA_PKCS"
        }
    }
}
