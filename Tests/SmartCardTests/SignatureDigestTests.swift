import PKCS1
import Crypto
import Foundation
import SmartCard
import Testing

@Suite struct SignatureDigestTests {
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
