/// A solver-independent mixed integer program: variables, linear constraints and a linear objective.
///
/// A model is a plain value. It knows nothing of any solver and is never changed by solving: a backend such as
/// ``GLPKSolver`` takes a model and returns a ``SolveResult``. Build it with ``addVariable(_:_:lower:upper:)``,
/// ``addConstraint(_:_:_:)`` and ``objective``; call ``validate()`` (backends do) before solving.
public struct Model: Sendable, Hashable {
    /// The variables, indexed by ``Variable/index``.
    public private(set) var variables: [VariableDefinition] = []
    /// The constraints, in the order they were added.
    public private(set) var constraints: [Constraint] = []
    /// The objective; by default, minimise 0.
    public var objective = Objective(sense: .minimize, expression: LinearExpression())

    /// Makes an empty model.
    public init() {}

    /// Adds a variable and returns its handle.
    ///
    /// For `.binary` the bounds default to [0, 1]; for the other kinds to [0, +∞). Nothing is checked here:
    /// ``validate()`` names bad bounds.
    @discardableResult
    public mutating func addVariable(
        _ name: String, _ kind: VariableKind = .continuous, lower: Double = 0, upper: Double? = nil
    ) -> Variable {
        let hi = upper ?? (kind == .binary ? 1 : .infinity)
        variables.append(VariableDefinition(name: name, kind: kind, lower: lower, upper: hi))
        return Variable(index: variables.count - 1)
    }

    /// Adds a constraint `expression ∈ bounds` and returns its 0-based index.
    @discardableResult
    public mutating func addConstraint(_ name: String, _ expression: LinearExpression, _ bounds: ConstraintBounds) -> Int {
        constraints.append(Constraint(name: name, expression: expression, bounds: bounds))
        return constraints.count - 1
    }

    /// Sets the objective.
    public mutating func setObjective(_ sense: ObjectiveSense, _ expression: LinearExpression) {
        objective = Objective(sense: sense, expression: expression)
    }

    /// The number of variables whose kind is integer or binary.
    public var integerVariableCount: Int { variables.reduce(0) { $0 + ($1.kind.isIntegral ? 1 : 0) } }

    /// The number of non-zero constraint coefficients after normalisation.
    public var nonZeroCount: Int { constraints.reduce(0) { $0 + $1.expression.normalized().terms.count } }

    /// Whether `values` satisfy every bound, integrality and constraint within `tolerance`.
    ///
    /// Returns the first violated item's description, or `nil` when the point is feasible. A vector of the wrong
    /// length is reported as a violation, not a crash.
    public func firstViolation(of values: [Double], tolerance: Double = 1e-6) -> String? {
        guard values.count == variables.count else {
            return "the solution has \(values.count) values for \(variables.count) variables"
        }
        for (i, v) in variables.enumerated() {
            let x = values[i]
            guard x.isFinite else { return "variable \(v.name) is \(x)" }
            if x < v.lower - tolerance || x > v.upper + tolerance {
                return "variable \(v.name) = \(x) is outside [\(v.lower), \(v.upper)]"
            }
            if v.kind.isIntegral && abs(x - x.rounded()) > tolerance {
                return "variable \(v.name) = \(x) is not integral"
            }
        }
        for c in constraints where !c.isSatisfied(by: values, tolerance: tolerance) {
            return "constraint \(c.name) is violated (activity \(c.expression.evaluate(values)), "
                + "bounds [\(c.bounds.lower), \(c.bounds.upper)])"
        }
        return nil
    }
}
