import PKCS1
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
import _CryptoExtras

@testable import KioskNetwork

/// The CMS structure checked by the independent referee, `openssl cms -verify`.
@Suite struct SignedDataTests {
    /// A software stand-in for the card: checks it is given the challenge and digest, then signs
    /// with PKCS#1 v1.5.
    static func signer(key: _RSA.Signing.PrivateKey, challenge: [UInt8], digest: SignatureDigest) -> SignedDataBuilder.Signer {
        { message in
            guard message == MessageToSign(bytes: challenge, digest: digest) else { throw SignerError.unexpectedMessage }
            let signature = switch digest {
            case .sha256: try key.signature(for: SHA256.hash(data: challenge), padding: .insecurePKCS1v1_5)
            case .sha1: try key.signature(for: Insecure.SHA1.hash(data: challenge), padding: .insecurePKCS1v1_5)
            }
            return Array(signature.rawRepresentation)
        }
    }

    enum SignerError: Error { case unexpectedMessage, cardRemoved }

    /// Runs `openssl cms -verify` on `der`; returns the encapsulated content it prints.
    static func opensslVerify(_ der: [UInt8], trust: String?) throws -> (status: Int32, content: [UInt8], error: String) {
        let directory = try TemporaryDirectory()
        let input = try directory.file("sig.der", contents: Data(der))
        let output = directory.path + "/content.bin"
        var arguments = ["cms", "-verify", "-inform", "DER", "-binary", "-in", input, "-out", output]
        arguments += trust.map { ["-CAfile", $0] } ?? ["-noverify"]
        let result = try Command.run("/usr/bin/openssl", arguments)
        let content = (try? Data(contentsOf: URL(fileURLWithPath: output))).map(Array.init) ?? []
        return (result.status, content, result.error)
    }

    @Test(arguments: SignatureDigest.allCases)
    func opensslVerifiesTheSignatureAndPrintsTheChallenge(_ digest: SignatureDigest) async throws {
        let card = try TestPKI.sharedCard.get()
        let challenge = (0..<48).map { _ in UInt8.random(in: 0...255) }
        let der = try await SignedDataBuilder.build(
            challenge: challenge, certificateDER: card.der, digest: digest,
            signer: Self.signer(key: card.key, challenge: challenge, digest: digest))

        let unverifiedChain = try Self.opensslVerify(der, trust: nil)
        #expect(unverifiedChain.status == 0, "\(unverifiedChain.error)")
        #expect(unverifiedChain.content == challenge)

        let directory = try TemporaryDirectory()
        let anchor = try directory.file("card.pem", text: try card.certificate.serializeAsPEM().pemString)
        let trusted = try Self.opensslVerify(der, trust: anchor)
        #expect(trusted.status == 0, "\(trusted.error)")
        #expect(trusted.content == challenge)
    }

    @Test func structureIsTheSpecShape() async throws {
        let card = try TestPKI.sharedCard.get()
        let challenge = Array("challenge".utf8)
        let der = try await SignedDataBuilder.build(
            challenge: challenge, certificateDER: card.der, digest: .sha256,
            signer: Self.signer(key: card.key, challenge: challenge, digest: .sha256))
        let root = try DER.parse(der)
        let contentInfo = try children(root)
        #expect(try ASN1ObjectIdentifier(derEncoded: contentInfo[0]) == [1, 2, 840, 113549, 1, 7, 2])
        let signedData = try children(try children(contentInfo[1])[0])
        #expect(signedData.count == 5)  // version, digestAlgorithms, encapContentInfo, [0] certificates, signerInfos
        #expect(try Int(derEncoded: signedData[0]) == 1)
        let digestAlgorithm = try children(try children(signedData[1])[0])
        #expect(try ASN1ObjectIdentifier(derEncoded: digestAlgorithm[0]) == [2, 16, 840, 1, 101, 3, 4, 2, 1])
        let encapsulated = try children(signedData[2])
        #expect(try ASN1ObjectIdentifier(derEncoded: encapsulated[0]) == [1, 2, 840, 113549, 1, 7, 1])
        #expect(try ASN1OctetString(derEncoded: try children(encapsulated[1])[0]).bytes == challenge[...])
        #expect(Array(try children(signedData[3])[0].encodedBytes) == card.der)
        let signerInfo = try children(try children(signedData[4])[0])
        #expect(signerInfo.count == 5)  // no signed or unsigned attributes
        #expect(try Int(derEncoded: signerInfo[0]) == 1)
        let (issuer, serial) = try SignedDataBuilder.issuerAndSerial(of: card.der)
        #expect(Array(try children(signerInfo[1])[0].encodedBytes) == Array(issuer.encodedBytes))
        #expect(Array(try children(signerInfo[1])[1].encodedBytes) == Array(serial.encodedBytes))
        let signatureAlgorithm = try children(signerInfo[3])
        #expect(try ASN1ObjectIdentifier(derEncoded: signatureAlgorithm[0]) == [1, 2, 840, 113549, 1, 1, 1])
    }

    @Test func signerFailureIsKept() async throws {
        let card = try TestPKI.sharedCard.get()
        await #expect {
            _ = try await SignedDataBuilder.build(challenge: [1], certificateDER: card.der, digest: .sha256) { _ in
                throw SignerError.cardRemoved
            }
        } throws: { error in
            guard case .signerFailed(let underlying) = error as? SignedDataBuilder.Failure else { return false }
            return underlying as? SignerError == .cardRemoved
        }
    }

    @Test(arguments: [[], [0x30, 0x03, 0x02, 0x01, 0x01], Array("not DER".utf8)])
    func refusesWhatIsNotACertificate(_ certificate: [UInt8]) async {
        await #expect {
            _ = try await SignedDataBuilder.build(challenge: [1], certificateDER: certificate, digest: .sha256) { _ in [1] }
        } throws: { error in
            if case .invalidCertificate = error as? SignedDataBuilder.Failure { return true }
            return false
        }
    }

    private func children(_ node: ASN1Node) throws -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { throw ASN1Error.invalidASN1Object(reason: "primitive") }
        return Array(nodes)
    }
}
