import FoundationEssentials

extension KioskConfiguration {
    /// `[network] proxy`: the HTTP proxy every request to GAS and the portal goes through, unless
    /// `no_proxy` names the server. Without it, the environment's proxy variables apply.
    public struct Proxy: Equatable, Sendable {
        /// `http://host:port` or `https://host:port`.
        public var url: String
        /// `host:port`, as messages name the proxy.
        public var address: String
        public var credentials: Credentials?
        /// `no_proxy`, in libcurl's syntax: hosts and domains reached without the proxy.
        public var noProxy: String?

        /// `proxy_user` and `proxy_password_file`: the password itself is read at start-up
        /// (``Credentials/readPassword(configurationFile:owner:)``), never from the configuration.
        public struct Credentials: Equatable, Sendable {
            public var user: String
            public var passwordFile: String
            /// The line of `proxy_password_file`, where a problem with the file is reported.
            public var passwordFileLine: Int?

            public init(user: String, passwordFile: String, passwordFileLine: Int? = nil) {
                self.user = user
                self.passwordFile = passwordFile
                self.passwordFileLine = passwordFileLine
            }
        }

        public init(url: String, address: String, credentials: Credentials? = nil, noProxy: String? = nil) {
            self.url = url
            self.address = address
            self.credentials = credentials
            self.noProxy = noProxy
        }
    }
}

extension KioskConfiguration.Proxy {
    static let keys = ["proxy", "proxy_user", "proxy_password_file", "no_proxy"]

    /// The proxy keys of `[network]`; nil when the file names no proxy.
    static func read(from document: TOMLDocument) throws(Problem) -> Self? {
        if let field = document.field("proxy_password", in: ["network"]) {
            throw field.problem("the password is never written in the configuration: put it in a file only the kiosk's "
                + "user can read (chmod 600) and name that file in network.proxy_password_file")
        }
        let user = document.field("proxy_user", in: ["network"])
        let passwordFile = document.field("proxy_password_file", in: ["network"])
        let noProxy = document.field("no_proxy", in: ["network"])
        guard let field = document.field("proxy", in: ["network"]) else {
            if let alone = [user, passwordFile, noProxy].compactMap({ $0 }).min(by: { $0.line < $1.line }) {
                throw alone.problem("used only with network.proxy: set the proxy too, or leave this key out")
            }
            return nil
        }
        let (url, address) = try readURL(field)
        var proxy = Self(url: url, address: address)
        switch (user, passwordFile) {
        case (nil, nil):
            break
        case (let user?, nil):
            throw user.problem("needs network.proxy_password_file too: the file that holds the proxy's password")
        case (nil, let passwordFile?):
            throw passwordFile.problem("needs network.proxy_user too: the user name the password goes with")
        case (let user?, let passwordFile?):
            proxy.credentials = Credentials(
                user: try readUser(user), passwordFile: try readPasswordFile(passwordFile), passwordFileLine: passwordFile.line)
        }
        proxy.noProxy = try noProxy.map(readNoProxy)
        return proxy
    }

    /// `http://host:port` or `https://host:port`, nothing more: no credentials (they have keys
    /// of their own), no path, query or fragment. The port is required: proxies listen on
    /// 3128, 8080 or 8888 as often as on any default.
    private static func readURL(_ field: Field) throws(Problem) -> (url: String, address: String) {
        let text = try field.string()
        guard let scheme = text.firstRange(of: "://").map({ text[..<$0.lowerBound].lowercased() }),
              scheme == "http" || scheme == "https"
        else {
            throw field.problem("the proxy's address must start with http:// or https:// (SOCKS is not supported), "
                + "e.g. http://proxy.example.nhs.uk:3128")
        }
        guard let url = URL(string: text), let host = url.host(percentEncoded: false), !host.isEmpty,
              host.unicodeScalars.allSatisfy({ $0.isNameCharacter(orOneOf: ".-_:") })
        else {
            throw field.problem("\"\(text)\" is not a proxy address such as http://proxy.example.nhs.uk:3128")
        }
        guard url.user == nil, url.password == nil else {
            throw field.problem("put no user name or password in the address: set network.proxy_user and "
                + "network.proxy_password_file")
        }
        guard let port = url.port else {
            throw field.problem("name the proxy's port, e.g. \(scheme)://\(host):3128")
        }
        guard url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil else {
            throw field.problem("the proxy's address is only \(scheme)://host:port, with no path, query or fragment")
        }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return ("\(scheme)://\(bracketed):\(port)", "\(bracketed):\(port)")
    }

    /// What Basic authentication can carry: no colon, no control characters.
    private static func readUser(_ field: Field) throws(Problem) -> String {
        let user = try field.string()
        guard (1...128).contains(user.utf8.count), !user.contains(":"),
              !user.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw field.problem("use 1 to 128 characters, with no colon and no control characters")
        }
        return user
    }

    private static func readPasswordFile(_ field: Field) throws(Problem) -> String {
        let path = try field.string()
        guard path.hasPrefix("/"), !path.hasSuffix("/") else {
            throw field.problem("must be the absolute path of a file, such as \"/etc/cmc-kiosk/proxy-password\"")
        }
        return path
    }

    /// libcurl's CURLOPT_NOPROXY: `*`, or host names, domains, IP addresses and CIDR ranges
    /// separated by commas (spaces allowed).
    private static func readNoProxy(_ field: Field) throws(Problem) -> String {
        let list = try field.string()
        let entries = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.split(separator: " ") }
        guard entries.allSatisfy({ words in
            words.count == 1 && words[0].unicodeScalars.allSatisfy { $0.isNameCharacter(orOneOf: ".-_:/[]*") }
        }) else {
            throw field.problem("\"\(list)\" is not a no_proxy list: host names, domains (.example.nhs.uk), addresses "
                + "or ranges (10.0.0.0/8) separated by commas, or *")
        }
        return entries.map { String($0[0]) }.joined(separator: ",")
    }
}
