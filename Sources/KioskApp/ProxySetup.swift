import Glibc
import KioskConfiguration
import KioskNetwork

/// `[network] proxy` as the HTTP engine takes it, its password read from its file now.
enum ProxySetup {
    /// nil when the configuration names no proxy (the environment's then applies). `owner` is
    /// the uid the password file must belong to; nil skips that check.
    static func proxy(
        _ proxy: KioskConfiguration.Proxy?, configurationFile: String, owner: uid_t?
    ) throws(ConfigurationError) -> HTTPProxy? {
        guard let proxy else { return nil }
        var credentials: HTTPProxy.Credentials?
        if let configured = proxy.credentials {
            let password = try configured.readPassword(configurationFile: configurationFile, owner: owner)
            credentials = HTTPProxy.Credentials(user: configured.user, password: password)
        }
        return HTTPProxy(url: proxy.url, credentials: credentials, noProxy: proxy.noProxy)
    }
}

extension Servers {
    /// The ward kiosk's servers, as `configuration` (read from `file`) names them, with its proxy:
    /// a problem with the proxy's password file is a configuration error naming the file, line
    /// and key. The password file must belong to the kiosk's own user.
    public init(ward configuration: KioskConfiguration, file: String) throws {
        guard case .remote(let gas, let portal, let caFile) = configuration.endpoints else {
            throw LaunchError.simulatorNeeded
        }
        self.init(
            gasURL: gas.absoluteString, portalURL: portal.absoluteString, extraCAFile: caFile,
            proxy: try ProxySetup.proxy(configuration.network.proxy, configurationFile: file, owner: geteuid()))
    }
}
