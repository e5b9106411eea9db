import CShims
import Glibc

/// Runs `body` on a new detached POSIX thread called `name` (the system keeps its first 15
/// bytes), for the kiosk's threads that block in C libraries: the UI, the readers, libcurl.
///
/// Foundation's `Thread` does the same, but importing it brings all of Foundation, and ICU,
/// into a process that otherwise needs only FoundationEssentials.
public func detachThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    let context = Unmanaged.passRetained(ThreadBody {
        _ = cmc_name_this_thread(name)
        body()
    }).toOpaque()
    var thread = pthread_t()
    let failure = pthread_create(&thread, nil, { context in
        guard let context else { return nil }
        Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run()
        return nil
    }, context)
    guard failure == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(context).release()
        fatalError("cannot start the \(name) thread: \(String(cString: strerror(failure)))")
    }
    pthread_detach(thread)
}

/// Sleeps the calling thread for `duration`, through interruptions.
public func sleepThread(for duration: Duration) {
    let (seconds, attoseconds) = duration.components
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1, errno == EINTR { request = remaining }
}

/// The closure a new thread runs, kept alive until it starts.
private final class ThreadBody {
    let run: @Sendable () -> Void

    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
