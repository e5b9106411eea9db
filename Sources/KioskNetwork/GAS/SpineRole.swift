import GPObject
import FoundationEssentials

/// One of the user's Spine roles, from an `nhsjobrole{N}` line of the validation response.
///
/// Every id stays a string: leading zeros occur.
public struct SpineRole: Sendable, Equatable, Hashable {
    /// The role profile id (`id` attribute), sent back as `selectedRoleUid`.
    public var profileID: String
    /// The organisation's ODS code (`orgcode` attribute).
    public var organisationCode: String
    /// The organisation's name: the text before `, "`.
    public var organisationName: String
    /// The first quoted segment, e.g. `Admin & Clerical`.
    public var area: String
    /// The middle quoted segment, e.g. `Admin`.
    public var subArea: String
    /// The last quoted segment, e.g. `Demographic Administrator`: what the kiosk shows.
    public var jobRole: String
    /// The `S…:G…:R…` triple when the line carries a `role_code` attribute.
    public var roleCode: String?

    public init(
        profileID: String, organisationCode: String, organisationName: String, area: String, subArea: String,
        jobRole: String, roleCode: String? = nil
    ) {
        self.profileID = profileID
        self.organisationCode = organisationCode
        self.organisationName = organisationName
        self.area = area
        self.subArea = subArea
        self.jobRole = jobRole
        self.roleCode = roleCode
    }

    /// The national job-role code (`R8000`): the last `:` part of `roleCode`.
    public var jobRoleCode: String? {
        roleCode?.split(separator: ":").last.map(String.init)
    }
}

extension SpineRole {
    /// The roles of a validation response, in the order of their line numbers (gaps allowed).
    /// Lines without an `id` cannot be selected and are left out. Public for the fuzz targets
    /// (`Fuzz/`), which feed it arbitrary documents.
    public static func roles(in object: GPObject) -> [SpineRole] {
        object.parameters
            .compactMap { parameter -> (Int, SpineRole)? in
                guard parameter.name.hasPrefix("nhsjobrole"),
                    let number = Int(parameter.name.dropFirst("nhsjobrole".count)),
                    let role = SpineRole(line: parameter)
                else { return nil }
                return (number, role)
            }
            .sorted { $0.0 < $1.0 }
            .map(\.1)
    }

    /// Reads `{ORG NAME}, "{area}":"{sub-area}":"{job role}"` with its attributes.
    init?(line: GPObject.Parameter) {
        guard let id = line.attribute("id")?.trimmingSpaces, !id.isEmpty else { return nil }
        let text = line.value.trimmingSpaces
        var organisation = ""
        var quotedPart = Substring(text)
        if let separator = text.firstRange(of: ", \"") {
            organisation = String(text[..<separator.lowerBound]).trimmingSpaces
            quotedPart = text[text.index(before: separator.upperBound)...]
        } else if !text.hasPrefix("\"") {
            organisation = text
            quotedPart = ""
        }
        let segments = Self.quotedSegments(quotedPart)
        self.init(
            profileID: id, organisationCode: line.attribute("orgcode")?.trimmingSpaces ?? "",
            organisationName: organisation,
            area: segments.count > 1 ? segments[0] : "",
            subArea: segments.count > 2 ? segments[segments.count - 2] : "",
            jobRole: segments.last ?? "",
            roleCode: line.attribute("role_code").flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `"a":"b":"c"` → [a, b, c]; tolerant of spaces and a missing closing quote.
    private static func quotedSegments(_ text: Substring) -> [String] {
        var segments: [String] = []
        var rest = text
        while let open = rest.firstIndex(of: "\"") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "\"") else {
                segments.append(String(rest[afterOpen...]).trimmingSpaces)
                break
            }
            segments.append(String(rest[afterOpen..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return segments
    }
}

extension StringProtocol {
    /// The text without white space at either end.
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
