import PKCS1
import Crypto
import Foundation
import SmartCard
import Testing

@Suite struct SignatureDigestTests {
    /// FIPS 180 known answers, as lower-case hex.
    static let knownAnswers: [(SignatureDigest, String, String)] = [
        (.sha1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (.sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (.sha256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (.sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ]

    @Test("libcrypto gives the known answers", arguments: knownAnswers)
    func knownAnswer(digest: SignatureDigest, message: String, expected: String) {
        let hash = digest.hash(Array(message.utf8))
        #expect(hexString(hash).lowercased() == expected)
        #expect(hash.count == digest.byteCount)
    }

    @Test("the DigestInfo is the fixed prefix and the hash", arguments: knownAnswers)
    func digestInfoWrapsTheKnownAnswer(digest: SignatureDigest, message: String, expected: String) {
        let info = digest.digestInfo(over: Array(message.utf8))
        #expect(hexString(info).lowercased() == hexString(digest.digestInfoPrefix).lowercased() + expected)
        #expect(SignatureDigest(digestInfo: info) == digest)
    }

    @Test func sha256DigestInfoIsTheDERPrefixAndTheHash() {
        let message = Array("challenge".utf8)
        let info = SignatureDigest.sha256.digestInfo(over: message)
        #expect(info.count == 51)
        #expect(Array(info.suffix(32)) == Array(SHA256.hash(data: message)))
        #expect(SignatureDigest(digestInfo: info) == .sha256)
    }

    @Test func sha1DigestInfoIsRecognised() {
        let info = SignatureDigest.sha1.digestInfo(over: Array("challenge".utf8))
        #expect(info.count == 35)
        #expect(SignatureDigest(digestInfo: info) == .sha1)
    }

    @Test func otherBytesAreNoDigestInfo() {
        #expect(SignatureDigest(digestInfo: [UInt8](repeating: 0, count: 51)) == nil)
        #expect(SignatureDigest(digestInfo: SignatureDigest.sha256.digestInfoPrefix + [1, 2, 3]) == nil)
    }
}
