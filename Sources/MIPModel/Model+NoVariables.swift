extension Model {
    /// The result of a model with no variables, decided without a solver: such a model has exactly one point (the
    /// empty vector), so it is optimal with the objective's constant when every constraint holds there, else
    /// infeasible.
    ///
    /// Solvers reject empty models (``ModelError/emptyModel``); callers whose models can legitimately end up empty
    /// (every choice ruled out before formulation) ask this first. Returns `nil` when the model has variables.
    public func resultWithoutVariables() -> SolveResult? {
        guard variables.isEmpty else { return nil }
        let feasible = firstViolation(of: []) == nil
        let objective: Double? = feasible ? self.objective.expression.constant : nil
        return SolveResult(
            termination: feasible ? .optimal : .infeasible, values: feasible ? [] : nil, objective: objective,
            bound: objective, relativeGap: feasible ? 0 : nil, seconds: 0, nodes: 0,
            rawStatus: "no variables: decided without a solver")
    }
}
