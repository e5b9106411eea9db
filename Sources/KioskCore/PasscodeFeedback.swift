/// What the passcode field shows while the passcode is typed (`[passcode] echo`).
public enum PasscodeEcho: String, CaseIterable, Equatable, Sendable {
    /// Nothing: the field stays blank, as tuigreet's prompt does without `--asterisks`.
    case none
    /// A mark that moves to another place in the field on every key press and every erasure,
    /// and so says "your key arrived" without saying how many characters there are.
    case indicator
    /// One mark per character, as tuigreet's `--asterisks` and the NHS Identity Agent's masked
    /// field show: the length is visible.
    case dots
}

/// The passcode field's feedback: which place the indicator is at, and how many characters a
/// `dots` field shows. Never the passcode: the characters stay in the shell's locked buffer.
public struct PasscodeFeedback: Equatable, Sendable {
    /// How many places the indicator moves between.
    public static let indicatorPlaces = 6
    /// The longest passcode a card takes (`AuthenticationCard.passcodeLengths`): the buffer drops
    /// characters past it, so a `dots` field stops there too.
    public static let longestPasscode = 8

    public let echo: PasscodeEcho
    /// The indicator's place, `0..<indicatorPlaces`; nil until the first key press.
    public private(set) var indicatorPlace: Int?
    /// The characters typed, counted only for a `dots` field (0 otherwise).
    public private(set) var dotCount = 0
    /// Where the indicator goes next: a small pseudo-random sequence, seeded when the field
    /// opens, so that where the indicator stands says nothing about how many keys were pressed.
    private var seed: UInt64

    /// A fresh, empty field; `seed` picks the indicator's path (any value, e.g. the time).
    public init(echo: PasscodeEcho, seed: UInt64) {
        self.echo = echo
        self.seed = seed
    }

    /// A passcode character was typed.
    public mutating func typed() {
        if echo == .dots { dotCount = min(Self.longestPasscode, dotCount + 1) }
        move()
    }

    /// The last character was erased (or Erase pressed on an empty field).
    public mutating func erased() {
        if echo == .dots { dotCount = max(0, dotCount - 1) }
        move()
    }

    /// Moves the indicator to a different place: one of the other places, chosen by the seed.
    private mutating func move() {
        guard echo == .indicator else { return }
        seed = seed &+ 0x9E37_79B9_7F4A_7C15
        var mixed = (seed ^ (seed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        let step = 1 + Int(mixed % UInt64(Self.indicatorPlaces - 1))
        indicatorPlace = ((indicatorPlace ?? 0) + step) % Self.indicatorPlaces
    }
}
