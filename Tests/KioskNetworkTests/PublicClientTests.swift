import Foundation
import GPObject
import SwiftASN1
import Testing

@testable import KioskNetwork

/// The simulator against requests shaped exactly like the NHSbuntu identity agent's, written here
/// from the description in `research/gas-public-clients.md`: the Identity Agent's User-Agent and
/// no Content-Type, SHA-1, the card certificate re-encoded in BER, S/MIME text with indented
/// headers, a separator line of spaces, LF line ends, one base64 line and no final newline,
/// `gacVersion` on role selection, logout by GET with a body.
@Suite struct PublicClientTests {
    @Test func anNHSShapedCardSignsInAndOutAsTheAgentDoes() async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            let card = try DemoCard("nhs-card.json")
            #expect(try BERCertificate.reencoded(card.certificateDER) == card.certificateDER, "no BOOLEAN: BER is DER")
            let agent = AgentShapedClient(base: simulator.base)
            let login = try await agent.authenticate(card)
            let ticket = try #require(login.answer["sso_ticket"], "\(login.answer)")
            #expect(try await simulator.status().gas.tickets.first?.smimeQuirks == [
                "indented_headers", "spaces_in_separator_line", "lf_line_ends", "long_base64_lines", "no_final_newline",
            ])

            let role = try #require(login.answer.parameters.first { $0.name.hasPrefix("nhsjobrole") }?.attribute("id"))
            let selection = try await agent.send(
                "GET", "\(simulator.base)/saml/RoleSelectionGP.jsp?token=\(GASClient.queryEncoded(ticket))&selectedRoleUid=\(role)"
                    + "&ssbMode=0&fallbackStatus=0&gacVersion=GACv10.+0.+0.+1")
            #expect(selection.text.contains("<STATUS>OK</STATUS>"))

            let logout = GPObject([
                .init(name: "service", value: "LOGOUT"), .init(name: "sso_ticket", value: ticket),
                .init(name: "log_session_id", value: login.logSessionID), .init(name: "device_id", value: AgentShapedClient.device),
                .init(name: "uid", value: card.uid),
            ])
            let loggedOut = try await agent.send("GET", "\(simulator.base)/login/authlogout", body: logout.xml(prolog: true))
            #expect(loggedOut.status == 200 && loggedOut.text.contains("<STATUS>OK</STATUS>"))
            #expect(try await simulator.status().gas.tickets.isEmpty)
        }
    }

    /// A demo card's certificate has critical extensions: in BER its TRUEs become `01`, bytes the
    /// demo CA never signed. The simulator refuses it as GAS would refuse a bad signature.
    @Test func aCertificateReencodedInBERIsAuthenticationFailed() async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            let card = try DemoCard("one-role.json")
            #expect(try BERCertificate.reencoded(card.certificateDER) != card.certificateDER)
            let answer = try await AgentShapedClient(base: simulator.base).authenticate(card).answer
            #expect(answer["error"] == "AUTHENTICATION_FAILED")
            #expect(answer["error_description"]?.contains("BER") == true)
        }
    }
}

/// Sends what the NHSbuntu agent sends, through the curl tool (the kiosk's engine sends no body
/// with GET): its headers, no Content-Type, a body with any method.
struct AgentShapedClient {
    static let userAgent = "Mozilla/4.0(compatible;IE;GACv10. 0. 0. 1)"
    static let device = "ward7-pc-3,ClientIP=192.168.1.23"
    let base: String

    /// Activation and validation, signed by `card` over SHA-1 with its certificate in BER.
    func authenticate(_ card: DemoCard) async throws -> (answer: GPObject, logSessionID: String) {
        let logSessionID = "Qw3rTy7uIo"
        let common: [GPObject.Parameter] = [
            .init(name: "auth_method", value: "3"), .init(name: "app_url", value: "NHST"),
            .init(name: "log_session_id", value: logSessionID), .init(name: "device_id", value: Self.device),
        ]
        let activation = try GPObject(parsing: try await send(
            "POST", "\(base)/login/authactivate", body: GPObject(common + [.init(name: "service", value: "ACTIVATION")]).xml(prolog: true)
        ).text)
        let encoded = try #require(activation["challenge"])
        let challenge = try #require(Data(base64Encoded: encoded))
        let cms = try await SignedDataBuilder.build(
            challenge: Array(challenge), certificateDER: try BERCertificate.reencoded(card.certificateDER), digest: .sha1,
            signer: card.signer)
        let validation = GPObject(common + [
            .init(name: "service", value: "AUTHENTICATION"), .init(name: "challenge", value: encoded),
            .init(name: "signature", value: activation["signature"] ?? ""), .init(name: "uid", value: card.uid),
            .init(name: "card_type", value: "p11"),
            .init(name: "response", value: Data(Self.smimeText(cms).utf8).base64EncodedString(), attributes: ["encoding": "base64"]),
            .init(name: "mobility", value: "0"),
        ])
        let replyURL = try #require(activation["reply_url"])
        return (try GPObject(parsing: try await send("POST", replyURL, body: validation.xml(prolog: true)).text), logSessionID)
    }

    /// The agent's S/MIME text: headers and separator indented by eight spaces, LF line ends, the
    /// CMS in one base64 line, no final newline.
    static func smimeText(_ cms: [UInt8]) -> String {
        let indent = String(repeating: " ", count: 8)
        let headers = [
            "MIME-Version: 1.0",
            "Content-Disposition: attachment; filename=\"smime.p7m\"",
            "Content-Type: application/x-pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"",
            "Content-Transfer-Encoding: base64",
        ]
        return headers.map { indent + $0 + "\n" }.joined() + indent + "\n" + Data(cms).base64EncodedString()
    }

    func send(_ method: String, _ url: String, body: String? = nil) async throws -> (status: Int, text: String) {
        var arguments = [
            "-sS", "-X", method, "-A", Self.userAgent, "-H", "Content-Type:", "-H", "Accept-Encoding: gzip, deflate",
            "-H", "Connection: keep-alive", "-H", #"Analytics: {"app": "NHSbuntu", "event": "login"}"#,
            "-w", "\n%{http_code}", url,
        ]
        if body != nil { arguments += ["--data-binary", "@-"] }
        let (input, command) = (body.map { Data($0.utf8) }, arguments)
        // Off the concurrency pool, which the in-process simulator answers on.
        let result = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Command.run("/usr/bin/curl", command, input: input) })
            }
        }
        let output = String(decoding: result.output, as: UTF8.self)
        guard let newline = output.lastIndex(of: "\n") else { return (0, output) }
        return (Int(output[output.index(after: newline)...]) ?? 0, String(output[..<newline]))
    }
}

/// A certificate as a BER encoder writes it from its parsed parts (the NHSbuntu agent's
/// pyasn1-style re-encoding): BOOLEAN TRUE as `01`. The length stays, so the bytes are changed in
/// place.
enum BERCertificate {
    static func reencoded(_ der: [UInt8]) throws -> [UInt8] {
        var bytes = der
        func visit(_ node: ASN1Node) {
            switch node.content {
            case .primitive(let content) where node.identifier == .boolean && content.elementsEqual([0xFF]):
                bytes[content.startIndex] = 0x01
            case .primitive:
                break
            case .constructed(let children):
                children.forEach(visit)
            }
        }
        visit(try DER.parse(der))
        return bytes
    }
}
