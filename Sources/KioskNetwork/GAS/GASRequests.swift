import GPObject

/// The gpOBJECT bodies the kiosk sends to GAS, exactly as `spec/spine-gas.md` lays them out.
enum GASRequests {
    /// Step 1. `device` is `{device id},ClientIP={ip}`.
    static func activation(logSessionID: String, device: String) -> GPObject {
        GPObject([
            .init(name: "auth_method", value: "3"),
            .init(name: "app_url", value: "NHST"),
            .init(name: "log_session_id", value: logSessionID),
            .init(name: "device_id", value: device),
            .init(name: "service", value: "ACTIVATION"),
        ])
    }

    /// Step 3, with `response` the base64 S/MIME text around the CMS structure.
    static func validation(challenge: GASChallenge, uid: String, response: String, device: String) -> GPObject {
        GPObject([
            .init(name: "auth_method", value: "3"),
            .init(name: "app_url", value: "NHST"),
            .init(name: "log_session_id", value: challenge.logSessionID),
            .init(name: "device_id", value: device),
            .init(name: "service", value: "AUTHENTICATION"),
            .init(name: "challenge", value: challenge.encodedChallenge),
            .init(name: "signature", value: challenge.serverSignature),
            .init(name: "uid", value: uid),
            .init(name: "card_type", value: "p11"),
            .init(name: "response", value: response, attributes: ["encoding": "base64"]),
            .init(name: "mobility", value: "0"),
        ])
    }

    /// Step 5.
    static func logout(_ authentication: SpineAuthentication, device: String) -> GPObject {
        GPObject([
            .init(name: "service", value: "LOGOUT"),
            .init(name: "sso_ticket", value: authentication.ticket.value),
            .init(name: "log_session_id", value: authentication.logSessionID),
            .init(name: "device_id", value: device),
            .init(name: "uid", value: authentication.uid),
        ])
    }
}
