import Crypto
import Foundation

/// The digests the card signs over, and their PKCS#1 `DigestInfo` encodings.
public enum SignatureDigest: String, CaseIterable, Sendable {
    case sha256
    case sha1

    /// The DER `DigestInfo` prefix (algorithm identifier, then the octet string header).
    public var digestInfoPrefix: [UInt8] {
        switch self {
        case .sha256:
            [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
             0x05, 0x00, 0x04, 0x20]
        case .sha1:
            [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A, 0x05, 0x00, 0x04, 0x14]
        }
    }

    /// The digest's length in bytes.
    public var byteCount: Int { self == .sha256 ? 32 : 20 }

    /// `DigestInfo(hash(message))`, ready for the card's PSO: COMPUTE DIGITAL SIGNATURE.
    public func digestInfo(for message: some DataProtocol) -> [UInt8] {
        switch self {
        case .sha256: digestInfoPrefix + Array(SHA256.hash(data: message))
        case .sha1: digestInfoPrefix + Array(Insecure.SHA1.hash(data: message))
        }
    }

    /// The digest a DER `DigestInfo` names, when it is one of these and well formed.
    public init?(digestInfo: some Collection<UInt8>) {
        let bytes = Array(digestInfo)
        guard let match = Self.allCases.first(where: {
            bytes.count == $0.digestInfoPrefix.count + $0.byteCount && bytes.starts(with: $0.digestInfoPrefix)
        }) else { return nil }
        self = match
    }
}
