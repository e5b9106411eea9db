/// A step of building or driving the bed that failed, said plainly.
public struct BedError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
