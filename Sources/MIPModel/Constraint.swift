/// One linear constraint of a ``Model``: `bounds.lower ≤ expression ≤ bounds.upper`.
public struct Constraint: Sendable, Hashable {
    /// A human-readable name, used in error messages and (sanitised) in exported LP/MPS files.
    public var name: String
    /// The constrained expression; its constant is folded into the bounds when the model is loaded.
    public var expression: LinearExpression
    /// The allowed range.
    public var bounds: ConstraintBounds

    /// Makes a constraint; nothing is checked until ``Model/validate()``.
    public init(name: String, expression: LinearExpression, bounds: ConstraintBounds) {
        self.name = name
        self.expression = expression
        self.bounds = bounds
    }

    /// Whether `values` satisfy the constraint within an absolute `tolerance` scaled by the bound's magnitude.
    public func isSatisfied(by values: [Double], tolerance: Double = 1e-6) -> Bool {
        let activity = expression.evaluate(values)
        let lo = bounds.lower, hi = bounds.upper
        if lo.isFinite && activity < lo - tolerance * max(1, abs(lo)) { return false }
        if hi.isFinite && activity > hi + tolerance * max(1, abs(hi)) { return false }
        return true
    }
}
