import CCurl
import FoundationEssentials

/// The trust store handed to libcurl when an extra CA file is configured: the system bundle
/// followed by the extra PEM, as one in-memory CURLOPT_CAINFO_BLOB.
///
/// With OpenSSL, libcurl 7.88 lets a CAINFO blob replace the CAINFO file (CAPATH stays), so the
/// system bundle must be in the blob for the extra file to add rather than replace.
enum CABundle {
    static let debianBundle = "/etc/ssl/certs/ca-certificates.crt"

    /// The combined bundle, or nil when there is nothing to add to libcurl's default.
    static func make(extraCAFile: String?, systemBundle: String?) throws(HTTPError) -> [UInt8]? {
        guard let extraCAFile else { return nil }
        guard let extra = FileManager.default.contents(atPath: extraCAFile) else {
            throw .invalidCAFile(path: extraCAFile, reason: "cannot be read")
        }
        guard String(decoding: extra, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw .invalidCAFile(path: extraCAFile, reason: "holds no PEM certificate")
        }
        let systemPath = systemBundle ?? defaultBundlePath()
        let system = FileManager.default.contents(atPath: systemPath) ?? Data()
        return Array(system) + Array("\n".utf8) + Array(extra) + Array("\n".utf8)
    }

    /// libcurl's compiled-in CA file (CURLINFO_CAINFO), Debian's path otherwise.
    static func defaultBundlePath() -> String {
        EasyHandle()?.stringInfo(CURLINFO_CAINFO) ?? debianBundle
    }
}
