import COpenSSL
import SwiftASN1

/// The digest a card signs over: SHA-256, or SHA-1 for legacy servers. It names the PKCS#1 v1.5
/// `DigestInfo` (RFC 8017 §9.2) that the card's RSA key signs, and recognises one.
public enum SignatureDigest: String, Sendable, CaseIterable {
    case sha256
    case sha1

    /// The algorithm's object identifier.
    public var oid: ASN1ObjectIdentifier {
        switch self {
        case .sha256: [2, 16, 840, 1, 101, 3, 4, 2, 1]
        case .sha1: [1, 3, 14, 3, 2, 26]
        }
    }

    /// The digest's length in bytes.
    public var byteCount: Int {
        switch self {
        case .sha256: 32
        case .sha1: 20
        }
    }

    /// The digest of `bytes`, computed by the system's libcrypto.
    public func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let done = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, algorithm, nil)
        }
        // Fails only if libcrypto cannot allocate a digest context.
        precondition(done == 1 && length == byteCount, "libcrypto could not compute \(rawValue)")
        return digest
    }

    /// libcrypto's implementation of the algorithm.
    private var algorithm: OpaquePointer {
        switch self {
        case .sha256: EVP_sha256()
        case .sha1: EVP_sha1()
        }
    }

    /// The `DigestInfo` over `bytes`: what the card's RSA key signs. Its AlgorithmIdentifier
    /// carries NULL parameters, as in the RFC's fixed prefixes.
    public func digestInfo(over bytes: [UInt8]) -> [UInt8] {
        digestInfo(wrapping: hash(bytes))
    }

    /// The digest a DER `DigestInfo` names, when it is a well-formed one of these.
    public init?(digestInfo: some Collection<UInt8>) {
        let bytes = Array(digestInfo)
        guard let match = Self.allCases.first(where: {
            bytes.count == $0.digestInfoPrefix.count + $0.byteCount && bytes.starts(with: $0.digestInfoPrefix)
        }) else { return nil }
        self = match
    }

    /// The DER bytes of a `DigestInfo` that come before the digest itself.
    public var digestInfoPrefix: [UInt8] {
        Array(digestInfo(wrapping: [UInt8](repeating: 0, count: byteCount)).dropLast(byteCount))
    }

    private func digestInfo(wrapping digest: [UInt8]) -> [UInt8] {
        var serializer = DER.Serializer()
        // Cannot fail: only fixed identifiers and an octet string are written.
        try? serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(oid)
                try coder.serialize(ASN1Null())
            }
            try coder.serialize(ASN1OctetString(contentBytes: digest[...]))
        }
        return serializer.serializedBytes
    }
}
