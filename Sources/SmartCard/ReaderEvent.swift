/// What the reader monitor observed, in the order it happened.
public enum ReaderEvent: Equatable, Sendable {
    /// A reader that matches the filter appeared (also reported for each reader found at start).
    case readerAdded(String)
    /// A reader disappeared; a card in it is reported removed first.
    case readerRemoved(String)
    /// A card is in the reader, answering with this ATR.
    case cardInserted(reader: String, atr: [UInt8])
    /// The card left the reader.
    case cardRemoved(reader: String)
    /// pcscd went away: every card it reported is reported removed first.
    case serviceUnavailable
    /// pcscd is back after ``serviceUnavailable``; readers and cards are reported afresh.
    case serviceRestored
}
