/// Why a ``Model`` cannot be handed to a solver. Each case names the variable or constraint at fault.
public enum ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model has no variables.
    case emptyModel
    /// A variable's bounds are NaN, inverted, infinite the wrong way, or outside [0, 1] for a binary.
    case invalidBounds(variable: String, lower: Double, upper: Double)
    /// An integer or binary variable has a fractional bound.
    case fractionalIntegerBound(variable: String, bound: Double)
    /// A coefficient (or constant) is NaN or infinite.
    case nonFiniteCoefficient(context: String, variable: String, value: Double)
    /// An expression uses a variable handle that this model did not create.
    case unknownVariable(index: Int, context: String)
    /// A constraint's bounds are NaN, inverted, or a range with an infinite end.
    case invalidConstraintBounds(constraint: String, lower: Double, upper: Double)

    public var description: String {
        switch self {
        case .emptyModel:
            "model error: the model has no variables"
        case .invalidBounds(let v, let l, let u):
            "model error: variable \(v) has invalid bounds [\(l), \(u)]"
        case .fractionalIntegerBound(let v, let b):
            "model error: integer variable \(v) has fractional bound \(b)"
        case .nonFiniteCoefficient(let c, let v, let x):
            "model error: \(c) has a non-finite coefficient \(x) on \(v)"
        case .unknownVariable(let i, let c):
            "model error: \(c) uses variable index \(i), which this model does not have"
        case .invalidConstraintBounds(let c, let l, let u):
            "model error: constraint \(c) has invalid bounds [\(l), \(u)]"
        }
    }
}
