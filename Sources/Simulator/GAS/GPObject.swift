/// A GAS `gpOBJECT` document: an ordered list of named parameters.
///
/// Servers in the field send values with bare `&`, so parsing is lenient (see ``GPObject/init(parsing:)``)
/// and rendering can reproduce that quirk for chosen parameters (``GPParameter/isVerbatim``).
public struct GPObject: Sendable, Equatable {
    public var parameters: [GPParameter]

    public init(_ parameters: [GPParameter] = []) {
        self.parameters = parameters
    }

    /// The value of the first parameter called `name`, if any.
    public subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// Appends a parameter.
    public mutating func append(_ name: String, _ value: String, attributes: [(String, String)] = [], verbatim: Bool = false) {
        parameters.append(GPParameter(name: name, value: value, attributes: attributes, isVerbatim: verbatim))
    }
}

/// One `<gpPARAM name="…" [attr="…"]*>value</gpPARAM>`.
public struct GPParameter: Sendable, Equatable {
    public var name: String
    public var value: String
    /// Attributes other than `name`, in document order.
    public var attributes: [GPAttribute]
    /// Rendered without escaping `&`, as the field's GAS does in role texts.
    public var isVerbatim: Bool

    public init(name: String, value: String, attributes: [(String, String)] = [], isVerbatim: Bool = false) {
        self.name = name
        self.value = value
        self.attributes = attributes.map { GPAttribute(name: $0.0, value: $0.1) }
        self.isVerbatim = isVerbatim
    }

    /// The value of the attribute called `name`, if any.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// An XML attribute of a `gpPARAM`.
public struct GPAttribute: Sendable, Equatable {
    public var name: String
    public var value: String
}
