import Foundation
import Simulator

/// The body of `GET /_sim/status`: what is live and what has ended, so tests can check nothing was
/// left behind. Tickets and session cookies appear shortened (their first 16 characters), never
/// whole: enough for a test to look for them in what the kiosk wrote, not enough to use them.
struct StatusReport: Encodable {
    var now: Date
    var portal: Portal
    var gas: GAS
    var faults: [FaultRule]

    struct Portal: Encodable {
        var timeouts: Timeouts
        var sessions: [LiveSession]
        var endedSessions: [Ended]

        enum CodingKeys: String, CodingKey {
            case timeouts, sessions
            case endedSessions = "ended_sessions"
        }
    }

    struct Timeouts: Encodable {
        var idleSeconds, warningSeconds, absoluteSeconds, leaseSeconds: Double

        enum CodingKeys: String, CodingKey {
            case idleSeconds = "idle_seconds"
            case warningSeconds = "warning_seconds"
            case absoluteSeconds = "absolute_seconds"
            case leaseSeconds = "lease_seconds"
        }
    }

    struct LiveSession: Encodable {
        var sessionID, uid, displayName, cmcRole, roleProfileID: String
        /// The `CMCSESSION` cookie's first characters and an ellipsis.
        var cookie: String
        var deviceID: String?
        var created, lastSeen, lastActivity, idleDeadline, absoluteDeadline, leaseDeadline: Date
        var browser: Browser

        enum CodingKeys: String, CodingKey {
            case uid, created, cookie, browser
            case sessionID = "session_id"
            case displayName = "display_name"
            case cmcRole = "cmc_role"
            case roleProfileID = "role_profile_id"
            case deviceID = "device_id"
            case lastSeen = "last_seen"
            case lastActivity = "last_activity"
            case idleDeadline = "idle_deadline"
            case absoluteDeadline = "absolute_deadline"
            case leaseDeadline = "lease_deadline"
        }
    }

    struct Ended: Encodable {
        var sessionID, uid: String
        var reason: EndedSession.Reason
        var logoutReason: String?
        var created, endedAt: Date
        /// What browsers had done with the session by the time it ended.
        var browser: Browser

        enum CodingKeys: String, CodingKey {
            case uid, reason, created, browser
            case sessionID = "session_id"
            case logoutReason = "logout_reason"
            case endedAt = "ended_at"
        }
    }

    /// The browsers a session's hand-offs signed in: `signed_in` once one holds the session, how
    /// many did, and the pages they were served while it lived (times absent until there are any).
    struct Browser: Encodable {
        var signedIn: Bool
        var signIns, pageViews: Int
        var firstSignInAt, lastPageViewAt: Date?

        init(_ activity: BrowserActivity) {
            signedIn = activity.isSignedIn
            signIns = activity.signIns
            pageViews = activity.pageViews
            firstSignInAt = activity.firstSignInAt
            lastPageViewAt = activity.lastPageViewAt
        }

        enum CodingKeys: String, CodingKey {
            case signedIn = "signed_in"
            case signIns = "sign_ins"
            case pageViews = "page_views"
            case firstSignInAt = "first_sign_in_at"
            case lastPageViewAt = "last_page_view_at"
        }
    }

    struct GAS: Encodable {
        var tickets: [Ticket]
        var outstandingChallenges: Int

        enum CodingKeys: String, CodingKey {
            case tickets
            case outstandingChallenges = "outstanding_challenges"
        }
    }

    struct Ticket: Encodable {
        var ticket, uid: String
        var created: Date
        var selectedRole: String?
        var logSessionID: String
        var smimeQuirks: [SMIMEQuirk]

        enum CodingKeys: String, CodingKey {
            case ticket, uid, created
            case selectedRole = "selected_role"
            case logSessionID = "log_session_id"
            case smimeQuirks = "smime_quirks"
        }
    }

    init(gas: GASService, portal: PortalService, faults: [FaultRule], now: Date) {
        self.now = now
        self.faults = faults
        let timeouts = portal.timeouts
        self.portal = Portal(
            timeouts: Timeouts(
                idleSeconds: timeouts.idle, warningSeconds: timeouts.warning,
                absoluteSeconds: timeouts.absolute, leaseSeconds: timeouts.lease),
            sessions: portal.sessions.values.sorted { $0.createdAt < $1.createdAt }.map {
                LiveSession(
                    sessionID: $0.sessionID, uid: $0.uid, displayName: $0.displayName, cmcRole: $0.cmcRole,
                    roleProfileID: $0.roleProfileID, cookie: SSOTicket.redact($0.cookie), deviceID: $0.deviceID,
                    created: $0.createdAt,
                    lastSeen: $0.lastSeen, lastActivity: $0.lastActivity,
                    idleDeadline: $0.idleDeadline(timeouts), absoluteDeadline: $0.absoluteDeadline(timeouts),
                    leaseDeadline: $0.leaseDeadline(timeouts), browser: Browser($0.browser))
            },
            endedSessions: portal.ended.values.sorted { $0.endedAt < $1.endedAt }.map {
                Ended(
                    sessionID: $0.session.sessionID, uid: $0.session.uid, reason: $0.reason,
                    logoutReason: $0.logoutReason, created: $0.session.createdAt, endedAt: $0.endedAt,
                    browser: Browser($0.session.browser))
            })
        self.gas = GAS(
            tickets: gas.tickets.values.sorted { $0.createdAt < $1.createdAt }.map {
                Ticket(
                    ticket: $0.redacted, uid: $0.uid, created: $0.createdAt, selectedRole: $0.selectedRoleID,
                    logSessionID: $0.logSessionID, smimeQuirks: $0.smimeQuirks)
            },
            outstandingChallenges: gas.outstandingChallengeCount)
    }
}

extension JSONEncoder {
    /// Sorted keys, ISO 8601 dates with milliseconds.
    static var simulator: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return encoder
    }
}
