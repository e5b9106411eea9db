import CPCSCLite

/// A PC/SC failure, named for what it means to the kiosk rather than by its raw code.
public enum PCSCError: Error, Equatable, Sendable, CustomStringConvertible {
    /// pcscd is not running or went away: the context must be established again.
    case serviceUnavailable
    /// No reader is connected.
    case noReaders
    /// The card was pulled out (or is no longer there).
    case cardRemoved
    /// The card was reset by another application; the session state on it is lost.
    case cardReset
    /// The card does not answer (mute, unpowered or unsupported).
    case cardUnresponsive
    /// Another application holds the card exclusively.
    case sharingViolation
    /// The reader named is not known to pcscd (any more).
    case unknownReader
    /// A wait was cancelled with `SCardCancel`.
    case cancelled
    /// A wait timed out.
    case timeout
    /// Any other PC/SC status, kept with its code and pcsc-lite's own text.
    case other(code: Int, message: String)

    /// Maps a pcsc-lite return value (not `SCARD_S_SUCCESS`) to a typed error.
    public init(code: Int) {
        switch code {
        case SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED, SCARD_F_COMM_ERROR, SCARD_E_INVALID_HANDLE:
            self = .serviceUnavailable
        case SCARD_E_NO_READERS_AVAILABLE:
            self = .noReaders
        case SCARD_W_REMOVED_CARD, SCARD_E_NO_SMARTCARD:
            self = .cardRemoved
        case SCARD_W_RESET_CARD:
            self = .cardReset
        case SCARD_W_UNRESPONSIVE_CARD, SCARD_W_UNPOWERED_CARD, SCARD_W_UNSUPPORTED_CARD:
            self = .cardUnresponsive
        case SCARD_E_SHARING_VIOLATION:
            self = .sharingViolation
        case SCARD_E_UNKNOWN_READER, SCARD_E_READER_UNAVAILABLE:
            self = .unknownReader
        case SCARD_E_CANCELLED:
            self = .cancelled
        case SCARD_E_TIMEOUT:
            self = .timeout
        default:
            self = .other(code: code, message: String(cString: pcsc_stringify_error(code)))
        }
    }

    public var description: String {
        switch self {
        case .serviceUnavailable: "the smartcard service (pcscd) is not available"
        case .noReaders: "no smartcard reader is connected"
        case .cardRemoved: "the smartcard was removed"
        case .cardReset: "the smartcard was reset by another program"
        case .cardUnresponsive: "the smartcard does not respond"
        case .sharingViolation: "the smartcard is in use by another program"
        case .unknownReader: "the smartcard reader is no longer available"
        case .cancelled: "the smartcard operation was cancelled"
        case .timeout: "the smartcard operation timed out"
        case .other(let code, let message): "smartcard error \(message) (0x\(String(code, radix: 16, uppercase: true)))"
        }
    }
}

/// Throws the typed error for a pcsc-lite return value unless it is `SCARD_S_SUCCESS`.
func check(_ code: Int) throws(PCSCError) {
    if code != SCARD_S_SUCCESS { throw PCSCError(code: code) }
}
