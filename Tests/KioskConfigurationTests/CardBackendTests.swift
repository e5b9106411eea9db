@testable import KioskConfiguration
import Testing

@Suite("[card] backend and pkcs11_module")
struct CardBackendTests {
    @Test("profile unless told; pkcs11 with OpenSC's module unless another is named")
    func defaults() {
        #expect(configuration(#"environment = "live""#).value?.card.backend == .profile)
        #expect(configuration("environment = \"live\"\n[card]\nbackend = \"profile\"").value?.card.backend == .profile)
        #expect(configuration("environment = \"live\"\n[card]\nbackend = \"pkcs11\"").value?.card.backend
            == .pkcs11(modulePath: "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"))
        #expect(configuration("environment = \"live\"\n[card]\nbackend = \"pkcs11\"\npkcs11_module = \"/opt/idemia/libidp11.so\"")
            .value?.card.backend == .pkcs11(modulePath: "/opt/idemia/libidp11.so"))
    }

    @Test("wrong values are named", arguments: [
        ("backend = \"apdu\"", #"config.toml:3: card.backend: "apdu" is not a card backend; use profile or pkcs11"#),
        ("pkcs11_module = \"/usr/lib/x.so\"", #"config.toml:3: card.pkcs11_module: only applies with backend = "pkcs11""#),
        ("backend = \"pkcs11\"\npkcs11_module = \"x.so\"", #"config.toml:4: card.pkcs11_module: "x.so" is not an absolute path"#),
    ])
    func problems(text: String, message: String) {
        #expect(configurationError("environment = \"live\"\n[card]\n" + text) == message)
    }
}
