import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// Checks a GAS `response` parameter: base64 → S/MIME text → base64 DER → CMS `SignedData`, an RSA
/// PKCS#1 v1.5 signature over `DigestInfo(hash(content))` by a certificate the trust anchors issued.
public struct ChallengeResponseVerifier: Sendable {
    /// The CAs that issue card certificates.
    public var trustAnchors: [Certificate]

    public init(trustAnchors: [Certificate]) {
        self.trustAnchors = trustAnchors
    }

    /// Returns the signed content and the signer's certificate, or says why not.
    public func verify(response: String, now: Date) throws(ChallengeResponseError) -> VerifiedChallengeResponse {
        let text = try SMIMEText(response: response)
        let signedData: CMSSignedData
        do {
            signedData = try CMSSignedData(der: text.der)
        } catch {
            guard case .malformed(let reason) = error else { throw .malformed("CMS") }
            throw .malformed("CMS: \(reason)")
        }
        let certificate = try signerCertificate(of: signedData)
        try checkSignature(of: signedData, by: certificate)
        try checkIssuer(of: certificate, now: now)
        return VerifiedChallengeResponse(content: signedData.content, certificate: certificate, smimeQuirks: text.quirks)
    }

    /// The certificate that `sid` names. A certificate that is not DER cannot be it: its issuer
    /// signed the DER encoding, and a GAS verifying that signature over the bytes it received (as
    /// Java's and OpenSSL's X.509 code do) refuses a certificate re-encoded in BER. Real NHS card
    /// certificates have no BOOLEAN, so a client's BER re-encoding leaves them unchanged.
    private func signerCertificate(of signedData: CMSSignedData) throws(ChallengeResponseError) -> Certificate {
        let serial = Self.magnitude(signedData.signerSerial)
        var unreadable: String?
        for node in signedData.certificates {
            guard let certificate = try? Certificate(derEncoded: node) else {
                unreadable = BERBoolean.found(in: node)
                    ? "the certificate is BER, not DER (a BOOLEAN is neither 00 nor FF): its issuer signed the DER"
                    : "a certificate in the SignedData cannot be read"
                continue
            }
            if certificate.issuer == signedData.signerIssuer, Self.magnitude(certificate.serialNumber.bytes) == serial {
                return certificate
            }
        }
        throw .rejected(unreadable ?? "the signer's certificate is not in the SignedData")
    }

    private func checkSignature(of signedData: CMSSignedData, by certificate: Certificate) throws(ChallengeResponseError) {
        guard let key = _RSA.Signing.PublicKey(certificate.publicKey) else {
            throw .rejected("the signer's key is not RSA")
        }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: signedData.signature)
        let valid: Bool
        switch (signedData.digestAlgorithm, signedData.signatureAlgorithm) {
        case (CMSObjectIdentifier.sha256, CMSObjectIdentifier.rsaEncryption),
             (CMSObjectIdentifier.sha256, CMSObjectIdentifier.sha256WithRSAEncryption):
            valid = key.isValidSignature(signature, for: SHA256.hash(data: signedData.content), padding: .insecurePKCS1v1_5)
        case (CMSObjectIdentifier.sha1, CMSObjectIdentifier.rsaEncryption),
             (CMSObjectIdentifier.sha1, CMSObjectIdentifier.sha1WithRSAEncryption):
            valid = key.isValidSignature(
                signature, for: Insecure.SHA1.hash(data: signedData.content), padding: .insecurePKCS1v1_5)
        default:
            throw .malformed("unsupported algorithms \(signedData.digestAlgorithm) / \(signedData.signatureAlgorithm)")
        }
        guard valid else { throw .rejected("the signature does not verify") }
    }

    private func checkIssuer(of certificate: Certificate, now: Date) throws(ChallengeResponseError) {
        let issued = trustAnchors.contains {
            $0.subject == certificate.issuer && $0.publicKey.isValidSignature(certificate.signature, for: certificate)
        }
        guard issued else { throw .rejected("the certificate was not issued by a trusted CA") }
        guard certificate.notValidBefore <= now, now <= certificate.notValidAfter else {
            throw .rejected("the certificate is not valid now")
        }
    }

    private static func magnitude(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.drop { $0 == 0 }
    }
}

/// A response whose signature, signer and certificate checked out.
public struct VerifiedChallengeResponse: Sendable {
    /// The encapsulated content: the challenge bytes as the card signed them.
    public let content: [UInt8]
    public let certificate: Certificate
    /// How the S/MIME text around the CMS departs from the spec's form.
    public let smimeQuirks: [SMIMEQuirk]

    /// The subject CN of the signer's certificate (the card holder's UID), if any.
    public var subjectCommonName: String? {
        for rdn in certificate.subject {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                return String(describing: attribute.value)
            }
        }
        return nil
    }
}

/// Why a challenge response was refused.
public enum ChallengeResponseError: Error, Equatable, Sendable {
    /// Not decodable: GAS answers `AUTHDATA_SYNTAX_ERROR`.
    case malformed(String)
    /// Decodable but not acceptable: GAS answers `AUTHENTICATION_FAILED`.
    case rejected(String)
}
