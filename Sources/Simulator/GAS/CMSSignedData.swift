import SwiftASN1
import X509

/// The parts of a CMS `SignedData` (RFC 5652) that GAS verification needs: one signer, attached
/// content, the signer's certificate among `certificates`.
///
/// Parsed with swift-asn1 because swift-certificates' CMS (SPI) may refuse a `SignerInfo` whose
/// signature algorithm is plain `rsaEncryption`, which is what the GAS protocol carries.
struct CMSSignedData {
    var digestAlgorithm: ASN1ObjectIdentifier
    var signatureAlgorithm: ASN1ObjectIdentifier
    var content: [UInt8]
    /// The plain certificates of `certificates`, unparsed: the verifier decides what it reads.
    var certificates: [ASN1Node]
    var signerIssuer: DistinguishedName
    var signerSerial: ArraySlice<UInt8>
    var signature: [UInt8]

    /// Parses a DER `ContentInfo` holding a `SignedData`.
    init(der: [UInt8]) throws(CMSError) {
        do {
            self = try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                let contentType = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard contentType == CMSObjectIdentifier.signedData else {
                    throw CMSError.malformed("content type \(contentType) is not signedData")
                }
                return try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                    try Self.parseSignedData(node)
                }
            }
        } catch let error as CMSError {
            throw error
        } catch {
            throw .malformed("\(error)")
        }
    }

    private init(
        digestAlgorithm: ASN1ObjectIdentifier, signatureAlgorithm: ASN1ObjectIdentifier, content: [UInt8],
        certificates: [ASN1Node], signerIssuer: DistinguishedName, signerSerial: ArraySlice<UInt8>, signature: [UInt8]
    ) {
        self.digestAlgorithm = digestAlgorithm
        self.signatureAlgorithm = signatureAlgorithm
        self.content = content
        self.certificates = certificates
        self.signerIssuer = signerIssuer
        self.signerSerial = signerSerial
        self.signature = signature
    }

    private static func parseSignedData(_ node: ASN1Node) throws -> CMSSignedData {
        try DER.sequence(node, identifier: .sequence) { nodes in
            _ = try Int(derEncoded: &nodes)  // version
            let digestAlgorithms = try DER.set(of: CMSAlgorithmIdentifier.self, identifier: .set, nodes: &nodes)
            let content = try parseEncapsulatedContent(&nodes)
            let certificates = try DER.optionalImplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                try parseCertificates($0)
            } ?? []
            _ = DER.optionalImplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { $0 }  // crls
            let signers = try DER.set(of: CMSSignerInfo.self, identifier: .set, nodes: &nodes)
            guard signers.count == 1, let signer = signers.first else {
                throw CMSError.malformed("expected one SignerInfo, found \(signers.count)")
            }
            guard digestAlgorithms.contains(where: { $0.algorithm == signer.digestAlgorithm }) else {
                throw CMSError.malformed("signer's digest algorithm is not among digestAlgorithms")
            }
            return CMSSignedData(
                digestAlgorithm: signer.digestAlgorithm, signatureAlgorithm: signer.signatureAlgorithm,
                content: content, certificates: certificates,
                signerIssuer: signer.issuer, signerSerial: signer.serial, signature: signer.signature)
        }
    }

    private static func parseEncapsulatedContent(_ nodes: inout ASN1NodeCollection.Iterator) throws -> [UInt8] {
        guard let node = nodes.next() else { throw CMSError.malformed("encapContentInfo missing") }
        return try DER.sequence(node, identifier: .sequence) { inner in
            let type = try ASN1ObjectIdentifier(derEncoded: &inner)
            guard type == CMSObjectIdentifier.data else { throw CMSError.malformed("eContentType \(type) is not id-data") }
            let octets = try DER.optionalExplicitlyTagged(&inner, tagNumber: 0, tagClass: .contextSpecific) {
                try ASN1OctetString(derEncoded: $0)
            }
            guard let octets else { throw CMSError.malformed("content is detached; attached content expected") }
            return Array(octets.bytes)
        }
    }

    private static func parseCertificates(_ node: ASN1Node) throws -> [ASN1Node] {
        guard case .constructed(let children) = node.content else {
            throw CMSError.malformed("certificates is not constructed")
        }
        // CertificateChoices other than a plain certificate carry a context tag: skip them.
        return children.filter { $0.identifier == .sequence }
    }
}

/// Why a CMS structure is unusable.
enum CMSError: Error, Equatable {
    case malformed(String)
}

/// `SignerInfo`, version 1 (issuerAndSerialNumber), without signed attributes.
private struct CMSSignerInfo: DERParseable {
    var issuer: DistinguishedName
    var serial: ArraySlice<UInt8>
    var digestAlgorithm: ASN1ObjectIdentifier
    var signatureAlgorithm: ASN1ObjectIdentifier
    var signature: [UInt8]

    init(derEncoded node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            _ = try Int(derEncoded: &nodes)  // version
            guard let sid = nodes.next(), sid.identifier == .sequence else {
                throw CMSError.malformed("signer identifier is not issuerAndSerialNumber")
            }
            let (issuer, serial) = try DER.sequence(sid, identifier: .sequence) { inner in
                guard let name = inner.next() else { throw CMSError.malformed("issuer missing") }
                return (try DistinguishedName(derEncoded: name), try ArraySlice<UInt8>(derEncoded: &inner))
            }
            let digest = try CMSAlgorithmIdentifier(derEncoded: &nodes)
            if DER.optionalImplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific, { $0 }) != nil {
                throw CMSError.malformed("signed attributes are not supported")
            }
            let signatureAlgorithm = try CMSAlgorithmIdentifier(derEncoded: &nodes)
            let signature = try ASN1OctetString(derEncoded: &nodes)
            _ = DER.optionalImplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { $0 }  // unsigned attrs
            return CMSSignerInfo(
                issuer: issuer, serial: serial, digestAlgorithm: digest.algorithm,
                signatureAlgorithm: signatureAlgorithm.algorithm, signature: Array(signature.bytes))
        }
    }

    private init(
        issuer: DistinguishedName, serial: ArraySlice<UInt8>, digestAlgorithm: ASN1ObjectIdentifier,
        signatureAlgorithm: ASN1ObjectIdentifier, signature: [UInt8]
    ) {
        self.issuer = issuer
        self.serial = serial
        self.digestAlgorithm = digestAlgorithm
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
    }
}

/// `AlgorithmIdentifier`; parameters are ignored.
private struct CMSAlgorithmIdentifier: DERParseable {
    var algorithm: ASN1ObjectIdentifier

    init(derEncoded node: ASN1Node) throws {
        algorithm = try DER.sequence(node, identifier: .sequence) { nodes in
            let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
            _ = nodes.next()
            return oid
        }
    }
}

/// Object identifiers of the CMS structures and algorithms GAS uses.
enum CMSObjectIdentifier {
    static let data: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 1]
    static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
    static let sha1: ASN1ObjectIdentifier = [1, 3, 14, 3, 2, 26]
    static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
    static let sha1WithRSAEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 5]
    static let sha256WithRSAEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 11]
}
