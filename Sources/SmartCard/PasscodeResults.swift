/// What the card says about its passcode without spending a try.
public enum PasscodeStatus: Equatable, Sendable {
    /// Already verified in this card session.
    case verified
    /// Not verified; this many tries remain before the card locks.
    case triesLeft(Int)
    /// Not verified and not locked; the token does not say how many tries remain.
    case triesUnknown
    /// Locked: it must be unlocked by the Registration Authority or at digital.nhs.uk/unlock.
    case blocked
}

/// The outcome of presenting a passcode.
public enum PasscodeVerification: Equatable, Sendable {
    case verified
    /// Wrong; this many tries remain (at least one: the last wrong try gives ``blocked``), or nil
    /// when the token does not say.
    case wrong(triesLeft: Int?)
    /// The card is locked now, by this try or before it.
    case blocked
    /// Not a passcode at all: outside 4 to 8 characters, or refused by the card as malformed.
    /// No try was spent.
    case badFormat
}
