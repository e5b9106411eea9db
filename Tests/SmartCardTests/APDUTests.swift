import Testing
@testable import SmartCard

@Suite struct APDUTests {
    @Test("commands encode in each ISO 7816-4 case", arguments: [
        (CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x81), [0x00, 0x20, 0x00, 0x81] as [UInt8]),
        (CommandAPDU(ins: 0xB0, p1: 0x01, p2: 0x00, le: 256), [0x00, 0xB0, 0x01, 0x00, 0x00]),
        (CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0xC0, 0x01]), [0x00, 0xA4, 0x02, 0x0C, 0x02, 0xC0, 0x01]),
        (CommandAPDU(ins: 0x2A, p1: 0x9E, p2: 0x9A, data: [0xAA], le: 256), [0x00, 0x2A, 0x9E, 0x9A, 0x01, 0xAA, 0x00]),
    ])
    func encoding(command: CommandAPDU, bytes: [UInt8]) {
        #expect(command.bytes == bytes)
        #expect(CommandAPDU(bytes: bytes) == command)
    }

    @Test func decodingRefusesWhatIsNotAnAPDU() {
        #expect(CommandAPDU(bytes: [0x00, 0xA4, 0x04]) == nil)
        #expect(CommandAPDU(bytes: [0x00, 0xA4, 0x04, 0x0C, 0x05, 0x01]) == nil, "Lc claims more data than sent")
        #expect(CommandAPDU(bytes: [0x00, 0xA4, 0x04, 0x0C, 0x00, 0x01]) == nil, "Lc of zero with data")
    }

    @Test func responsesSplitDataFromStatus() throws {
        let response = try #require(ResponseAPDU(bytes: [0x01, 0x02, 0x90, 0x00]))
        #expect(response.data == [0x01, 0x02])
        #expect(response.status == .success)
        #expect(ResponseAPDU(bytes: [0x90]) == nil)
    }

    @Test func statusWordsTellWhatFollows() {
        #expect(StatusWord(0x6100).moreDataAvailable == 256)
        #expect(StatusWord(0x6110).moreDataAvailable == 16)
        #expect(StatusWord(0x6C20).correctLength == 32)
        #expect(StatusWord(0x63C2).triesRemaining == 2)
        #expect(StatusWord(0x63C0).triesRemaining == 0)
        #expect(StatusWord(0x6300).triesRemaining == nil)
        #expect(StatusWord(0x9000).moreDataAvailable == nil)
        #expect(StatusWord(0x6A82).description == "6A82")
    }

    @Test func derLengthsComeFromTheHeader() {
        #expect(DERLength.totalLength(ofElementStartingWith: [0x30, 0x05]) == 7)
        #expect(DERLength.totalLength(ofElementStartingWith: [0x30, 0x81, 0xC8]) == 203)
        #expect(DERLength.totalLength(ofElementStartingWith: [0x30, 0x82, 0x04, 0x00]) == 1_028)
        #expect(DERLength.totalLength(ofElementStartingWith: [0x30, 0x82, 0x04]) == nil)
        #expect(DERLength.totalLength(ofElementStartingWith: [0x30, 0x80]) == nil, "indefinite length")
        #expect(DERLength.totalLength(ofElementStartingWith: [0x30, 0x84, 1, 2, 3, 4]) == nil)
    }
}
