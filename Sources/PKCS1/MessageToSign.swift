/// What a card is asked to sign: the message itself and the digest to sign it with (PKCS#1 v1.5).
///
/// A token that hashes for itself (PKCS#11's `CKM_SHA1_RSA_PKCS`) takes the message; one that only
/// signs a prepared block (the kiosk's card profile, `CKM_RSA_PKCS`) takes ``digestInfo``.
public struct MessageToSign: Sendable, Equatable {
    public let bytes: [UInt8]
    public let digest: SignatureDigest

    public init(bytes: [UInt8], digest: SignatureDigest) {
        self.bytes = bytes
        self.digest = digest
    }

    /// The DER `DigestInfo` over the message: what an RSA key signs without hashing.
    public var digestInfo: [UInt8] { digest.digestInfo(over: bytes) }
}
