import Crypto
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
        case .sha256: SHA256.byteCount
        case .sha1: Insecure.SHA1.byteCount
        }
    }

    /// The digest of `bytes`.
    public func hash(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha1: Array(Insecure.SHA1.hash(data: bytes))
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
