import FoundationEssentials
import KioskCore

/// What an environment means for the configuration: the public server addresses, listed here
/// only, and the theme used when the file names none.
extension KioskEnvironment {
    /// The public Spine GAS address; nil for demo (the built-in simulator).
    var defaultGASURL: URL? {
        switch self {
        case .live: URL(string: "https://gas.national.ncrs.nhs.uk")
        case .test: URL(string: "https://gas.vn03.national.ncrs.nhs.uk")
        case .training: URL(string: "https://gas.tsp.national.ncrs.nhs.uk")
        case .demo: nil
        }
    }

    /// The public CMC portal address; nil for training (none is published) and demo.
    var defaultPortalURL: URL? {
        switch self {
        case .live: URL(string: "https://nww.coordinatemycare.net")
        case .test: URL(string: "https://nww-devb.coordinatemycare.net")
        case .training, .demo: nil
        }
    }

    /// The theme used when the file names none: training and demo look clearly different.
    public var defaultTheme: String {
        switch self {
        case .live, .test: "nhs"
        case .training, .demo: "training"
        }
    }
}
