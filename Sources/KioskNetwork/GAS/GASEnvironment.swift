/// The Spine environment a kiosk signs in to.
public enum GASEnvironment: String, Sendable, CaseIterable {
    case live, test, training, demo

    /// The public GAS base URL; none for demo, whose simulator runs on loopback.
    public var defaultBaseURL: String? {
        switch self {
        case .live: "https://gas.national.ncrs.nhs.uk"
        case .test: "https://gas.vn03.national.ncrs.nhs.uk"
        case .training: "https://gas.tsp.national.ncrs.nhs.uk"
        case .demo: nil
        }
    }

    /// `ssbMode` of role selection: 1 in training, 0 elsewhere.
    var ssbMode: Int {
        self == .training ? 1 : 0
    }
}
