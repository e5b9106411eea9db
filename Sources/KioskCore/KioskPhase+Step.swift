extension KioskPhase {
    /// The step of a sign-in a phase is, without what its screen shows (the passcode typed so far,
    /// the role highlighted). The names are stable: the timing trace writes them.
    public enum Step: String, Sendable {
        case locked
        case readingCard = "reading_card"
        case passcodeEntry = "passcode_entry"
        case verifyingPasscode = "verifying_passcode"
        case authenticating
        case choosingRole = "choosing_role"
        case openingSession = "opening_session"
        case signedIn = "signed_in"
        case endingSession = "ending_session"
        case removeCard = "remove_card"
        case cardServiceUnavailable = "card_service_unavailable"
    }

    public var step: Step {
        switch self {
        case .locked: .locked
        case .readingCard: .readingCard
        case .passcodeEntry: .passcodeEntry
        case .verifyingPasscode: .verifyingPasscode
        case .authenticating: .authenticating
        case .choosingRole: .choosingRole
        case .openingSession: .openingSession
        case .signedIn: .signedIn
        case .endingSession: .endingSession
        case .removeCard: .removeCard
        case .cardServiceUnavailable: .cardServiceUnavailable
        }
    }
}
