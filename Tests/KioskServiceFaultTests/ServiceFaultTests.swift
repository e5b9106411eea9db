import Foundation
import Testing

/// The real kiosk (`cmc-kiosk --config FILE` in tmux) when the services it depends on fail: pcscd
/// killed and restarted, the simulator stopped or gone, answers that are slow, broken or come
/// over TLS the kiosk cannot trust. Each test checks the screen's plain words, that nothing is
/// left live at the simulator, and that the kiosk carries on without a restart. Serialized: the
/// tests share the private vpcd ports 35989/35990.
@Suite("cmc-kiosk with failing services end to end", .serialized)
struct ServiceFaultTests {
    static let portalSessions = "/api/smartcard/sessions"
    static let gasActivate = "/login/authactivate"
    static let gasValidate = "/login/authvalidate"
}
