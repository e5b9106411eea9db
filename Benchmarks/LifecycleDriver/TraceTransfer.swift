/// An HTTP transfer of the kiosk's timing trace, as it ended:
/// `<ns> transfer <round trips> <new connections> <METHOD> <URL>[ unanswered]`.
public struct TraceTransfer: Sendable, Equatable {
    /// When it ended, `CLOCK_MONOTONIC` nanoseconds.
    public let nanoseconds: Int64
    /// Its round trips on the link: 1, plus 2 for each new connection (TCP and TLS 1.3 handshakes).
    public let roundTrips: Int
    public let newConnections: Int
    public let method: String
    public let url: String
    /// Whether an answer came.
    public let answered: Bool

    /// The transfer of a trace line split at its spaces, or `nil` if it is not one.
    init?(line parts: [Substring]) {
        guard parts.count == 6 || (parts.count == 7 && parts[6] == "unanswered"), parts[1] == "transfer",
              let time = Int64(parts[0]), let roundTrips = Int(parts[2]), let newConnections = Int(parts[3]) else { return nil }
        nanoseconds = time
        self.roundTrips = roundTrips
        self.newConnections = newConnections
        method = String(parts[4])
        url = String(parts[5])
        answered = parts.count == 6
    }
}
