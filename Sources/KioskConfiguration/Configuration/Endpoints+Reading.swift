import FoundationEssentials
import KioskCore

extension KioskConfiguration.Endpoints {
    /// The `[endpoints]` table over the environment's defaults. Demo uses the built-in simulator,
    /// so any endpoint there is an error rather than silently ignored.
    static func read(from document: TOMLDocument, environment: KioskEnvironment) throws(Problem) -> Self {
        let keys = ["gas_url", "portal_url", "ca_file", "user_agent"]
        if environment == .demo {
            if let field = keys.lazy.compactMap({ document.field($0, in: ["endpoints"]) }).first {
                throw field.problem("environment = \"demo\" uses the built-in simulator; remove [endpoints]")
            }
            return .builtInSimulator
        }
        let gas = try url("gas_url", default: environment.defaultGASURL, document, environment)
        let portal = try url("portal_url", default: environment.defaultPortalURL, document, environment)
        var caFile: String?
        if let field = document.field("ca_file", in: ["endpoints"]) {
            let path = try field.string()
            guard path.hasPrefix("/") else { throw field.problem("must be an absolute path") }
            caFile = path
        }
        return .remote(gas: gas, portal: portal, caFile: caFile)
    }

    private static func url(
        _ key: String, default fallback: URL?, _ document: TOMLDocument, _ environment: KioskEnvironment
    ) throws(Problem) -> URL {
        if let field = document.field(key, in: ["endpoints"]) {
            return try EndpointURL.read(field, environment: environment)
        }
        if let fallback { return fallback }
        let name = environment.rawValue
        throw Problem(
            key: "endpoints.\(key)",
            "required for environment = \"\(name)\": no public \(name) address is known, "
                + "so set the one your CMC contact gives you")
    }
}
