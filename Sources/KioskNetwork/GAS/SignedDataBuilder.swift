import PKCS1
import SwiftASN1

/// Builds the CMS `SignedData` (RFC 5652) that answers a GAS challenge, signed by someone else.
///
/// swift-certificates' CMS is SPI and signs only with a key it holds; the card holds this key,
/// so the structure is written here with swift-asn1's DER serializer:
/// version 1; digestAlgorithms {digest}; id-data with the challenge attached; the certificate
/// exactly as read; one SignerInfo, version 1, issuerAndSerialNumber, no signed attributes,
/// rsaEncryption, the signature over `DigestInfo(digest(challenge))`.
public enum SignedDataBuilder {
    /// Signs the message with the card's private key (PKCS#1 v1.5) and returns the signature.
    public typealias Signer = @Sendable (_ message: MessageToSign) async throws -> [UInt8]

    public enum Failure: Error {
        /// The certificate is not a DER X.509 certificate (its issuer or serial cannot be read).
        case invalidCertificate
        /// The signer threw; its error is kept.
        case signerFailed(any Error)
        /// The signer returned no bytes.
        case emptySignature
    }

    private static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
    private static let data: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 1]
    private static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]

    /// The DER `ContentInfo` holding the signed challenge.
    public static func build(
        challenge: [UInt8], certificateDER: [UInt8], digest: SignatureDigest, signer: Signer
    ) async throws(Failure) -> [UInt8] {
        let issuer: ASN1Node
        let serial: ASN1Node
        do {
            (issuer, serial) = try issuerAndSerial(of: certificateDER)
        } catch {
            throw .invalidCertificate
        }
        let signature: [UInt8]
        do {
            signature = try await signer(MessageToSign(bytes: challenge, digest: digest))
        } catch {
            throw .signerFailed(error)
        }
        guard !signature.isEmpty else { throw .emptySignature }
        do {
            return try encode(
                challenge: challenge, certificateDER: certificateDER, issuer: issuer, serial: serial,
                digest: digest, signature: signature)
        } catch {
            throw .invalidCertificate  // the certificate bytes did not form one DER node
        }
    }

    private static func encode(
        challenge: [UInt8], certificateDER: [UInt8], issuer: ASN1Node, serial: ASN1Node,
        digest: SignatureDigest, signature: [UInt8]
    ) throws -> [UInt8] {
        let certificate = try DER.parse(certificateDER)
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { contentInfo in
            try contentInfo.serialize(signedData)
            try contentInfo.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                explicit in
                try explicit.appendConstructedNode(identifier: .sequence) { signed in
                    try signed.serialize(1)
                    try signed.appendConstructedNode(identifier: .set) { algorithms in
                        try appendAlgorithm(digest, to: &algorithms)
                    }
                    try signed.appendConstructedNode(identifier: .sequence) { encapsulated in
                        try encapsulated.serialize(data)
                        try encapsulated.appendConstructedNode(
                            identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                        ) { content in
                            try content.serialize(ASN1OctetString(contentBytes: challenge[...]))
                        }
                    }
                    signed.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                        certificates in
                        certificates.serialize(certificate)
                    }
                    try signed.appendConstructedNode(identifier: .set) { signerInfos in
                        try signerInfos.appendConstructedNode(identifier: .sequence) { signerInfo in
                            try signerInfo.serialize(1)
                            signerInfo.appendConstructedNode(identifier: .sequence) { sid in
                                sid.serialize(issuer)
                                sid.serialize(serial)
                            }
                            try appendAlgorithm(digest, to: &signerInfo)
                            try signerInfo.appendConstructedNode(identifier: .sequence) { algorithm in
                                try algorithm.serialize(rsaEncryption)
                                try algorithm.serialize(ASN1Null())
                            }
                            try signerInfo.serialize(ASN1OctetString(contentBytes: signature[...]))
                        }
                    }
                }
            }
        }
        return serializer.serializedBytes
    }

    /// A digest AlgorithmIdentifier as OpenSSL writes it in CMS: SHA-1 with NULL parameters,
    /// SHA-256 with none (RFC 5754 §2).
    private static func appendAlgorithm(_ digest: SignatureDigest, to coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { algorithm in
            try algorithm.serialize(digest.oid)
            if digest == .sha1 { try algorithm.serialize(ASN1Null()) }
        }
    }

    /// The issuer Name and serialNumber nodes of a certificate, byte for byte as encoded.
    static func issuerAndSerial(of certificateDER: [UInt8]) throws -> (issuer: ASN1Node, serial: ASN1Node) {
        let certificate = try DER.parse(certificateDER)
        guard case .constructed(let parts) = certificate.content else {
            throw ASN1Error.unexpectedFieldType(certificate.identifier)
        }
        var certificateParts = parts.makeIterator()
        guard let tbs = certificateParts.next(), case .constructed(let fields) = tbs.content
        else { throw ASN1Error.unexpectedFieldType(certificate.identifier) }
        var iterator = fields.makeIterator()
        guard var field = iterator.next() else { throw ASN1Error.invalidASN1Object(reason: "empty TBSCertificate") }
        if field.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {  // [0] version
            guard let next = iterator.next() else { throw ASN1Error.invalidASN1Object(reason: "no serial") }
            field = next
        }
        let serial = field
        guard serial.identifier == ASN1Identifier.integer, iterator.next() != nil,  // signature AlgorithmIdentifier
            let issuer = iterator.next(), issuer.identifier == ASN1Identifier.sequence
        else { throw ASN1Error.invalidASN1Object(reason: "not a certificate") }
        return (issuer, serial)
    }
}
