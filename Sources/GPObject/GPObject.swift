/// A GAS `gpOBJECT` document, the body of every GAS request and answer (`spec/spine-gas.md`):
/// an ordered list of named `gpPARAM` values, some with attributes.
///
/// Read leniently with ``init(parsing:)`` (the field sends a bare `&` inside values); written
/// with ``xml(prolog:)``.
public struct GPObject: Sendable, Equatable {
    /// One `<gpPARAM name="…" [attr="…"]*>value</gpPARAM>`.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: String
        /// Attributes other than `name`, in document order, e.g. `id` and `orgcode` on role lines.
        public var attributes: [Attribute]
        /// Written with a bare `&`, as the field's GAS writes role texts.
        public var isVerbatim: Bool

        public init(
            name: String, value: String, attributes: KeyValuePairs<String, String> = [:], isVerbatim: Bool = false
        ) {
            self.init(
                name: name, value: value, attributes: attributes.map { Attribute(name: $0.key, value: $0.value) },
                isVerbatim: isVerbatim)
        }

        public init(name: String, value: String, attributes: [Attribute], isVerbatim: Bool = false) {
            self.name = name
            self.value = value
            self.attributes = attributes
            self.isVerbatim = isVerbatim
        }

        /// The value of the first attribute called `name`.
        public func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    /// An XML attribute of a `gpPARAM`.
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var parameters: [Parameter]

    public init(_ parameters: [Parameter] = []) {
        self.parameters = parameters
    }

    /// The value of the first parameter called `name`.
    public subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// Appends a parameter.
    public mutating func append(
        _ name: String, _ value: String, attributes: KeyValuePairs<String, String> = [:], verbatim: Bool = false
    ) {
        parameters.append(Parameter(name: name, value: value, attributes: attributes, isVerbatim: verbatim))
    }
}
