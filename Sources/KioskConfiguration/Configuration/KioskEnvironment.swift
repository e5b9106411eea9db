import Foundation

/// The Spine and portal environment a kiosk signs in to, with its public default addresses.
public enum KioskEnvironment: String, Sendable, CaseIterable {
    case live
    case test
    case training
    case demo

    /// The word on the permanent environment banner: LIVE, TEST, TRAINING or DEMO.
    public var bannerText: String { rawValue.uppercased() }

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
    var defaultTheme: String {
        switch self {
        case .live, .test: "nhs"
        case .training, .demo: "training"
        }
    }
}
