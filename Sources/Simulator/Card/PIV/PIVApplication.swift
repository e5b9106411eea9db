/// The identifiers of the PIV card application (NIST SP 800-73-4 Part 1, §2.2 and §3.1.1) and
/// how a card announces it.
enum PIVApplication {
    /// NIST's registered application provider identifier.
    static let rid: [UInt8] = [0xA0, 0x00, 0x00, 0x03, 0x08]
    /// The proprietary identifier extension of the PIV application, version 01 00.
    static let pix: [UInt8] = [0x00, 0x00, 0x10, 0x00, 0x01, 0x00]
    static let aid = rid + pix

    /// SELECT's answer, the application property template: `61 { 4F PIX, 79 { 4F RID } }`.
    static let propertyTemplate = BERTLV([0x61], containing: [
        BERTLV([0x4F], pix),
        BERTLV([0x79], containing: [BERTLV([0x4F], rid)]),
    ]).bytes

    /// An ATR with the interface bytes of the project's other card (T=1) and historical bytes in
    /// compact-TLV (category `80`) holding `F9`: the application identifier, `A0 00 00 03 08 00
    /// 00 10 00`, by which OpenSC knows a PIV card without probing it. Ends with its check byte.
    static let atr: [UInt8] = {
        let historical: [UInt8] = [0x80, 0xF9] + aid.prefix(9)
        let body: [UInt8] = [0xFB, 0x18, 0x00, 0x00, 0x81, 0x31, 0xFE, 0x45] + historical
        return [0x3B] + body + [body.reduce(0, ^)]
    }()
}
