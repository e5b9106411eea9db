import CCurl
import FoundationEssentials
import Glibc

/// Settings the engine thread applies to every transfer.
struct TransferSettings: Sendable {
    var configuration: HTTPEngine.Configuration
    /// System bundle plus the extra CA file, when one is configured.
    var caBundle: [UInt8]?
    /// The proxy requests to servers other than loopback go through, for naming it in failures.
    var proxyRoute: ProxyRoute
}

/// The engine thread: owns the multi handle's transfers and the shares, and is the only
/// code that drives libcurl.
final class EngineLoop {
    private struct Active {
        var pending: PendingTransfer
        var easy: EasyHandle
    }

    private let multi: MultiHandle
    private let mailbox: EngineMailbox
    private let settings: TransferSettings
    private var active: [UnsafeMutableRawPointer: Active] = [:]
    private var handleByRequest: [Int: UnsafeMutableRawPointer] = [:]
    /// Each cookie jar's share, by jar.
    private var shares: [Int: TransferShare] = [:]
    /// The share of the transfers without a cookie jar.
    private let jarless = TransferShare(holdsCookies: false)

    init(multi: MultiHandle, mailbox: EngineMailbox, settings: TransferSettings) {
        self.multi = multi
        self.mailbox = mailbox
        self.settings = settings
    }

    /// Runs until the engine stops.
    func run() {
        Self.blockBrokenPipeSignals()
        while true {
            let (commands, stop) = mailbox.drain()
            commands.forEach(handle)
            if stop { break }
            multi.perform()
            for finished in multi.finishedTransfers() {
                complete(finished.handle, result: finished.result)
            }
            multi.poll(milliseconds: 1000)
        }
        for handle in Array(active.keys) { abort(handle) }
        shares.removeAll()
    }

    /// With CURLOPT_NOSIGNAL libcurl leaves SIGPIPE to the application, and OpenSSL writing to a
    /// closed socket would kill the process. Blocked for this thread only, the write fails with
    /// EPIPE instead; the rest of the process keeps its own signal handling.
    private static func blockBrokenPipeSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    private func handle(_ command: EngineCommand) {
        switch command {
        case .start(let pending):
            start(pending)
        case .cancel(let requestID):
            if let handle = handleByRequest[requestID] { abort(handle) }
        case .removeCookies(let jarID, let done):
            shares[jarID]?.removeAll()
            done.resume()
        case .listCookieNames(let jarID, let reply):
            reply.resume(returning: shares[jarID]?.cookieNames() ?? [])
        case .releaseCookies(let jarID):
            shares[jarID] = nil
        }
    }

    private func start(_ pending: PendingTransfer) {
        guard !pending.cancellation.isSet else { return pending.finish(.failure(.cancelled)) }
        guard let easy = EasyHandle() else {
            return pending.finish(.failure(.transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "no easy handle")))
        }
        var share = jarless
        if let jar = pending.request.cookieJar {
            guard let jarShare = shares[jar.id] ?? TransferShare(holdsCookies: true) else {
                return pending.finish(.failure(.transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "no cookie share")))
            }
            shares[jar.id] = jarShare
            share = jarShare
        }
        if let failure = TransferOptions.apply(pending.request, target: pending.target, settings: settings, share: share, to: easy) {
            return pending.finish(.failure(failure))
        }
        guard multi.add(easy) else {
            return pending.finish(.failure(.transport(code: Int(CURLE_FAILED_INIT.rawValue), message: "multi add failed")))
        }
        active[easy.raw] = Active(pending: pending, easy: easy)
        handleByRequest[pending.id] = easy.raw
    }

    /// Removes a transfer before its end and frees its handle.
    private func abort(_ handle: UnsafeMutableRawPointer) {
        guard let transfer = take(handle) else { return }
        transfer.pending.finish(.failure(.cancelled))
    }

    private func complete(_ handle: UnsafeMutableRawPointer, result: CURLcode) {
        guard let transfer = take(handle) else { return }
        let easy = transfer.easy
        settings.configuration.transferObserver?(TransferRecord(
            request: transfer.pending.request.description, newConnections: easy.info(CURLINFO_NUM_CONNECTS) ?? 0,
            secure: transfer.pending.target.origin.hasPrefix("https:"), answered: result == CURLE_OK))
        guard result == CURLE_OK else {
            let proxy = transfer.pending.target.isLoopback ? nil : settings.proxyRoute.address
            if let proxy, let refusal = easy.proxyRefusal {
                let error = HTTPError.proxyRefused(proxy: proxy, status: refusal.status, reason: refusal.reason)
                return transfer.pending.finish(.failure(error))
            }
            let error = CurlErrorMapping.error(
                for: result, message: easy.errorMessage(for: result),
                verifyResult: easy.info(CURLINFO_SSL_VERIFYRESULT) ?? 0,
                exceededLimit: easy.exceededLimit, limit: settings.configuration.responseLimit, proxy: proxy)
            return transfer.pending.finish(.failure(error))
        }
        let response = HTTPResponse(
            status: easy.info(CURLINFO_RESPONSE_CODE) ?? 0, headers: easy.headers, body: easy.body,
            newConnections: easy.info(CURLINFO_NUM_CONNECTS) ?? 0,
            totalTime: .microseconds(easy.sizeInfo(CURLINFO_TOTAL_TIME_T) ?? 0))
        transfer.pending.finish(.success(response))
    }

    private func take(_ handle: UnsafeMutableRawPointer) -> Active? {
        guard let transfer = active.removeValue(forKey: handle) else { return nil }
        handleByRequest[transfer.pending.id] = nil
        multi.remove(transfer.easy)
        return transfer
    }
}
