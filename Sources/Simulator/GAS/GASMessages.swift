import GPObject

/// The `gpOBJECT` documents GAS answers with, shaped like captured field traffic.
public enum GASMessages {
    /// The answer to `/login/authactivate`.
    public static func activation(_ challenge: Challenge, logSessionID: String, baseURL: String) -> GPObject {
        var object = GPObject()
        object.append("gas_version", "5.2.7")
        object.append("signature", challenge.serverSignature)
        object.append("ssp_url", "")
        object.append("app_url", "NHST")
        object.append("log_session_id", logSessionID)
        object.append("service", "ACTIVATION")
        object.append("error_url", "\(baseURL)/login/error")
        object.append("ticket", "")
        object.append("auth_method", "3")
        object.append("reply_url", "\(baseURL)/login/authvalidate")
        object.append("challenge", challenge.base64)
        return object
    }

    /// The answer to a successful `/login/authvalidate`. Role texts carry a bare `&` as the field does.
    public static func authenticated(_ login: SSOLogin, baseURL: String) -> GPObject {
        var object = GPObject()
        object.append("log_session_id", login.ticket.logSessionID)
        object.append("error_url", "\(baseURL)/login/error")
        object.append("cn", login.user.displayName)
        for (index, role) in login.user.roles.enumerated() {
            object.append(
                "nhsjobrole\(index)", role.gasRoleText,
                attributes: ["id": role.roleProfileID, "orgcode": role.orgCode], verbatim: true)
        }
        object.append("gas_version", "5.2.7")
        object.append("sso_ticket", login.ticket.token)
        object.append("sso_max_session_time", "600")
        object.append("sso_keep_alive", "false")
        object.append("sso_session_time", "600")
        object.append("sso_logout_url", "\(baseURL)/login/authlogout")
        object.append("auth_method", "3")
        object.append("app_url", "NHST")
        object.append("service", "AUTHENTICATION")
        return object
    }

    /// An error answer.
    public static func failure(_ failure: GASFailure, logSessionID: String?, service: String) -> GPObject {
        var object = GPObject()
        object.append("log_session_id", logSessionID ?? "")
        object.append("service", service)
        object.append("error", failure.code.rawValue)
        object.append("error_description", failure.description)
        return object
    }

    /// The body of a successful role selection or logout.
    public static let statusOK = "<HTML><STATUS>OK</STATUS></HTML>\n"

    /// The body of a refused role selection.
    public static func status(_ code: String) -> String {
        "<HTML><STATUS>\(code)</STATUS></HTML>\n"
    }
}
