/// Which NHS world the kiosk talks to; every screen says so in its banner.
public enum KioskEnvironment: String, Equatable, Sendable, CaseIterable {
    case live, test, training, demo

    /// The banner text: unmistakable, in capitals.
    public var bannerText: String {
        switch self {
        case .live: "LIVE"
        case .test: "TEST"
        case .training: "TRAINING"
        case .demo: "DEMO"
        }
    }
}
