import SmartCard

extension PIVCard {
    /// The algorithm identifier of RSA 2048 (SP 800-78-4, Table 6-2).
    static let rsa2048: UInt8 = 0x07
    /// The PIV Authentication key's reference.
    static let authenticationKey: UInt8 = 0x9A

    /// GENERAL AUTHENTICATE with key `9A`, in chained parts: the dynamic authentication template
    /// `7C { 82 00, 81 block }` asks for the raw RSA operation on a block as long as the modulus
    /// (the caller pads); the answer is `7C { 82 signature }`. Needs the PIN verified.
    mutating func generalAuthenticate(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == Self.rsa2048, command.p2 == Self.authenticationKey else {
            chain.reset()
            return ResponseAPDU(status: .incorrectParameters)
        }
        let data: [UInt8]
        switch chain.add(command) {
        case .partial: return ResponseAPDU(status: .success)
        case .tooLong: return ResponseAPDU(status: .wrongLength)
        case .complete(let whole): data = whole
        }
        guard passcode.isVerified else { return ResponseAPDU(status: .securityStatusNotSatisfied) }
        guard let block = Self.challenge(in: data), let signature = contents.rawSignature(of: block) else {
            return ResponseAPDU(status: .incorrectData)
        }
        return pending.answer(BERTLV([0x7C], containing: [BERTLV([0x82], signature)]).bytes, le: command.le)
    }

    /// The `81` of `7C { 82 00, 81 … }`, in either order; `nil` for any other template.
    private static func challenge(in data: [UInt8]) -> [UInt8]? {
        guard let template = BERTLV.sequence(data), template.count == 1, template[0].tag == [0x7C],
              let fields = BERTLV.sequence(template[0].value), fields.count == 2,
              fields.contains(BERTLV([0x82], []))
        else { return nil }
        return fields.first { $0.tag == [0x81] }?.value
    }
}
