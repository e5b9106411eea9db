import GPObject
import Simulator

/// The patient list and the urgent care plan summaries.
extension PortalPages {
    static let fictionalNotice = "Synthetic test data: every patient and care plan here is fictional."

    static func patientList(_ patients: [SyntheticPatient], for session: PortalSessionRecord) -> String {
        let rows = patients.map { patient in
            "<tr><td><a href=\"\(XMLText.escapedAttribute(BrowserRoutes.carePlanPath(patient)))\">"
                + "\(XMLText.escaped(patient.name))</a></td>"
                + "<td>\(XMLText.escaped(patient.nhsNumber))</td><td>\(XMLText.escaped(patient.dateOfBirth))</td>"
                + "<td>\(XMLText.escaped(patient.resuscitation.summary))</td></tr>"
        }
        return userPage(title: "Patients", for: session, content: """
            <h2>Patient list</h2>
            <p><strong>\(XMLText.escaped(fictionalNotice))</strong></p>
            <table>
            <tr><th align="left">Name</th><th align="left">NHS number</th><th align="left">Born</th>\
            <th align="left">Resuscitation</th></tr>
            \(rows.joined(separator: "\n"))
            </table>
            """)
    }

    static func carePlan(of patient: SyntheticPatient, for session: PortalSessionRecord) -> String {
        let contacts = patient.keyContacts.map { contact in
            "<li>\(XMLText.escaped(contact.name)), \(XMLText.escaped(contact.relationship)): "
                + "\(XMLText.escaped(contact.telephone))</li>"
        }
        let summary = [
            ("NHS number", XMLText.escaped(patient.nhsNumber)),
            ("Born", XMLText.escaped(patient.dateOfBirth)),
            ("Resuscitation", "<strong>\(XMLText.escaped(patient.resuscitation.summary))</strong>"),
            ("Preferred place of care", XMLText.escaped(patient.preferredPlaceOfCare)),
        ].map { label, value in "<tr><th align=\"left\">\(label)</th><td>\(value)</td></tr>" }
        return userPage(title: patient.name, for: session, content: """
            <h2>\(XMLText.escaped(patient.name)): urgent care plan</h2>
            <p><strong>\(XMLText.escaped(fictionalNotice))</strong></p>
            <table>
            \(summary.joined(separator: "\n"))
            </table>
            <h3>Key contacts</h3>
            <ul>
            \(contacts.joined(separator: "\n"))
            </ul>
            """)
    }

    static func noSuchPatient(for session: PortalSessionRecord) -> String {
        userPage(title: "No such patient", for: session, content: "<p>There is no patient with this record number.</p>")
    }
}
