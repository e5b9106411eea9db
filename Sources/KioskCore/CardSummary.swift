import FoundationEssentials

/// What the kiosk learnt from reading the card, before the passcode.
public struct CardSummary: Equatable, Sendable {
    /// The NHS user id (the certificate's subject CN).
    public var uid: String
    /// Days until the certificate expires, when within the 90-day renewal window.
    public var expiresInDays: Int?
    /// Passcode tries left, as the card says without spending one; nil when it does not say how
    /// many (but says it is not locked).
    public var triesLeft: Int?

    public init(uid: String, expiresInDays: Int? = nil, triesLeft: Int?) {
        self.uid = uid
        self.expiresInDays = expiresInDays
        self.triesLeft = triesLeft
    }
}

/// The portal session as the kiosk follows it.
public struct PortalSession: Equatable, Sendable {
    public var displayName: String
    public var role: Role
    public var idleTimeout: TimeInterval
    public var warning: TimeInterval
    public var lease: TimeInterval
    public var replacedAnother: Bool
    /// Where the portal's web front end is, for the session command.
    public var portalURL: String?

    public init(
        displayName: String, role: Role, idleTimeout: TimeInterval, warning: TimeInterval,
        lease: TimeInterval, replacedAnother: Bool = false, portalURL: String? = nil
    ) {
        self.displayName = displayName
        self.role = role
        self.idleTimeout = idleTimeout
        self.warning = warning
        self.lease = lease
        self.replacedAnother = replacedAnother
        self.portalURL = portalURL
    }
}
