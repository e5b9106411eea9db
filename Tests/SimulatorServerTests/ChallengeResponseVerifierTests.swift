import Foundation
import Testing
import X509
@testable import Simulator

@Suite("CMS challenge response verification")
struct ChallengeResponseVerifierTests {
    let pki = TestPKI.shared
    let challenge = Array((0..<48).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })

    func verifier() throws -> ChallengeResponseVerifier {
        ChallengeResponseVerifier(trustAnchors: [try pki.caCertificate])
    }

    @Test("a SHA-256 or SHA-1 signature by a card the CA issued is accepted", arguments: ["sha256", "sha1"])
    func accepts(digest: String) async throws {
        let card = try await pki.card(uid: "555100000001")
        let response = try await pki.response(signing: challenge, with: card, digest: digest)
        let verified = try verifier().verify(response: response, now: Date())
        #expect(verified.content == challenge)
        #expect(verified.subjectCommonName == "555100000001")
    }

    @Test("the public clients' S/MIME text is accepted, each departure from the spec's form named")
    func smimeQuirks() async throws {
        let card = try await pki.card(uid: "555100000001")
        let der = try await pki.signedData(challenge, with: card, digest: "sha1")
        let forms: [(String, [SMIMEQuirk])] = [
            (TestPKI.wrap(der: der), []),
            (TestPKI.wrap(der: der, indent: "        "), [.indentedHeaders]),
            (TestPKI.wrap(der: der, separator: "        "), [.spacesInSeparatorLine]),
            (TestPKI.wrap(der: der, lineEnd: "\n"), [.lineFeedLineEnds]),
            (TestPKI.wrap(der: der, lineLength: 76), []),
            (TestPKI.wrap(der: der, lineLength: .max), [.longBase64Lines]),
            (TestPKI.wrap(der: der, finalLineEnd: false), [.noFinalNewline]),
            // The NHSbuntu identity agent's: all five at once.
            (TestPKI.wrap(der: der, indent: "        ", separator: "        ", lineEnd: "\n", lineLength: .max, finalLineEnd: false),
             SMIMEQuirk.allCases),
        ]
        for (response, quirks) in forms {
            let verified = try verifier().verify(response: response, now: Date())
            #expect(verified.content == challenge)
            #expect(verified.smimeQuirks == quirks)
        }
    }

    @Test("a card issued by another CA is rejected")
    func wrongCA() async throws {
        let card = try await pki.card(uid: "555100000001", issuer: pki.foreignCA)
        let response = try await pki.response(signing: challenge, with: card)
        #expect(throws: ChallengeResponseError.rejected("the certificate was not issued by a trusted CA")) {
            try verifier().verify(response: response, now: Date())
        }
    }

    @Test("tampered content fails the signature check")
    func tampered() async throws {
        let card = try await pki.card(uid: "555100000001")
        var der = try await pki.signedData(challenge, with: card)
        // The challenge's first byte inside the encapsulated OCTET STRING.
        let index = try #require(der.firstRange(of: challenge[0..<8])?.lowerBound)
        der[index] ^= 0xFF
        #expect(throws: ChallengeResponseError.rejected("the signature does not verify")) {
            try verifier().verify(response: TestPKI.wrap(der: der), now: Date())
        }
    }

    @Test("a certificate outside its validity period is rejected")
    func expired() async throws {
        let card = try await pki.card(uid: "555100000001")
        let response = try await pki.response(signing: challenge, with: card)
        #expect(throws: ChallengeResponseError.rejected("the certificate is not valid now")) {
            try verifier().verify(response: response, now: Date() + 60 * 86_400)
        }
    }

    @Test("undecodable responses are malformed, never a crash", arguments: [
        "",
        "!!! not base64 !!!",
        Data("no MIME header here".utf8).base64EncodedString(),
        Data("MIME-Version: 1.0\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@".utf8).base64EncodedString(),
        Data("MIME-Version: 1.0\r\nContent-Transfer-Encoding: base64\r\n\r\nMAMCAQE=".utf8).base64EncodedString(),
        TestPKI.wrap(der: [0x30, 0x82, 0xFF, 0xFF, 0x01]),
    ])
    func malformed(response: String) throws {
        let verifier = try verifier()
        #expect {
            try verifier.verify(response: response, now: Date())
        } throws: { error in
            if case ChallengeResponseError.malformed = error { return true }
            return false
        }
    }
}
