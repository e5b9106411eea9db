import Testing
import Simulator

@Suite("The portal's synthetic patients: plainly fictional, in the test ranges")
struct SyntheticPatientTests {
    let patients = SyntheticPatient.all

    /// The modulus 11 check digit of an NHS number's first nine digits; `nil` where none exists (10).
    static func checkDigit(_ digits: [Int]) -> Int? {
        let sum = zip(digits, (2...10).reversed()).map { $0 * $1 }.reduce(0, +)
        switch 11 - sum % 11 {
        case 11: return 0
        case 10: return nil
        case let digit: return digit
        }
    }

    @Test("the modulus 11 check agrees with known test numbers")
    func checkDigitItself() {
        #expect(Self.checkDigit([9, 4, 3, 4, 7, 6, 5, 9, 1]) == 9, "943 476 5919, NHS Digital's example")
        #expect(Self.checkDigit([9, 9, 9, 1, 2, 3, 4, 5, 6]) == nil)
    }

    @Test("five or six patients, with unique ids, and both resuscitation decisions")
    func handful() {
        #expect((5...6).contains(patients.count))
        #expect(Set(patients.map(\.id)).count == patients.count)
        #expect(Set(patients.map(\.nhsNumber)).count == patients.count)
        #expect(patients.contains { $0.resuscitation == .dnacprInPlace })
        #expect(patients.contains { $0.resuscitation == .forFullResuscitation })
        #expect(SyntheticPatient.withID("1003") == patients[2])
        #expect(SyntheticPatient.withID("0") == nil)
    }

    @Test("every NHS number is `999 nnn nnnn`, in the test range, with a valid check digit")
    func nhsNumbers() throws {
        for patient in patients {
            let groups = patient.nhsNumber.split(separator: " ", omittingEmptySubsequences: false)
            #expect(groups.map(\.count) == [3, 3, 4], "\(patient.nhsNumber)")
            #expect(groups.first == "999", "\(patient.nhsNumber)")
            let digits = groups.joined().compactMap(\.wholeNumberValue)
            try #require(digits.count == 10, "\(patient.nhsNumber)")
            #expect(Self.checkDigit(Array(digits.prefix(9))) == digits[9], "\(patient.nhsNumber)")
        }
    }

    @Test("every key contact's number is in Ofcom's drama ranges, and every plan has one")
    func contacts() {
        for patient in patients {
            #expect(!patient.keyContacts.isEmpty, "\(patient.name)")
            for contact in patient.keyContacts {
                let number = contact.telephone
                let london = number.hasPrefix("020 7946 0") && number.count == 13
                let mobile = number.hasPrefix("07700 900") && number.count == 12
                #expect(london || mobile, "\(contact.name): \(number)")
                let lastThree = number.suffix(3)
                #expect(lastThree.allSatisfy { $0.isNumber }, "\(number)")
            }
        }
    }
}
