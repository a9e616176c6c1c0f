/// A handle to one decision variable of a ``Model``.
///
/// A handle is only meaningful for the model that created it: its `index` is the variable's position in
/// ``Model/variables``. Using a handle from another model is caught by ``Model/validate()`` as
/// ``ModelError/unknownVariable(index:context:)`` when the index is out of range.
public struct Variable: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The variable's 0-based position in its model.
    public let index: Int

    /// Makes a handle for the variable at `index`; models hand these out from ``Model/addVariable(_:_:lower:upper:)``.
    public init(index: Int) {
        self.index = index
    }

    public static func < (lhs: Variable, rhs: Variable) -> Bool { lhs.index < rhs.index }

    public var description: String { "v\(index)" }
}
