import CCurl
import CShims

/// Process-wide libcurl set-up, done once before the first handle is made.
enum Curl {
    private static let globalInit: CURLcode = cmc_curl_global_init()

    /// Initialises libcurl (idempotent, thread-safe through Swift's lazy globals).
    static func initialise() -> Bool {
        globalInit == CURLE_OK
    }

    /// The text libcurl gives for a result code.
    static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}
