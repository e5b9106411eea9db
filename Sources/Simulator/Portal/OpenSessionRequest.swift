import Foundation

/// The body of `POST /api/smartcard/sessions`.
public struct OpenSessionRequest: Sendable, Equatable {
    public var ssoTicket: String
    public var uid: String
    public var roleProfileID: String
    public var deviceID: String?
    public var client: String?

    public init(ssoTicket: String, uid: String, roleProfileID: String, deviceID: String? = nil, client: String? = nil) {
        self.ssoTicket = ssoTicket
        self.uid = uid
        self.roleProfileID = roleProfileID
        self.deviceID = deviceID
        self.client = client
    }

    /// Decodes a JSON body; unknown fields are ignored, a missing or empty required field is a bad request.
    public init(json: Data) throws(PortalError) {
        guard let object = try? JSONSerialization.jsonObject(with: json), let fields = object as? [String: Any] else {
            throw .badRequest("the body is not a JSON object")
        }
        func required(_ key: String) throws(PortalError) -> String {
            guard let value = fields[key] as? String, !value.isEmpty else {
                throw .badRequest("\(key) is missing or not a non-empty string")
            }
            return value
        }
        self.init(
            ssoTicket: try required("sso_ticket"), uid: try required("uid"),
            roleProfileID: try required("role_profile_id"),
            deviceID: fields["device_id"] as? String, client: fields["client"] as? String)
    }
}
