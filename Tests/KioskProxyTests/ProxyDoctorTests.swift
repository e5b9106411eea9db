import Foundation
import Glibc
import KioskProcessTestSupport
import Testing

/// `cmc-kiosk doctor` through a real tinyproxy, in a network namespace of each test's own:
/// the right credentials reach GAS and the portal through CONNECT tunnels (TLS verified inside
/// them); none or a wrong password get the proxy's 407 or 401, a host filter its 403, each naming the
/// proxy and never the password; a proxy from the environment still works. Serialized: each
/// test's namespace has the same addresses, and each is removed even when a test fails.
@Suite("cmc-kiosk doctor through a real proxy", .serialized)
struct ProxyDoctorTests {
    @Test func theRightCredentialsReachTheServersThroughTheProxy() throws {
        let bed = try ProxyTestBed(authenticating: true)
        defer { bed.finish() }
        let configuration = try bed.configuration(network: try bed.proxyKeys(password: ProxyTestBed.password))

        let run = try bed.doctor(configuration)
        let proxy = try #require(run.line(about: "proxy"), "\(run.stdout)\(run.stderr)")
        #expect(proxy == "ok       proxy        \(bed.proxy) from [network] proxy, as user \(ProxyTestBed.user): "
            + "answers, and tunnels to GAS and the portal")
        for subject in ["GAS", "portal"] {
            let line = try #require(run.line(about: subject), "\(run.stdout)")
            #expect(line.hasPrefix("ok") && line.contains("reachable, TLS verified"), "\(line)")
        }
        let target = bed.simulatorURL.dropFirst("https://".count)
        #expect(bed.proxyLog.contains("CONNECT \(target) HTTP/1.1"), "\(bed.proxyLog)")
        #expect(!run.stdout.contains(ProxyTestBed.password) && !run.stderr.contains(ProxyTestBed.password))

        let json = try bed.doctor(configuration, ["--json"]).json
        let reported = try #require(json["proxy"] as? [String: Any], "\(json)")
        #expect(reported["source"] as? String == "configuration")
        #expect(reported["address"] as? String == bed.proxy)
        #expect(reported["user"] as? String == ProxyTestBed.user)
        #expect(reported["refusal"] == nil)
        #expect(json["schema"] as? Int == 1)
    }

    /// tinyproxy asks for missing credentials with 407 and refuses wrong ones with 401
    /// (`HTTP/1.0 401 Unauthorized`, as curl shows too): the doctor reports the proxy's own answer.
    @Test(arguments: [nil, "not-the-password"])
    func noneOrAWrongPasswordIsRefusedByTheNamedProxy(_ password: String?) throws {
        let bed = try ProxyTestBed(authenticating: true)
        defer { bed.finish() }
        let configuration = try bed.configuration(network: try bed.proxyKeys(password: password))

        let run = try bed.doctor(configuration)
        #expect(run.status == 2, "\(run.stdout)")
        let proxy = try #require(run.line(about: "proxy"), "\(run.stdout)\(run.stderr)")
        let who = password == nil ? "without credentials" : "as user \(ProxyTestBed.user)"
        let advice = password == nil
            ? "it asks for credentials: set [network] proxy_user and proxy_password_file"
            : "it did not accept the credentials: check [network] proxy_user and the password in proxy_password_file"
        let answer = password == nil ? (407, "Proxy Authentication Required") : (401, "Unauthorized")
        #expect(proxy == "FAIL     proxy        \(bed.proxy) from [network] proxy, \(who): refused: "
            + "\(answer.0) \(answer.1); \(advice)")
        let gas = try #require(run.line(about: "GAS"))
        #expect(gas.hasSuffix(": the proxy \(bed.proxy) refused: \(answer.0) \(answer.1): see the proxy line"), "\(gas)")
        #expect(bed.proxyLog.contains("CONNECT"), "\(bed.proxyLog)")
        if let password { #expect(!run.stdout.contains(password) && !run.stderr.contains(password)) }

        let json = try bed.doctor(configuration, ["--json"]).json
        let refusal = (json["proxy"] as? [String: Any])?["refusal"] as? [String: Any]
        #expect(refusal?["status"] as? Int == answer.0, "\(json)")
        #expect(refusal?["reason"] as? String == answer.1)
    }

    @Test func aHostTheProxyFiltersIsIts403() throws {
        let bed = try ProxyTestBed(allowing: #"^gas\.example\.nhs\.uk$"#)
        defer { bed.finish() }
        let configuration = try bed.configuration(network: try bed.proxyKeys(password: nil))

        let run = try bed.doctor(configuration)
        let proxy = try #require(run.line(about: "proxy"), "\(run.stdout)\(run.stderr)")
        #expect(proxy.hasPrefix("FAIL     proxy        \(bed.proxy) from [network] proxy, without credentials: refused: 403 Filtered; "
            + "it does not allow this kiosk's servers"), "\(proxy)")
        #expect(run.line(about: "portal")?.contains("the proxy \(bed.proxy) refused: 403 Filtered") == true, "\(run.stdout)")
        #expect(bed.proxyLog.contains("Proxying refused on filtered domain"), "\(bed.proxyLog)")
        let refusal = (try bed.doctor(configuration, ["--json"]).json["proxy"] as? [String: Any])?["refusal"] as? [String: Any]
        #expect(refusal?["status"] as? Int == 403)
    }

    @Test func aProxyFromTheEnvironmentStillWorks() throws {
        let bed = try ProxyTestBed()
        defer { bed.finish() }
        let configuration = try bed.configuration()

        let run = try bed.doctor(configuration, environment: ["https_proxy": "http://\(bed.proxy)"])
        #expect(run.line(about: "proxy") == "ok       proxy        \(bed.proxy) from the environment's https_proxy: "
            + "answers, and tunnels to GAS and the portal", "\(run.stdout)\(run.stderr)")
        #expect(run.line(about: "GAS")?.hasPrefix("ok") == true, "\(run.stdout)")
        #expect(bed.proxyLog.contains("CONNECT \(bed.simulatorURL.dropFirst("https://".count)) HTTP/1.1"), "\(bed.proxyLog)")

        let json = try bed.doctor(configuration, ["--json"], environment: ["https_proxy": "http://\(bed.proxy)"]).json
        let reported = json["proxy"] as? [String: Any]
        #expect(reported?["source"] as? String == "environment" && reported?["variable"] as? String == "https_proxy", "\(json)")
    }

    @Test func withoutAProxyTheServersAreReachedDirectly() throws {
        let bed = try ProxyTestBed()
        defer { bed.finish() }
        let run = try bed.doctor(try bed.configuration())
        #expect(run.line(about: "proxy")?.hasPrefix("ok       proxy        none: GAS and the portal are reached directly") == true,
                "\(run.stdout)")
        #expect(run.line(about: "GAS")?.hasPrefix("ok") == true, "\(run.stdout)")
        #expect(!bed.proxyLog.contains("CONNECT"), "\(bed.proxyLog)")
    }

    @Test func aProxyThatIsNotListeningIsNamed() throws {
        let bed = try ProxyTestBed()
        defer { bed.finish() }
        let configuration = try bed.configuration(network: "proxy = \"http://\(ProxyTestBed.proxyAddress):3128\"")
        let run = try bed.doctor(configuration)
        let proxy = try #require(run.line(about: "proxy"), "\(run.stdout)")
        #expect(proxy.hasPrefix("FAIL     proxy        \(ProxyTestBed.proxyAddress):3128 from [network] proxy, without "
            + "credentials: cannot be reached ("), "\(proxy)")
        #expect(run.line(about: "GAS")?.contains("the proxy \(ProxyTestBed.proxyAddress):3128 cannot be reached") == true,
                "\(run.stdout)")
    }
}
