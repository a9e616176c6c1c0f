extension Model {
    /// The linear programming relaxation: the same model with every integer and binary variable made continuous
    /// (bounds, constraints, objective and variable order unchanged).
    ///
    /// Its optimum bounds the model's (from above when maximising); a solver returns its row duals
    /// (``SolveResult/duals``), in the same constraint order as the model's.
    public var linearRelaxation: Model {
        var relaxed = Model()
        for v in variables { relaxed.addVariable(v.name, .continuous, lower: v.lower, upper: v.upper) }
        for c in constraints { relaxed.addConstraint(c.name, c.expression, c.bounds) }
        relaxed.objective = objective
        return relaxed
    }
}
