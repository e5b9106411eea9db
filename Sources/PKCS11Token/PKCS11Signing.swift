import CPKCS11

/// How the token is asked to sign the DigestInfo the kiosk builds (PKCS#1 v1.5).
enum PKCS11Signing {
    /// `CKM_RSA_PKCS` over the DigestInfo, if the token lists it. The hash-and-sign mechanisms
    /// (`CKM_SHA256_RSA_PKCS`) need the message itself, which the GAS signer does not hand over.
    static func mechanism(listed: Set<CK_MECHANISM_TYPE>) -> CK_MECHANISM_TYPE? {
        listed.contains(CK_MECHANISM_TYPE(CKM_RSA_PKCS)) ? CK_MECHANISM_TYPE(CKM_RSA_PKCS) : nil
    }
}
