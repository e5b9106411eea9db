import CCurl
import CShims

/// The engine's one libcurl multi handle: its connection cache and its poll loop.
///
/// Every method runs on the engine thread except `wakeUp()`, which libcurl allows from any
/// thread; that is what makes the `@unchecked Sendable` sound.
final class MultiHandle: @unchecked Sendable {
    private let raw: UnsafeMutableRawPointer

    init?() {
        guard Curl.initialise(), let raw = curl_multi_init() else { return nil }
        self.raw = raw
    }

    deinit {
        curl_multi_cleanup(raw)
    }

    func add(_ easy: EasyHandle) -> Bool {
        curl_multi_add_handle(raw, easy.raw) == CURLM_OK
    }

    func remove(_ easy: EasyHandle) {
        curl_multi_remove_handle(raw, easy.raw)
    }

    /// Moves every transfer forward as far as it goes without blocking.
    func perform() {
        var running: Int32 = 0
        while curl_multi_perform(raw, &running) == CURLM_CALL_MULTI_PERFORM {}
    }

    /// Blocks until a socket is ready, libcurl's own timer fires, `wakeUp()` is called or
    /// `milliseconds` pass, whichever is first.
    func poll(milliseconds: Int32) {
        var ready: Int32 = 0
        curl_multi_poll(raw, nil, 0, milliseconds, &ready)
    }

    /// Interrupts `poll` from any thread.
    func wakeUp() {
        curl_multi_wakeup(raw)
    }

    /// The transfers that finished since the last call, by raw easy handle, with their result.
    func finishedTransfers() -> [(handle: UnsafeMutableRawPointer, result: CURLcode)] {
        var finished: [(handle: UnsafeMutableRawPointer, result: CURLcode)] = []
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(raw, &remaining) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                finished.append((easy, cmc_curl_msg_result(message)))
            }
        }
        return finished
    }
}
