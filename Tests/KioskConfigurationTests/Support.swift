import Foundation
@testable import KioskConfiguration

/// Reads configuration text as if it were the file `config.toml`.
func configuration(_ text: String, hostName: String = "ward7-kiosk-2") -> Result<KioskConfiguration, ConfigurationError> {
    do {
        let document = try TOMLParser.parse(text)
        do {
            return .success(try KioskConfiguration.read(document, hostName: hostName))
        } catch {
            return .failure(ConfigurationError(file: "config.toml", error))
        }
    } catch {
        return .failure(ConfigurationError(file: "config.toml", Problem(error)))
    }
}

/// The one-line error for configuration text, or nil when it is valid.
func configurationError(_ text: String, hostName: String = "ward7-kiosk-2") -> String? {
    if case .failure(let error) = configuration(text, hostName: hostName) { return error.description }
    return nil
}

/// A fresh directory for files a test writes.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(path: "config-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension Result {
    var value: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
