import Crypto
import SwiftASN1

/// The digest the card signs over the challenge: SHA-256, or SHA-1 for legacy servers.
public enum SignatureDigest: String, Sendable, CaseIterable {
    case sha256
    case sha1

    /// The algorithm's object identifier.
    var oid: ASN1ObjectIdentifier {
        switch self {
        case .sha256: [2, 16, 840, 1, 101, 3, 4, 2, 1]
        case .sha1: [1, 3, 14, 3, 2, 26]
        }
    }

    /// The digest of `bytes`.
    public func hash(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha1: Array(Insecure.SHA1.hash(data: bytes))
        }
    }

    /// The PKCS#1 v1.5 `DigestInfo` (RFC 8017 §9.2) over `bytes`: what the card's RSA key signs.
    /// Its AlgorithmIdentifier carries NULL parameters, as in the RFC's fixed prefixes.
    public func digestInfo(over bytes: [UInt8]) -> [UInt8] {
        var serializer = DER.Serializer()
        // Cannot fail: only fixed identifiers and an octet string are written.
        try? serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(oid)
                try coder.serialize(ASN1Null())
            }
            try coder.serialize(ASN1OctetString(contentBytes: hash(bytes)[...]))
        }
        return serializer.serializedBytes
    }
}
