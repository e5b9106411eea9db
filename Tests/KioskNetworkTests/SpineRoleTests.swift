import GPObject
import KioskCore
import Testing

@testable import KioskNetwork

@Suite struct SpineRoleTests {
    private func role(_ text: String, attributes: KeyValuePairs<String, String> = ["id": "555123450102", "orgcode": "RKF"]) -> SpineRole? {
        SpineRole(line: GPObject.Parameter(name: "nhsjobrole0", value: text, attributes: attributes))
    }

    @Test func readsTheSpecFormat() throws {
        let parsed = try #require(role(#"STIRLING MEDICAL CENTRE (S KUMAR), "Admin & Clerical":"Management - A & C":"Registration Authority Manager""#,
            attributes: ["id": "055008642106", "orgcode": "B81012"]))
        #expect(parsed == SpineRole(
            profileID: "055008642106", organisationCode: "B81012", organisationName: "STIRLING MEDICAL CENTRE (S KUMAR)",
            area: "Admin & Clerical", subArea: "Management - A & C", jobRole: "Registration Authority Manager"))
        #expect(parsed.jobRoleCode == nil)
    }

    @Test func theKioskShowsTheJobRoleAndOrganisationAndSelectsTheProfileID() {
        let spine = SpineRole(
            profileID: "055008642106", organisationCode: "B81012", organisationName: "STIRLING MEDICAL CENTRE",
            area: "Admin & Clerical", subArea: "Management - A & C", jobRole: "Registration Authority Manager")
        #expect(Role(spine) == Role(
            id: "055008642106", jobRole: "Registration Authority Manager", organisation: "STIRLING MEDICAL CENTRE",
            organisationCode: "B81012"))
    }

    @Test func keepsCommasInOrganisationNamesAndColonsInsideQuotes() throws {
        let parsed = try #require(role(#"ST MARY'S, PADDINGTON, "Clinical":"Clinical Provision":"Nurse: Band 6""#))
        #expect(parsed.organisationName == "ST MARY'S, PADDINGTON")
        #expect(parsed.jobRole == "Nurse: Band 6")
        #expect(parsed.subArea == "Clinical Provision")
    }

    @Test func readsTheRoleCodeWhenPresent() throws {
        let parsed = try #require(role(#"ORG, "Clinical":"Clinical Provision":"Health Professional Access Role""#,
            attributes: ["id": "1", "orgcode": "X", "role_code": "S8000:G8000:R8003"]))
        #expect(parsed.roleCode == "S8000:G8000:R8003")
        #expect(parsed.jobRoleCode == "R8003")
    }

    @Test func handlesLinesWithoutOrganisationOrQuotes() throws {
        let noOrganisation = try #require(role(#""Clinical":"Clinical Provision":"Health Professional Access Role""#))
        #expect(noOrganisation.organisationName == "")
        #expect(noOrganisation.area == "Clinical")
        #expect(noOrganisation.jobRole == "Health Professional Access Role")

        let plain = try #require(role("JUST AN ORGANISATION"))
        #expect(plain.organisationName == "JUST AN ORGANISATION")
        #expect(plain.jobRole == "")

        let unterminated = try #require(role(#"ORG, "Clinical":"Nurse"#))
        #expect(unterminated.jobRole == "Nurse")
        #expect(unterminated.area == "Clinical")

        let oneSegment = try #require(role(#"ORG, "Nurse""#))
        #expect(oneSegment.jobRole == "Nurse")
        #expect(oneSegment.area == "")
    }

    @Test func skipsLinesWithoutAnID() {
        #expect(role("ORG, \"a\":\"b\":\"c\"", attributes: ["orgcode": "X"]) == nil)
        #expect(role("ORG, \"a\":\"b\":\"c\"", attributes: ["id": "  "]) == nil)
    }

    @Test func ordersRolesByLineNumberAndIgnoresOtherParameters() throws {
        let object = try GPObject(parsing: Array("""
            <gpOBJECT>
            <gpPARAM name="nhsjobrole18" id="102048881986" orgcode="RKF">THE PRINCESS ROYAL HOSPITAL NHS TRUST, "Admin & Clerical":"Admin":"Registration Authority Agent"</gpPARAM>
            <gpPARAM name="nhsjobrole0" id="887389426511" orgcode="B81012">STIRLING MEDICAL CENTRE (S KUMAR), "Admin &amp; Clerical":"Admin":"Demographic Administrator"</gpPARAM>
            <gpPARAM name="nhsjobrole2" orgcode="B81012">NO ID, "a":"b":"c"</gpPARAM>
            <gpPARAM name="nhsjobrolecount">3</gpPARAM>
            <gpPARAM name="nhsjobrole">x</gpPARAM>
            </gpOBJECT>
            """.utf8))
        let roles = SpineRole.roles(in: object)
        #expect(roles.map(\.profileID) == ["887389426511", "102048881986"])
        #expect(roles.map(\.jobRole) == ["Demographic Administrator", "Registration Authority Agent"])
        #expect(roles.map(\.area) == ["Admin & Clerical", "Admin & Clerical"])
    }

    @Test func zeroRolesIsAnEmptyList() throws {
        let object = try GPObject(parsing: Array(#"<gpOBJECT><gpPARAM name="cn">X</gpPARAM></gpOBJECT>"#.utf8))
        #expect(SpineRole.roles(in: object).isEmpty)
    }
}
