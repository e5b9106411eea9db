/// The answers `opensc-tool -s` prints: `Received (SW1=0x90, SW2=0x00)`, then, if any data, lines
/// of 16 hex bytes followed by their ASCII.
struct OpenSCToolAnswers {
    struct Answer: Equatable {
        let status: String
        let data: [UInt8]
    }

    let answers: [Answer]

    init(_ output: String) {
        var answers: [Answer] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Received (SW1=0x"), line.count >= 29 {
                let text = Array(line)
                answers.append(Answer(status: String(text[16...17] + text[26...27]), data: []))
            } else if let last = answers.last, line.count > 2, line.prefix(2).allSatisfy(\.isHexDigit) {
                let bytes = line.prefix(48).split(separator: " ").compactMap { UInt8($0, radix: 16) }
                answers[answers.count - 1] = Answer(status: last.status, data: last.data + bytes)
            }
        }
        self.answers = answers
    }

    var statuses: [String] { answers.map(\.status) }
}
