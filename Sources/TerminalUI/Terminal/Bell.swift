import KioskCore

/// When the terminal bell sounds (`[display] bell`): a card has just been read (the passcode
/// screen opens), an error is shown (a wrong passcode, a failed attempt, the card service
/// gone), or the kiosk has just locked.
enum Bell {
    static func rings(from previous: KioskState?, to next: KioskState) -> Bool {
        guard let previous, previous.phase != next.phase else { return false }
        switch next.phase {
        case .locked:
            return true
        case .passcodeEntry(let entry):
            switch previous.phase {
            case .readingCard: return true
            case .verifyingPasscode: return entry.problem != nil
            default: return false
            }
        case .removeCard(let notice):
            return notice.severity == .error
        case .cardServiceUnavailable:
            return true
        case .readingCard, .verifyingPasscode, .authenticating, .choosingRole, .openingSession, .signedIn,
             .endingSession:
            return false
        }
    }
}
