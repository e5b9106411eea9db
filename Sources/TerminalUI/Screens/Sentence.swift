import KioskCore

/// Each state in one plain sentence, for accessible mode: the line a screen reader or Braille
/// display is given when the state changes, written so that it makes sense read on its own.
enum Sentence {
    static func of(_ state: KioskState, keys: KeyLabels) -> String {
        switch state.phase {
        case .locked:
            state.readers.isEmpty
                ? "No card reader is connected to this terminal."
                : "Insert your NHS smartcard to sign in."
        case .readingCard: "Reading your smartcard, please wait."
        case .passcodeEntry(let entry): passcode(entry, keys: keys)
        case .verifyingPasscode: "Checking your passcode, please wait."
        case .authenticating: "Contacting NHS Spine, please wait."
        case .choosingRole(let choice): roles(choice, keys: keys)
        case .openingSession(let role): "Opening Coordinate My Care as \(role.jobRole), please wait."
        case .signedIn(let signedIn):
            signedIn.warns(at: state.now)
                ? "You are about to be logged out: press \(keys.staySignedIn) to stay signed in."
                : "Signed in as \(signedIn.session.displayName): take your card out to lock this terminal."
        case .endingSession: "Logging out, please wait."
        case .removeCard(let notice): "\(notice.headline): remove your smartcard."
        case .cardServiceUnavailable: "The card service is not answering, so no card can be read."
        }
    }

    private static func passcode(_ entry: PasscodeEntry, keys: KeyLabels) -> String {
        var sentence = "enter your passcode and press \(keys.submit)"
        if entry.showsTriesLeft, let triesLeft = entry.triesLeft {
            sentence += triesLeft == 1 ? "; this is your last try" : "; \(triesLeft) tries left"
        }
        if entry.numLockOff {
            return "Num Lock is off: press Num Lock, then \(sentence)."
        }
        if let problem = entry.problem {
            return "\(problem.headline): \(sentence)."
        }
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }

    private static func roles(_ choice: RoleChoice, keys: KeyLabels) -> String {
        let count = choice.visibleRoles.count
        if count == 0 { return "No role matches the filter: press \(keys.erase) to change it." }
        let roles = count == 1 ? "1 role" : "\(count) roles"
        return "Select your role: \(roles), Up and Down to move, \(keys.submit) to choose."
    }
}
