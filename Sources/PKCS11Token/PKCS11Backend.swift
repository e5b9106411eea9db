import SmartCard

/// The `pkcs11` card backend: each sign-in's token through one PKCS#11 module, initialised once
/// at start-up. Its calls run on the caller's thread (the card worker's queue).
public struct PKCS11Backend: TokenBackend {
    public let module: PKCS11Module

    public init(module: PKCS11Module) {
        self.module = module
    }

    public func open(reader: String) throws(TokenError) -> any AuthenticationToken {
        try PKCS11AuthenticationToken(module: module, reader: reader)
    }
}
