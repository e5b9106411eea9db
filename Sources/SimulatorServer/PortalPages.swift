import GPObject
import Simulator

/// The simulated portal's web pages: plain HTML, no script, readable in w3m at 80×24 and in
/// Chromium. Every text from outside this file is escaped.
enum PortalPages {
    /// The answer to a redeemed hand-off, for a client that does not follow its redirect.
    static func signedIn(_ session: PortalSessionRecord) -> String {
        page(title: "Signed in", body: """
            <h1>Coordinate My Care</h1>
            <p>Signed in to CMC as \(XMLText.escaped(session.displayName)).</p>
            <p><a href="\(XMLText.escapedAttribute(BrowserRoutes.patientListPath))">Continue to the patient list</a></p>
            """)
    }

    static let handoffExpired = message(
        "This sign-in link has expired or was already used.", "Sign in again at the kiosk with your smartcard.")

    static let notSignedIn = message(
        "You are not signed in to CMC.", "Sign in at the kiosk with your smartcard.")

    static func sessionEnded(_ reason: EndedSession.Reason) -> String {
        message("Your CMC session has ended: \(explanation(of: reason))", "Sign in again at the kiosk with your smartcard.")
    }

    /// A page of the signed-in user: their name and role, the way back to the patient list, then `content`.
    static func userPage(title: String, for session: PortalSessionRecord, content: String) -> String {
        page(title: title, body: """
            <h1>CMC: \(XMLText.escaped(session.displayName)) (\(XMLText.escaped(session.cmcRole)))</h1>
            <p><a href="\(XMLText.escapedAttribute(BrowserRoutes.patientListPath))">Patients</a></p>
            \(content)
            """)
    }

    private static func message(_ lines: String...) -> String {
        page(title: "Coordinate My Care", body: (["<h1>Coordinate My Care</h1>"] + lines.map { "<p>\(XMLText.escaped($0))</p>" })
            .joined(separator: "\n"))
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <title>\(XMLText.escaped(title)) - CMC</title>
        <style>body{font-family:sans-serif;margin:1em 2em}th,td{padding:.2em 1em .2em 0}</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    private static func explanation(of reason: EndedSession.Reason) -> String {
        switch reason {
        case .logout: "the kiosk signed out (the smartcard was removed, or you signed out)."
        case .idleTimeout: "it was idle for too long."
        case .absoluteTimeout: "it reached the longest time a session may last."
        case .replaced: "you signed in somewhere else."
        case .leaseExpired: "the kiosk stopped answering the portal."
        case .spineLogout: "the NHS Spine login behind it ended."
        default: "the portal gave the reason \(reason.rawValue)."
        }
    }
}
