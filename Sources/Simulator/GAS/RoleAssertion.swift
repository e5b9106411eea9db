import GPObject
import Foundation

/// The SAML 1.1 `samlp:Response` of `/saml/RoleAssertion`, shaped like the Spine Core example:
/// attributes in namespace `http://www.syntegra.com`, one Person block, one Job Role block per role.
public enum RoleAssertion {
    static let namespace = "http://www.syntegra.com"

    /// The assertion for a live ticket.
    public static func success(ticket: SSOTicket, user: SpineUser, now: Date, recipient: String) -> String {
        let instant = timestamp(now)
        var attributes = [
            attribute("ssbAssertionVersion", "1.1"),
            attribute("cn", user.displayName),
            attribute("uid", user.uid),
            attribute("ssbSessionRoleUid", ticket.selectedRoleID ?? ""),
            attribute("ssbMode", ticket.ssbMode),
        ]
        for role in user.roles {
            attributes += [
                attribute("nhsIdCode", role.orgCode),
                attribute("o", role.orgName),
                attribute("nhsJobRole", role.jobRoleText),
                attribute("uniqueIdentifier", role.roleProfileID),
                attribute("nhsJobRoleCode", role.roleCode),
            ]
        }
        let token = XMLText.escaped(ticket.token)
        return """
            <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" ResponseID="null" InResponseTo="null" \
            MajorVersion="1" MinorVersion="1" IssueInstant="\(instant)" Recipient="\(XMLText.escapedAttribute(recipient))">
              <samlp:Status><samlp:StatusCode Value="samlp:Success"/></samlp:Status>
              <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" MajorVersion="1" MinorVersion="1" \
            AssertionID="\(UUID().uuidString.lowercased())" Issuer="cmc-sim" IssueInstant="\(instant)">
                <saml:Conditions NotBefore="\(timestamp(now - 180))" NotOnOrAfter="\(timestamp(now + 60))"/>
                <saml:AttributeStatement>
                  <saml:Subject>
                    <saml:NameIdentifier NameQualifier="o=nhs">uid=\(XMLText.escaped(user.uid)),ou=People,o=nhs</saml:NameIdentifier>
                    <saml:SubjectConfirmation>
                      <saml:ConfirmationMethod>urn:com:sun:identity</saml:ConfirmationMethod>
                      <saml:SubjectConfirmationData>
                        <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" MajorVersion="1" MinorVersion="1" \
            Issuer="cmc-sim" IssueInstant="\(timestamp(ticket.createdAt))">
                          <saml:AuthenticationStatement AuthenticationInstant="\(timestamp(ticket.createdAt))" \
            AuthenticationMethod="urn:com:sun:identity:ExtendedLoginModule">
                            <saml:Subject>
                              <saml:SubjectConfirmation>
                                <saml:SubjectConfirmationData>\(token)</saml:SubjectConfirmationData>
                              </saml:SubjectConfirmation>
                            </saml:Subject>
                            <saml:SubjectLocality IPAddress="\(XMLText.escapedAttribute(recipient))"/>
                          </saml:AuthenticationStatement>
                        </saml:Assertion>
                      </saml:SubjectConfirmationData>
                    </saml:SubjectConfirmation>
                  </saml:Subject>
            \(attributes.map { "      " + $0 }.joined(separator: "\n"))
                </saml:AttributeStatement>
              </saml:Assertion>
            </samlp:Response>

            """
    }

    /// The answer for an unknown or logged-out ticket: a non-success status and no assertion.
    public static func failure(now: Date, recipient: String) -> String {
        """
        <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" ResponseID="null" InResponseTo="null" \
        MajorVersion="1" MinorVersion="1" IssueInstant="\(timestamp(now))" Recipient="\(XMLText.escapedAttribute(recipient))">
          <samlp:Status><samlp:StatusCode Value="samlp:Requester"/>\
        <samlp:StatusMessage>Invalid or expired token</samlp:StatusMessage></samlp:Status>
        </samlp:Response>

        """
    }

    private static func attribute(_ name: String, _ value: String) -> String {
        #"<saml:Attribute AttributeName="\#(name)" AttributeNamespace="\#(namespace)">"#
            + "<saml:AttributeValue>\(XMLText.escaped(value))</saml:AttributeValue></saml:Attribute>"
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
