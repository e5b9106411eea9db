/// An in-memory cookie store (a libcurl cookie share) for one session's requests.
///
/// Cookies never touch the disk and are freed with the jar. Nothing here exposes their values.
public final class CookieJar: Sendable {
    let id: Int
    let mailbox: EngineMailbox

    init(id: Int, mailbox: EngineMailbox) {
        self.id = id
        self.mailbox = mailbox
    }

    deinit {
        mailbox.post(.releaseCookies(jarID: id))
    }

    /// Deletes every cookie (CURLOPT_COOKIELIST "ALL"); returns once they are gone.
    public func removeAll() async {
        await withCheckedContinuation { done in
            if !mailbox.post(.removeCookies(jarID: id, done: done)) { done.resume() }
        }
    }

    /// The names of the cookies held, for checks such as "the session cookie was set".
    public func cookieNames() async -> [String] {
        await withCheckedContinuation { reply in
            if !mailbox.post(.listCookieNames(jarID: id, reply: reply)) { reply.resume(returning: []) }
        }
    }
}
