import FoundationEssentials
import KioskNetwork

/// Whether a server (GAS or the portal) can be reached, with TLS verified, through the kiosk's
/// own HTTP engine and trust settings: one GET of its configured address. Any HTTP answer, even
/// 404, shows that the network, the proxy and TLS are right; a 5xx answer is a warning.
enum ServerCheck {
    /// What one GET found: the finding, the server's clock as its `Date` header gave it, and the
    /// request's failure (nil when the server answered), for the proxy check.
    struct Probe {
        var finding: DoctorFinding
        var reading: ClockReading?
        var failure: HTTPError?
    }

    static func probe(_ name: String, url: URL, engine: HTTPEngine) async -> Probe {
        let address = url.absoluteString
        let isPlain = url.scheme?.lowercased() == "http"
        let started = ContinuousClock.now
        let response: HTTPResponse
        do {
            response = try await engine.send(HTTPRequest(method: .get, url: address))
        } catch {
            return Probe(finding: DoctorFinding(.failed, name, "\(address): \(explain(error, url: url))"), failure: error)
        }
        let received = Date()
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed / .milliseconds(1))
        let how = isPlain ? "reachable over plain HTTP on this machine (no TLS)" : "reachable, TLS verified"
        let answered = "HTTP \(response.status) in \(milliseconds) ms"
        let reading = response.headers.value(named: "Date").flatMap(HTTPDate.parse).map {
            ClockReading(server: name, serverDate: $0, localDate: received)
        }
        if response.status >= 500 {
            return Probe(finding: DoctorFinding(.warning, name, "\(address): \(how), but it answers with an error of its "
                + "own (\(answered)): try again later, and tell the service desk if it lasts"), reading: reading)
        }
        return Probe(finding: DoctorFinding(.ok, name, "\(address): \(how) (\(answered))"), reading: reading)
    }

    /// What a failed request means, and what to do, in plain words.
    static func explain(_ error: HTTPError, url: URL) -> String {
        let host = url.host(percentEncoded: false) ?? url.absoluteString
        switch error {
        case .couldNotResolve:
            return "cannot find \(host) (DNS): check the network's name service, and the proxy (https_proxy) if "
                + "one is needed"
        case .couldNotConnect(let message):
            return "cannot connect (\(message)): check the network, VPN and firewall, and that the server is up"
        case .timedOut:
            return "no answer in time: check the network, VPN and proxy; raise [network] timeouts only if the "
                + "server is known to be slow"
        case .tlsFailure(let failure, let message):
            return "TLS not verified: \(explain(failure, host: host)) (\(message))"
        case .connectionDropped:
            return "the server closed the connection without answering: check that the URL is the right service"
        case .invalidCAFile(let path, let reason):
            return "the ca_file \(path) \(reason)"
        case .proxyRefused(let proxy, let status, let reason):
            return "the proxy \(proxy) refused: \(status)\(reason.map { " \($0)" } ?? ""): see the proxy line"
        case .proxyUnreachable(let proxy, _):
            return "the proxy \(proxy) cannot be reached: see the proxy line"
        default:
            return "the request failed: \(error)"
        }
    }

    private static func explain(_ failure: TLSFailure, host: String) -> String {
        switch failure {
        case .unknownAuthority:
            "the server's certificate is not signed by an authority this machine trusts; if it is your own "
                + "server (cmc-sim, a test service), set [endpoints] ca_file to its CA's PEM file"
        case .hostNameMismatch:
            "the server's certificate is not for \(host); check the URL"
        case .certificateExpired:
            "the server's certificate has expired or is not yet valid; check this machine's clock, else tell "
                + "the server's owner"
        case .certificateRejected(let code):
            "the server's certificate was refused (OpenSSL verify error \(code))"
        case .handshakeFailed:
            "the TLS handshake failed; check that the URL is an HTTPS service and that no proxy intercepts it"
        }
    }
}
