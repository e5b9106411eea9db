import FoundationEssentials
import Synchronization
import SystemThreads

/// The kiosk's one HTTP(S) client: a libcurl multi handle driven by one dedicated thread.
///
/// - TLS is always verified; `extraCAFile` adds trust anchors to the system store.
/// - `http://` is refused unless the host is loopback, before any I/O.
/// - Only http and https; redirects are never followed (a 3xx comes back as a response).
/// - Connections are cached and reused between requests; a new connection resumes the TLS
///   session of an earlier one to the same server (the requests of one cookie jar share their
///   sessions, and so do those with none).
/// - Proxies: the configuration's (`Configuration.proxy`), else the standard environment
///   variables, as libcurl reads them; loopback never goes through one.
/// - Cancelling the calling task removes the transfer and throws `HTTPError.cancelled`.
public final class HTTPEngine: Sendable {
    public let configuration: Configuration
    /// The name of the engine's thread, `cmc-http-N`, unique in the process.
    let threadName: String
    private let mailbox: EngineMailbox
    private static let enginesMade = Atomic(0)

    public init(configuration: Configuration = Configuration()) throws(HTTPError) {
        let bundle = try CABundle.make(extraCAFile: configuration.extraCAFile, systemBundle: configuration.systemCABundle)
        guard let multi = MultiHandle() else { throw .transport(code: 2, message: "libcurl could not start") }
        let mailbox = EngineMailbox(multi: multi)
        let route = ProxyRoute.of(configuration.proxy, environment: ProcessInfo.processInfo.environment)
        let settings = TransferSettings(configuration: configuration, caBundle: bundle, proxyRoute: route)
        self.configuration = configuration
        self.mailbox = mailbox
        let threadName = "cmc-http-\(Self.enginesMade.add(1, ordering: .relaxed).newValue)"
        self.threadName = threadName
        detachThread(named: threadName) {
            EngineLoop(multi: multi, mailbox: mailbox, settings: settings).run()
        }
    }

    deinit {
        mailbox.stop()
    }

    /// Performs `request` and returns the complete response, whatever its status code.
    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let target = try URLPolicy.check(request.url)
        for header in request.headers where !Self.isValid(header) {
            throw .invalidHeader(name: header.name)
        }
        if let jar = request.cookieJar, jar.mailbox !== mailbox { throw .foreignCookieJar }
        let id = mailbox.nextID()
        let cancellation = CancellationFlag()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let pending = PendingTransfer(
                    id: id, request: request, target: target, cancellation: cancellation, continuation: continuation)
                if !mailbox.post(.start(pending)) { pending.finish(.failure(.cancelled)) }
            }
        } onCancel: {
            cancellation.set()  // seen by the engine thread if the start is still queued
            mailbox.post(.cancel(requestID: id))
        }
        return try outcome.get()
    }

    /// A new, empty in-memory cookie store for requests of this engine.
    public func makeCookieJar() -> CookieJar {
        CookieJar(id: mailbox.nextID(), mailbox: mailbox)
    }

    /// No CR, LF or NUL anywhere (bytes, not Characters: "\r\n" is one Character), no colon in
    /// the name, no empty name.
    private static func isValid(_ header: HTTPHeader) -> Bool {
        let forbidden: Set<UInt8> = [0x0D, 0x0A, 0x00]
        return !header.name.isEmpty && !header.name.utf8.contains(UInt8(ascii: ":"))
            && !header.name.utf8.contains(where: forbidden.contains) && !header.value.utf8.contains(where: forbidden.contains)
    }
}
