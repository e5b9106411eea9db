/// How the kiosk talks to the card: `[card] backend` and `pkcs11_module`.
public enum CardBackend: Equatable, Sendable {
    /// The kiosk's own APDU profile over PC/SC.
    case profile
    /// A PKCS#11 module loaded from this path: OpenSC for PIV cards, or a card vendor's.
    case pkcs11(modulePath: String)

    /// OpenSC's module on Debian, the default of `backend = "pkcs11"`.
    public static let openSCModulePath = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

    static func read(from document: TOMLDocument) throws(Problem) -> Self {
        let module = document.field("pkcs11_module", in: ["card"])
        let name = try document.field("backend", in: ["card"]).map { field throws(Problem) in
            let name = try field.string()
            guard ["profile", "pkcs11"].contains(name) else {
                throw field.problem("\"\(name)\" is not a card backend; use profile or pkcs11")
            }
            return name
        }
        guard name == "pkcs11" else {
            if let module { throw module.problem("only applies with backend = \"pkcs11\"") }
            return .profile
        }
        guard let module else { return .pkcs11(modulePath: openSCModulePath) }
        let path = try module.string()
        guard path.hasPrefix("/") else { throw module.problem("\"\(path)\" is not an absolute path") }
        return .pkcs11(modulePath: path)
    }
}
