/// Why an APDU did not come back.
public enum CardError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The card was pulled out while the command was under way (or before it).
    case removed
    /// PC/SC failed for another reason.
    case communication(PCSCError)
    /// The card answered with fewer than the two status bytes.
    case malformedResponse

    public var description: String {
        switch self {
        case .removed: "the smartcard was removed"
        case .communication(let error): error.description
        case .malformedResponse: "the smartcard sent a malformed answer"
        }
    }
}

/// Carries APDUs to a card and back: a PC/SC connection, or a virtual card in the same process.
public protocol CardTransport: AnyObject {
    /// Sends one encoded command APDU and returns the card's raw answer (data and status word).
    func transmit(_ command: UnsafeRawBufferPointer) throws(CardError) -> [UInt8]
}

extension CardTransport {
    /// Sends a command and completes it the ISO 7816-4 way: a `6Cxx` answer is followed by the
    /// same command with Le = `xx`, and `61xx` answers by GET RESPONSE until the data is whole.
    public func send(_ command: CommandAPDU) throws(CardError) -> ResponseAPDU {
        var response = try exchange(command.bytes)
        if let correctLength = response.status.correctLength {
            var corrected = command
            corrected.le = correctLength
            response = try exchange(corrected.bytes)
        }
        return try collectingRemainingData(of: response)
    }

    /// Sends a command built in caller-owned memory (such as one carrying the passcode) without
    /// copying it into Swift arrays; `61xx` is still completed with GET RESPONSE.
    public func sendSensitive(_ encodedCommand: UnsafeRawBufferPointer) throws(CardError) -> ResponseAPDU {
        try collectingRemainingData(of: parse(transmit(encodedCommand)))
    }

    private func exchange(_ bytes: [UInt8]) throws(CardError) -> ResponseAPDU {
        let answer = bytes.withUnsafeBytes { buffer in
            Result { () throws(CardError) in try transmit(buffer) }
        }
        return try parse(answer.get())
    }

    private func parse(_ answer: [UInt8]) throws(CardError) -> ResponseAPDU {
        guard let response = ResponseAPDU(bytes: answer) else { throw .malformedResponse }
        return response
    }

    private func collectingRemainingData(of first: ResponseAPDU) throws(CardError) -> ResponseAPDU {
        var response = first
        var data = first.data
        var rounds = 0
        // A card that keeps answering 61xx forever must not hang the kiosk, whether or not its
        // answers carry data: 64 KiB, or 256 GET RESPONSEs, is ample. The 61xx is then returned.
        while let available = response.status.moreDataAvailable, data.count < 65_536, rounds < maximumGetResponses {
            rounds += 1
            response = try exchange(CommandAPDU(ins: 0xC0, p1: 0, p2: 0, le: available).bytes)
            if let correctLength = response.status.correctLength {
                response = try exchange(CommandAPDU(ins: 0xC0, p1: 0, p2: 0, le: correctLength).bytes)
            }
            data += response.data
        }
        return ResponseAPDU(data: data, status: response.status)
    }
}

/// GET RESPONSEs for one command at most: 256 answers of 256 bytes are the 64 KiB limit.
private let maximumGetResponses = 256
