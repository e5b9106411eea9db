import GPObject
import Foundation
import Simulator
import Testing

@Suite("Fault injection through /_sim/faults")
struct FaultInjectionTests {
    let activation = SimulatorHarness.gpObject([("service", "ACTIVATION"), ("log_session_id", "Ab3dE6gH9j")])

    func addFault(_ sim: SimulatorHarness, _ json: String) async throws {
        let added = try await sim.curl.postJSON("\(sim.base)/_sim/faults", json)
        #expect(added.status == 200, "\(added.text)")
    }

    @Test("latency delays a matching path only")
    func latency() async throws {
        try await SimulatorHarness.with { sim in
            // Wide margins: a loaded machine takes a second or more just to run curl.
            try await addFault(sim, #"{"path_prefix": "/login/authactivate", "latency_ms": 3000}"#)
            let slow = try await sim.curl.postXML("\(sim.base)/login/authactivate", activation)
            #expect(slow.status == 200)
            #expect(slow.seconds >= 2.95)
            let other = try await sim.curl.get("\(sim.base)/saml/RoleAssertion?token=x")
            #expect(other.seconds < 2.0)
        }
    }

    @Test("a status override applies the given number of times, then the real answer returns")
    func statusOverrideTimes() async throws {
        try await SimulatorHarness.with { sim in
            try await addFault(sim, #"{"path_prefix": "/login/", "method": "POST", "status": 502, "times": 2}"#)
            #expect(try await sim.curl.get("\(sim.base)/login/authactivate").status != 502, "GET does not match a POST rule")
            #expect(try await sim.curl.postXML("\(sim.base)/login/authactivate", activation).status == 502)
            #expect(try await sim.curl.postXML("\(sim.base)/login/authactivate", activation).status == 502)
            #expect(try await sim.curl.postXML("\(sim.base)/login/authactivate", activation).status == 200)
            let remaining = try await sim.curl.get("\(sim.base)/_sim/faults").json["rules"] as? [Any]
            #expect(remaining?.isEmpty == true)
        }
    }

    @Test("body faults: malformed, truncated, oversized, wrong content type, dropped connection")
    func bodyFaults() async throws {
        try await SimulatorHarness.with { sim in
            let url = "\(sim.base)/login/authactivate"

            try await addFault(sim, #"{"action": "malformed_body", "times": 1}"#)
            let malformed = try await sim.curl.postXML(url, activation)
            #expect(malformed.status == 200)
            #expect((try? GPObject(parsing: malformed.text))?["challenge"] == nil)
            #expect((try? JSONSerialization.jsonObject(with: malformed.body)) == nil)

            try await addFault(sim, #"{"action": "truncated_body", "times": 1}"#)
            let truncated = try await sim.curl.postXML(url, activation)
            #expect(truncated.exitCode == 18, "curl: partial file")
            #expect(truncated.body.count < Int(truncated.headers["content-length"] ?? "0") ?? 0)

            try await addFault(sim, #"{"action": "oversized_body", "times": 1}"#)
            let oversized = try await sim.curl.postXML(url, activation)
            #expect(oversized.exitCode == 0)
            #expect(oversized.body.count > 1 << 20)
            #expect(oversized.text.contains("<gpPARAM name=\"challenge\">"))

            try await addFault(sim, #"{"action": "wrong_content_type", "times": 1}"#)
            let wrongType = try await sim.curl.postXML(url, activation)
            #expect(wrongType.headers["content-type"]?.hasPrefix("text/html") == true)

            try await addFault(sim, #"{"action": "drop_connection", "times": 1}"#)
            let dropped = try await sim.curl.postXML(url, activation)
            #expect(dropped.exitCode == 52, "curl: empty reply from server")

            #expect(try await sim.curl.postXML(url, activation).status == 200)
        }
    }

    @Test("protocol faults: rate_limited with Retry-After, spine_unavailable, gas_unavailable")
    func protocolFaults() async throws {
        try await SimulatorHarness.with { sim in
            let sessions = "\(sim.base)/api/smartcard/sessions"
            try await addFault(sim, #"{"rules": [{"path_prefix": "/api/smartcard/sessions", "action": "rate_limited", "retry_after": 7, "times": 1}, {"path_prefix": "/api/smartcard/sessions", "action": "spine_unavailable", "times": 1}, {"path_prefix": "/login/authvalidate", "action": "gas_unavailable", "times": 1}]}"#)

            let limited = try await sim.curl.postJSON(sessions, "{}")
            #expect(limited.status == 429)
            #expect(limited.headers["retry-after"] == "7")
            #expect(limited.json["error"] as? String == "rate_limited")
            let unavailable = try await sim.curl.postJSON(sessions, "{}")
            #expect(unavailable.status == 503)
            #expect(unavailable.json["error"] as? String == "spine_unavailable")
            #expect(try await sim.curl.postJSON(sessions, "{}").json["error"] as? String == "bad_request")

            let validation = try await sim.authenticate(uid: "555100000001")
            #expect(validation["error"] == "AUTHSERVER_NOT_AVAILABLE")
            #expect(try await sim.authenticate(uid: "555100000001")["sso_ticket"] != nil)
        }
    }

    @Test("faults are listed, cleared, validated, and never touch /_sim/")
    func control() async throws {
        try await SimulatorHarness.with { sim in
            try await addFault(sim, #"{"status": 500}"#)
            #expect(try await sim.curl.get("\(sim.base)/_sim/status").status == 200)
            #expect(try await sim.curl.get("\(sim.base)/saml/RoleAssertion?token=x").status == 500)
            let listed = try await sim.curl.get("\(sim.base)/_sim/faults").json["rules"] as? [[String: Any]]
            #expect(listed?.first?["status"] as? Int == 500)
            #expect(try await sim.curl.request("DELETE", "\(sim.base)/_sim/faults").status == 204)
            #expect(try await sim.curl.get("\(sim.base)/saml/RoleAssertion?token=x").status == 200)

            for bad in [#"{"status": 99}"#, #"{"action": "explode"}"#, #"{"times": 0}"#, "not json"] {
                let refused = try await sim.curl.postJSON("\(sim.base)/_sim/faults", bad)
                #expect(refused.status == 400, "\(bad)")
                #expect(refused.json["error"] as? String == "bad_request")
            }
        }
    }
}
