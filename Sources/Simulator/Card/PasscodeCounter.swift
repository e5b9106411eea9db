import SmartCard

/// A card's passcode and its retry counter: wrong passcodes count down to a blocked card, the
/// right one restores the tries, and the verified state lasts until the card forgets it.
struct PasscodeCounter {
    static let maximumTries = 3

    private(set) var triesLeft: Int
    private(set) var isVerified = false
    private let passcode: [UInt8]

    init(persona: Persona) throws(VirtualCardError) {
        guard (0...Self.maximumTries).contains(persona.triesLeft) else {
            throw .invalidPersona("tries_left must be 0 to \(Self.maximumTries)")
        }
        triesLeft = persona.triesLeft
        passcode = Array(persona.pin.utf8)
    }

    /// VERIFY's answer to its data field: with none, the state, spending no try (`9000` verified,
    /// `63Cx` not, `6983` blocked); otherwise the passcode in 8 bytes, padded with `FF`.
    mutating func verify(_ field: [UInt8]) -> StatusWord {
        guard triesLeft > 0 else { return .authenticationMethodBlocked }
        if field.isEmpty { return isVerified ? .success : Self.triesRemaining(triesLeft) }
        guard field.count == 8 else { return .wrongLength }
        guard let presented = Self.unpadded(field) else { return .incorrectData }
        if presented == passcode {
            triesLeft = Self.maximumTries
            isVerified = true
            return .success
        }
        triesLeft -= 1
        isVerified = false
        return Self.triesRemaining(triesLeft)
    }

    /// Power off or reset: the passcode must be verified again.
    mutating func forget() { isVerified = false }

    /// The passcode from its 8-byte field: 4 to 8 printable ASCII characters, then `FF` padding.
    private static func unpadded(_ field: [UInt8]) -> [UInt8]? {
        let passcode = Array(field.prefix { $0 != 0xFF })
        guard field.dropFirst(passcode.count).allSatisfy({ $0 == 0xFF }),
              AuthenticationCard.passcodeLengths.contains(passcode.count),
              passcode.allSatisfy({ (0x21...0x7E).contains($0) })
        else { return nil }
        return passcode
    }

    private static func triesRemaining(_ tries: Int) -> StatusWord {
        StatusWord(sw1: 0x63, sw2: 0xC0 | UInt8(tries))
    }
}
