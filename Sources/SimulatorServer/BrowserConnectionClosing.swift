import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes the connection after each page of the simulated portal's web front end (`/sso/…`,
/// `/cmc…`), as an HTTP/1.0 server would.
///
/// w3m asks for pages with HTTP/1.0 and reads each answer to the end of the connection, but
/// Hummingbird 2 keeps every connection open unless the request says `Connection: close`: it
/// sees requests as HTTP types, which have no version. Marking the front end's requests so makes
/// Hummingbird close after the answer, for every browser alike. The kiosk's API calls
/// (HTTP/1.1 through libcurl) keep their connections.
final class BrowserConnectionClosing: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var part = unwrapInboundIn(data)
        if case .head(var head) = part, let path = head.path, Self.isFrontEnd(path) {
            head.headerFields[.connection] = "close"
            part = .head(head)
        }
        context.fireChannelRead(wrapInboundOut(part))
    }

    static func isFrontEnd(_ path: String) -> Bool {
        path.hasPrefix("/sso/") || path.hasPrefix("/cmc")
    }
}
