import KioskCore

extension KioskEnvironment {
    /// `ssbMode` of role selection (`spec/spine-gas.md` §4): 1 in training, 0 elsewhere.
    var ssbMode: Int {
        switch self {
        case .training: 1
        case .live, .test, .demo: 0
        }
    }
}
