import SmartCard

/// Opens a connection to the card in a reader: PC/SC for real readers, in-process for the demo's.
/// Every connector is a token backend: the kiosk's own APDU profile over its connections.
public protocol CardConnector: TokenBackend {
    func connect(reader: String) throws(CardError) -> any CardConnection
}

extension CardConnector {
    public func open(reader: String) throws(TokenError) -> any AuthenticationToken {
        do {
            return ProfileToken(connection: try connect(reader: reader))
        } catch {
            throw CardProfileError.card(error).tokenError
        }
    }
}

/// A connection to one card, carrying APDUs until it is closed.
public protocol CardConnection: CardTransport {
    /// Ends the connection and resets the card.
    func close()
}

extension CardChannel: CardConnection {
    public func close() { disconnect() }
}

/// Real readers, through pcscd: each sign-in holds its card exclusively.
public struct PCSCCardConnector: CardConnector {
    public init() {}

    public func connect(reader: String) throws(CardError) -> any CardConnection {
        try CardChannel(reader: reader, sharing: .exclusive)
    }
}
