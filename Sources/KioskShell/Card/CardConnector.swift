import SmartCard

/// Opens a connection to the card in a reader: PC/SC for real readers, in-process for the demo's.
public protocol CardConnector: Sendable {
    func connect(reader: String) throws(CardError) -> any CardConnection
}

/// A connection to one card, carrying APDUs until it is closed.
public protocol CardConnection: CardTransport {
    func close()
}

extension CardChannel: CardConnection {
    public func close() { disconnect() }
}

/// Real readers, through pcscd.
public struct PCSCCardConnector: CardConnector {
    public init() {}

    public func connect(reader: String) throws(CardError) -> any CardConnection {
        try CardChannel(reader: reader)
    }
}
