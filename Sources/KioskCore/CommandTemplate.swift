/// A session command's argument vector as configured, in which `{portal_url}`, `{handoff_url}`,
/// `{uid}` and `{role_id}` stand for the session's values, put in at launch. `{{` and `}}` are a
/// literal brace.
public struct CommandTemplate: Equatable, Sendable {
    /// The values an argument may name.
    public enum Placeholder: String, CaseIterable, Sendable {
        case portalURL = "portal_url"
        case handoffURL = "handoff_url"
        case uid
        case roleID = "role_id"
    }

    /// Why an argument is not a valid template.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownPlaceholder(String)
        case unclosedBrace(argument: Int)
        case placeholderInProgram

        public var description: String {
            switch self {
            case .unknownPlaceholder(let name):
                "unknown placeholder {\(name)}: the placeholders are "
                    + Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
                    + " (write {{ and }} for a literal brace)"
            case .unclosedBrace(let argument):
                "argument \(argument + 1) has a { with no closing } (write {{ for a literal brace)"
            case .placeholderInProgram:
                "the program (the first element) cannot contain a placeholder; put them in its arguments"
            }
        }
    }

    private enum Piece: Equatable, Sendable {
        case text(String)
        case value(Placeholder)
    }

    private let arguments: [[Piece]]

    /// The arguments as configured (the program first), checked.
    public init(_ arguments: [String]) throws(Problem) {
        var parsed: [[Piece]] = []
        for (index, argument) in arguments.enumerated() {
            parsed.append(try Self.pieces(of: argument, index: index))
        }
        if let program = parsed.first, program.contains(where: { if case .value = $0 { true } else { false } }) {
            throw .placeholderInProgram
        }
        self.arguments = parsed
    }

    /// The placeholders any argument uses.
    public var placeholders: Set<Placeholder> {
        Set(arguments.joined().compactMap { if case .value(let name) = $0 { name } else { nil } })
    }

    /// The arguments with each placeholder replaced by its value; nil when a value it uses is
    /// missing, with the first such placeholder.
    public func expanded(with values: [Placeholder: String]) -> Result<[String], MissingValue> {
        if let missing = Placeholder.allCases.first(where: { placeholders.contains($0) && values[$0] == nil }) {
            return .failure(MissingValue(placeholder: missing))
        }
        return .success(arguments.map { Self.text($0) { values[$0] ?? "" } })
    }

    /// A value the command line names that the session does not have (a portal that gives no
    /// hand-off URL).
    public struct MissingValue: Error, Equatable {
        public let placeholder: Placeholder
    }

    private static func text(_ pieces: [Piece], _ value: (Placeholder) -> String) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .value(let name): value(name)
            }
        }.joined()
    }

    private static func pieces(of argument: String, index: Int) throws(Problem) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(argument)
        while let first = rest.first {
            rest = rest.dropFirst()
            switch first {
            case "{" where rest.first == "{", "}" where rest.first == "}":
                literal.append(first)
                rest = rest.dropFirst()
            case "{":
                guard let close = rest.firstIndex(of: "}") else { throw .unclosedBrace(argument: index) }
                let name = String(rest[..<close])
                guard let placeholder = Placeholder(rawValue: name) else { throw .unknownPlaceholder(name) }
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = ""
                pieces.append(.value(placeholder))
                rest = rest[rest.index(after: close)...]
            default:
                literal.append(first)
            }
        }
        if !literal.isEmpty || pieces.isEmpty { pieces.append(.text(literal)) }
        return pieces
    }
}
