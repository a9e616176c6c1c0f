extension Model {
    /// Checks that the model can be handed to a solver as it is.
    ///
    /// Checks, in order: the model has at least one variable; every variable's bounds are not NaN, `lower ≤ upper`,
    /// integral for integer and binary variables and within [0, 1] for binary ones; every constraint refers only
    /// to this model's variables, has finite coefficients and a finite constant, and finite bounds that are in
    /// order; the objective refers only to this model's variables with finite coefficients and constant.
    ///
    /// - Throws: ``ModelError``, naming the first offending variable or constraint.
    public func validate() throws(ModelError) {
        guard !variables.isEmpty else { throw .emptyModel }
        for v in variables {
            if v.lower.isNaN || v.upper.isNaN || v.lower == .infinity || v.upper == -.infinity {
                throw .invalidBounds(variable: v.name, lower: v.lower, upper: v.upper)
            }
            if v.lower > v.upper { throw .invalidBounds(variable: v.name, lower: v.lower, upper: v.upper) }
            if v.kind.isIntegral {
                for b in [v.lower, v.upper] where b.isFinite && b != b.rounded() {
                    throw .fractionalIntegerBound(variable: v.name, bound: b)
                }
            }
            if v.kind == .binary && (v.lower < 0 || v.upper > 1) {
                throw .invalidBounds(variable: v.name, lower: v.lower, upper: v.upper)
            }
        }
        for c in constraints {
            try checkExpression(c.expression, context: "constraint \(c.name)")
            let lo = c.bounds.lower, hi = c.bounds.upper
            if case .range = c.bounds, !(lo.isFinite && hi.isFinite) {
                throw .invalidConstraintBounds(constraint: c.name, lower: lo, upper: hi)
            }
            if lo.isNaN || hi.isNaN || lo == .infinity || hi == -.infinity || lo > hi {
                throw .invalidConstraintBounds(constraint: c.name, lower: lo, upper: hi)
            }
        }
        try checkExpression(objective.expression, context: "the objective")
    }

    private func checkExpression(_ expression: LinearExpression, context: String) throws(ModelError) {
        guard expression.constant.isFinite else {
            throw .nonFiniteCoefficient(context: context, variable: "constant", value: expression.constant)
        }
        for term in expression.terms {
            guard term.variable.index >= 0 && term.variable.index < variables.count else {
                throw .unknownVariable(index: term.variable.index, context: context)
            }
            guard term.coefficient.isFinite else {
                throw .nonFiniteCoefficient(
                    context: context, variable: variables[term.variable.index].name, value: term.coefficient)
            }
        }
    }
}
