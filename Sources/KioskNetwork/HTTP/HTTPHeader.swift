/// One HTTP header field.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension [HTTPHeader] {
    /// The value of the first field called `name` (case-insensitive).
    public func value(named name: String) -> String? {
        first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
