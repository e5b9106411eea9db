import FoundationEssentials

/// A server's clock as its `Date` header gave it, and this machine's when the answer came.
struct ClockReading: Sendable {
    /// `GAS` or `portal`.
    let server: String
    let serverDate: Date
    let localDate: Date

    /// Seconds this machine is ahead of the server (negative: behind).
    var skew: TimeInterval { localDate.timeIntervalSince(serverDate) }

    /// The server as a sentence names it: `GAS`, `the portal`.
    var spokenName: String { server == "portal" ? "the portal" : server }
}

/// This machine's clock against the servers'. `Date` has whole seconds and the answer takes time
/// to come, so a second or two of difference means nothing.
///
/// - Beyond 60 s: a warning. NTP is evidently not keeping the clock right, and the audit trail's
///   times no longer line up with the servers' logs closely enough to follow one sign-in across
///   them.
/// - Beyond 5 minutes: a failure. A clock that far out is broken rather than drifting, the audit
///   trail (a record of who used patient data when) is wrong by minutes, and 5 minutes is the
///   usual limit services put on time-limited signed tokens (Kerberos' default, and what SAML
///   services commonly allow), so servers that check them may refuse this terminal.
enum ClockCheck {
    static let warnBeyond: TimeInterval = 60
    static let failBeyond: TimeInterval = 300

    static func finding(_ readings: [ClockReading], serversAnswered: Bool) -> DoctorFinding {
        guard let worst = readings.max(by: { abs($0.skew) < abs($1.skew) }) else {
            return DoctorFinding(.skipped, "clock", serversAnswered
                ? "not checked: the servers sent no Date header" : "not checked: no server answered")
        }
        let seconds = Int(abs(worst.skew).rounded())
        let servers = readings.map(\.spokenName).joined(separator: " and ")
        guard abs(worst.skew) > warnBeyond else {
            return DoctorFinding(.ok, "clock", "agrees with \(servers) to within \(max(seconds, 1)) s")
        }
        let direction = worst.skew > 0 ? "ahead of" : "behind"
        let text = "this machine's clock is \(seconds) s \(direction) \(worst.spokenName): "
        if abs(worst.skew) > failBeyond {
            return DoctorFinding(.failed, "clock", text + "set it right and keep it right with NTP "
                + "(timedatectl set-ntp true); until then the audit trail's times are wrong")
        }
        return DoctorFinding(.warning, "clock", text + "check that NTP keeps it right (timedatectl status)")
    }
}
