import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel, closing every connection that is not persistent once its answer
/// is written.
///
/// RFC 9112 §9.3: an HTTP/1.0 request without `Connection: keep-alive` ends its connection. w3m
/// sends such requests and reads each answer to the end of the connection, so it would wait
/// forever; Hummingbird, which no longer sees the request's version, closes only on
/// `Connection: close`. ``NonPersistentRequestMarker`` adds that header where the version says so.
struct ClosingHTTP1Channel: HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel

    var responder: Responder { base.responder }

    /// The server builder of this channel, to use where `.http1()` would be.
    static var builder: HTTPServerBuilder {
        HTTPServerBuilder { responder in ClosingHTTP1Channel(base: HTTP1Channel(responder: responder)) }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(NonPersistentRequestMarker(), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Gives each request whose connection is not persistent the `Connection: close` header, between
/// the HTTP/1 decoder, which knows the version, and the conversion to version-free HTTP types.
final class NonPersistentRequestMarker: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = Self.unwrapInboundIn(data), !head.isKeepAlive else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(Self.wrapInboundOut(.head(head)))
    }
}
