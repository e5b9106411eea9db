import CPCSCLite
import CShims
import FoundationEssentials
import SystemThreads

/// A connection to the card in one reader, over PC/SC, with a context of its own.
///
/// Use it from one thread at a time. Disconnecting resets the card, so a verified passcode never
/// outlives the connection that presented it.
public final class CardChannel: CardTransport {
    public let readerName: String
    /// The card's answer to reset, as pcscd reports it after connecting.
    public let atr: [UInt8]
    private let context: PCSCContext
    private var card: SCARDHANDLE
    private var activeProtocol: DWORD
    private let sharing: Sharing
    private var connected = true

    /// How long a failed command waits to see whether the card has gone, to report it as removed.
    static let removalSettleTime: TimeInterval = 1.0
    /// How long connecting keeps trying while a card just put in is still powering up.
    static let powerUpTime: TimeInterval = 1.0

    /// Whether other PC/SC clients may use the card while this connection holds it.
    public enum Sharing: Sendable {
        /// No other client may connect: for a sign-in through the kiosk's profile.
        case exclusive
        /// Others may connect too: beside a PKCS#11 module that connects on its own.
        case shared
    }

    /// Connects with whichever of T=0 and T=1 the card offers.
    public init(reader: String, sharing: Sharing = .shared) throws(CardError) {
        do {
            context = try PCSCContext()
        } catch {
            throw .communication(error)
        }
        var handle: SCARDHANDLE = 0
        var negotiated: DWORD = 0
        let deadline = Date().addingTimeInterval(Self.powerUpTime)
        var result: Int
        repeat {
            result = SCardConnect(
                context.handle, reader, DWORD(sharing == .exclusive ? SCARD_SHARE_EXCLUSIVE : SCARD_SHARE_SHARED),
                DWORD(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1), &handle, &negotiated)
            guard Self.isPowerUpInProgress(result), Date() < deadline else { break }
            sleepThread(for: .milliseconds(50))
        } while true
        if result != SCARD_S_SUCCESS {
            let error = PCSCError(code: result)
            throw error == .cardRemoved ? .removed : .communication(error)
        }
        readerName = reader
        self.sharing = sharing
        card = handle
        activeProtocol = negotiated
        atr = Self.status(of: handle).atr
    }

    deinit { disconnect() }

    /// Answers pcscd gives while a card it has just seen is not ready for a connection.
    private static func isPowerUpInProgress(_ result: Int) -> Bool {
        [SCARD_E_PROTO_MISMATCH, SCARD_E_NOT_READY, SCARD_W_UNPOWERED_CARD, SCARD_W_UNRESPONSIVE_CARD].contains(result)
    }

    /// Ends the connection and resets the card; later commands fail.
    public func disconnect() {
        guard connected else { return }
        connected = false
        _ = SCardDisconnect(card, DWORD(SCARD_RESET_CARD))
        context.release()
    }

    /// Resets the card and stays connected, so that nothing verified on it stays so.
    public func reset() throws(CardError) {
        guard connected else { throw .communication(.cardReset) }
        var negotiated: DWORD = 0
        let result = SCardReconnect(
            card, DWORD(sharing == .exclusive ? SCARD_SHARE_EXCLUSIVE : SCARD_SHARE_SHARED),
            DWORD(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1), DWORD(SCARD_RESET_CARD), &negotiated)
        guard result == SCARD_S_SUCCESS else { throw classify(.communication(PCSCError(code: result))) }
        activeProtocol = negotiated
    }

    public func transmit(_ command: UnsafeRawBufferPointer) throws(CardError) -> [UInt8] {
        guard connected else { throw .communication(.cardReset) }
        var answer = [UInt8](repeating: 0, count: 258)
        var answerLength = DWORD(answer.count)
        let result = answer.withUnsafeMutableBufferPointer { buffer in
            SCardTransmit(
                card, cmc_pcsc_pci(activeProtocol),
                command.baseAddress?.assumingMemoryBound(to: UInt8.self), DWORD(command.count),
                nil, buffer.baseAddress, &answerLength)
        }
        guard result == SCARD_S_SUCCESS else { throw classify(.communication(PCSCError(code: result))) }
        guard answerLength >= 2 else { throw classify(.malformedResponse) }
        answer.removeSubrange(Int(answerLength)...)
        return answer
    }

    /// A failed command is the card's removal when the card is gone, now or very soon after:
    /// some readers report the broken exchange, or an empty answer, before the empty slot.
    private func classify(_ error: CardError) -> CardError {
        if error == .communication(.cardRemoved) { return .removed }
        let deadline = Date().addingTimeInterval(Self.removalSettleTime)
        repeat {
            if !Self.status(of: card).present { return .removed }
            sleepThread(for: .milliseconds(50))
        } while Date() < deadline
        return error
    }

    private static func status(of card: SCARDHANDLE) -> (present: Bool, atr: [UInt8]) {
        var state: DWORD = 0
        var protocolInUse: DWORD = 0
        var atr = [UInt8](repeating: 0, count: Int(MAX_ATR_SIZE))
        var atrLength = DWORD(atr.count)
        let result = SCardStatus(card, nil, nil, &state, &protocolInUse, &atr, &atrLength)
        guard result == SCARD_S_SUCCESS else { return (false, []) }
        return (state & DWORD(SCARD_PRESENT) != 0, Array(atr.prefix(Int(atrLength))))
    }
}
