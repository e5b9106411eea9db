import Foundation

/// The curl command-line tool as an HTTP client, so the server is tested over real sockets by an
/// independent implementation.
struct Curl {
    struct Result {
        /// curl's own exit status: 0, or e.g. 18 (partial body), 52 (empty reply), 60 (bad certificate).
        var exitCode: Int32
        var status: Int
        /// Lower-cased names.
        var headers: [String: String]
        var body: Data
        var seconds: Double
        var errorText: String

        var text: String { String(decoding: body, as: UTF8.self) }

        var json: [String: Any] {
            ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:]
        }
    }

    /// Cookies kept between calls, like the kiosk does.
    let cookieJar: URL
    /// A CA file to trust for HTTPS.
    var caFile: String?

    init(caFile: String? = nil) throws {
        cookieJar = try TemporaryFiles.makeFile(suffix: ".cookies")
        self.caFile = caFile
    }

    func request(
        _ method: String, _ url: String, body: String? = nil, contentType: String? = nil, extra: [String] = []
    ) async throws -> Result {
        let bodyFile = try TemporaryFiles.makeFile()
        let headerFile = try TemporaryFiles.makeFile()
        var arguments = [
            "-sS", "-X", method, "-o", bodyFile.path, "-D", headerFile.path, "-w", "%{http_code} %{time_total}",
            "-b", cookieJar.path, "-c", cookieJar.path, "--max-time", "20",
            "-H", "User-Agent: cmc-kiosk-tests/1.0",
        ]
        if let caFile { arguments += ["--cacert", caFile] }
        if let body {
            let file = try TemporaryFiles.makeFile(contents: Data(body.utf8))
            arguments += ["--data-binary", "@\(file.path)"]
        }
        if let contentType { arguments += ["-H", "Content-Type: \(contentType)"] }
        arguments += extra + [url]
        let output = try await Subprocess.run("/usr/bin/curl", arguments)
        let written = output.stdoutText.split(separator: " ")
        return Result(
            exitCode: output.status,
            status: written.first.flatMap { Int($0) } ?? 0,
            headers: Self.parseHeaders((try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""),
            body: (try? Data(contentsOf: bodyFile)) ?? Data(),
            seconds: written.count > 1 ? Double(written[1]) ?? 0 : 0,
            errorText: output.stderrText)
    }

    func get(_ url: String) async throws -> Result { try await request("GET", url) }

    func postXML(_ url: String, _ xml: String) async throws -> Result {
        try await request("POST", url, body: xml, contentType: "text/xml")
    }

    func postJSON(_ url: String, _ json: String) async throws -> Result {
        try await request("POST", url, body: json, contentType: "application/json")
    }

    /// The last header block (after any interim responses).
    private static func parseHeaders(_ text: String) -> [String: String] {
        let blocks = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").filter { !$0.isEmpty }
        var headers: [String: String] = [:]
        for line in (blocks.last ?? "").split(separator: "\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }
}

extension String {
    /// Percent-encodes everything but letters and digits, as a query value must be.
    var queryEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self
    }
}
