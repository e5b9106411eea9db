import Foundation

/// What the simulated portal saw of the browsers that a session's hand-offs signed in.
public struct BrowserActivity: Sendable, Equatable {
    /// How many hand-off codes were redeemed for the session: browsers signed in.
    public internal(set) var signIns = 0
    /// When the first browser signed in.
    public internal(set) var firstSignInAt: Date?
    /// Pages served to the session's browsers while it lived.
    public internal(set) var pageViews = 0
    public internal(set) var lastPageViewAt: Date?

    /// True once a browser holds the session.
    public var isSignedIn: Bool { signIns > 0 }

    mutating func recordSignIn(at date: Date) {
        signIns += 1
        if firstSignInAt == nil { firstSignInAt = date }
    }

    mutating func recordPageView(at date: Date) {
        pageViews += 1
        lastPageViewAt = date
    }
}
