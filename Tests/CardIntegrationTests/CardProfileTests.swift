import PKCS1
import Crypto
import Foundation
import Secrets
import Simulator
import SmartCard
import Testing
import X509
import _CryptoExtras

extension ThroughPCSCD {
    /// The card profile over a real PC/SC connection: pcscd, vpcd, and `cmc-vcard` as its own process.
    @Suite("Card profile through pcscd")
    struct CardProfileTests {
        let reader = VirtualReader.first

        /// Inserts a persona's card, waits until pcscd sees it, and connects.
        private func insert(_ persona: URL) async throws -> (InsertedCard, CardChannel, AuthenticationCard) {
            let recorder = RecordedMonitor(filter: reader.name)
            defer { recorder.monitor.stop() }
            let card = try InsertedCard(persona: persona)
            try #require(await recorder.waitForCard(in: reader), "seen: \(recorder.log.all)")
            let channel = try CardChannel(reader: reader.name)
            let profile = AuthenticationCard(transport: channel)
            try profile.selectApplication()
            return (card, channel, profile)
        }

        private func insert(demo name: String) async throws -> (InsertedCard, CardChannel, AuthenticationCard) {
            try await insert(BuiltProducts.demoPersona(name))
        }

        private func passcode(_ text: String) -> SecretBuffer {
            let buffer = SecretBuffer(capacity: 8)
            Array(text.utf8).forEach(buffer.append)
            return buffer
        }

        @Test func readsTheUIDAndTheATR() async throws {
            let (card, channel, profile) = try await insert(demo: "several-roles")
            defer { card.remove() }
            #expect(channel.atr == VirtualCard.atr)
            let certificate = try profile.readCertificate()
            #expect(certificate.uid == "555100000001")
            #expect(certificate.expiry(at: Date()) == .valid)
        }

        @Test func wrongPasscodesCountDownToBlockedAndBlockedStaysBlocked() async throws {
            let (card, channel, profile) = try await insert(demo: "several-roles")
            defer { card.remove() }
            let wrong = passcode("999999")
            #expect(try profile.verify(passcode: wrong) == .wrong(triesLeft: 2))
            #expect(wrong.isEmpty, "the passcode is wiped after use")
            #expect(try profile.verify(passcode: passcode("999999")) == .wrong(triesLeft: 1))
            #expect(try profile.verify(passcode: passcode("999999")) == .blocked)
            #expect(try profile.verify(passcode: passcode("123456")) == .blocked)
            channel.disconnect()

            let again = AuthenticationCard(transport: try CardChannel(reader: reader.name))
            try again.selectApplication()
            #expect(try again.passcodeStatus() == .blocked, "a new connection finds the card still locked")
            #expect(try again.verify(passcode: passcode("123456")) == .blocked)
        }

        @Test func theTriesLeftQuerySpendsNothing() async throws {
            let (card, _, profile) = try await insert(demo: "last-try")
            defer { card.remove() }
            for _ in 0..<3 { #expect(try profile.passcodeStatus() == .triesLeft(1)) }
            #expect(try profile.verify(passcode: passcode("123456")) == .verified)
            #expect(try profile.passcodeStatus() == .verified)
        }

        @Test func aPasscodeOfTheWrongLengthSpendsNoTry() async throws {
            let (card, _, profile) = try await insert(demo: "several-roles")
            defer { card.remove() }
            #expect(try profile.verify(passcode: passcode("12")) == .badFormat)
            let pasted = SecretBuffer(capacity: 8)
            for _ in 0..<10_000 { pasted.append(UInt8(ascii: "1")) }
            #expect(try profile.verify(passcode: pasted) == .badFormat)
            #expect(try profile.passcodeStatus() == .triesLeft(3))
        }

        @Test("the signature verifies against the certificate's public key", arguments: SignatureDigest.allCases)
        func signatureVerifies(digest: SignatureDigest) async throws {
            let (card, _, profile) = try await insert(demo: "several-roles")
            defer { card.remove() }
            let certificate = try profile.readCertificate()
            let challenge = (0..<48).map { UInt8($0 * 5 & 0xFF) }
            #expect(throws: CardProfileError.passcodeNotVerified) { try profile.sign(digestInfo: digest.digestInfo(over: challenge)) }
            #expect(try profile.verify(passcode: passcode("123456")) == .verified)

            let signature = try profile.sign(digestInfo: digest.digestInfo(over: challenge))
            let key = try #require(_RSA.Signing.PublicKey(try Certificate(derEncoded: certificate.der).publicKey))
            #expect(certificate.publicKeyBits == key.keySizeInBits)
            let rsa = _RSA.Signing.RSASignature(rawRepresentation: signature)
            let valid = switch digest {
            case .sha256: key.isValidSignature(rsa, for: SHA256.hash(data: challenge), padding: .insecurePKCS1v1_5)
            case .sha1: key.isValidSignature(rsa, for: Insecure.SHA1.hash(data: challenge), padding: .insecurePKCS1v1_5)
            }
            #expect(valid)
        }

        @Test func theHostCompletes61xxAnd6Cxx() async throws {
            let (card, channel, profile) = try await insert(demo: "several-roles")
            defer { card.remove() }
            #expect(try profile.verify(passcode: passcode("123456")) == .verified)
            let info = SignatureDigest.sha256.digestInfo(over: [1, 2, 3])
            let signCommand = CommandAPDU(ins: 0x2A, p1: 0x9E, p2: 0x9A, data: info, le: 256).bytes
            let raw = try signCommand.withUnsafeBytes { try channel.transmit($0) }
            #expect(ResponseAPDU(bytes: raw)?.status == StatusWord(0x6100), "the card keeps the signature for GET RESPONSE")
            let firstPart = try ([0x00, 0xC0, 0x00, 0x00, 0x10] as [UInt8]).withUnsafeBytes { try channel.transmit($0) }
            #expect(ResponseAPDU(bytes: firstPart)?.status == StatusWord(0x61F0))

            // Le 256 is more than is left: the card answers 6CF0, and the host asks again for F0.
            let rest = try channel.send(CommandAPDU(ins: 0xC0, p1: 0, p2: 0, le: 256))
            #expect(rest.status == .success)
            #expect(rest.data.count == 0xF0)
        }

        @Test func pullingTheCardDuringACommandIsTheRemovalError() async throws {
            let slow = FileManager.default.temporaryDirectory.appending(path: "slow-sign-\(UUID()).json")
            var persona = try Persona.load(contentsOf: BuiltProducts.demoPersona("several-roles"))
            persona.faults = CardFaults(delayMilliseconds: ["sign": 3_000])
            try JSONEncoder().encode(persona).write(to: slow)
            defer { try? FileManager.default.removeItem(at: slow) }

            let (card, _, profile) = try await insert(slow)
            #expect(try profile.verify(passcode: passcode("123456")) == .verified)
            let info = SignatureDigest.sha256.digestInfo(over: [1, 2, 3])
            let signing = BlockingCall { () throws(CardProfileError) in try profile.sign(digestInfo: info) }
            try await Task.sleep(for: .milliseconds(300))
            card.yank()
            let error = await signing.failure()
            #expect(error == .card(.removed))
            #expect(error?.isCardRemoval == true)
        }
    }
}
