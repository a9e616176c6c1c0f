import MIPModel

/// A model with most variables fixed at the values of a feasible base solution and taken out: the sub-problem one
/// step of ``LayoutSearch`` solves.
///
/// Built by ``ModelRestriction/Incidence/restrict(base:free:)``. Kept are the free variables and every continuous
/// variable that shares a row with a free integer variable; every other variable keeps its base value, which is
/// folded into the row bounds and the objective constant. Rows left without kept variables are dropped (the base
/// satisfies them). So the restricted model's objective at any of its points equals the full model's objective at
/// the expanded point, and the base, restricted, is feasible for it.
struct ModelRestriction {
    /// The restricted model (maximise or minimise as the full one), constant included.
    let model: Model
    /// Full-model index of each restricted variable.
    let kept: [Int]
    /// The full base solution.
    let base: [Double]

    /// The full vector of a restricted solution: `base` with the kept variables replaced.
    ///
    /// - Precondition: `values` has one value per restricted variable.
    func expand(_ values: [Double]) -> [Double] {
        var full = base
        for (i, k) in kept.enumerated() { full[k] = values[i] }
        return full
    }

    /// The base, restricted: a feasible start for ``model``.
    var start: [Double] { kept.map { base[$0] } }

    /// The rows and objective of a model in index form, computed once, so that many restrictions are cheap.
    struct Incidence {
        let model: Model
        /// Per row: (variable index, coefficient), merged.
        let rows: [[(variable: Int, coefficient: Double)]]
        /// Per variable: the rows it appears in.
        let rowsOfVariable: [[Int]]
        /// Dense objective coefficients.
        let objective: [Double]

        init(_ model: Model) {
            self.model = model
            var rowsOfVariable = [[Int]](repeating: [], count: model.variables.count)
            var rows: [[(variable: Int, coefficient: Double)]] = []
            rows.reserveCapacity(model.constraints.count)
            for (r, c) in model.constraints.enumerated() {
                let terms = c.expression.normalized().terms.map { ($0.variable.index, $0.coefficient) }
                for (v, _) in terms { rowsOfVariable[v].append(r) }
                rows.append(terms)
            }
            var objective = [Double](repeating: 0, count: model.variables.count)
            for t in model.objective.expression.terms { objective[t.variable.index] += t.coefficient }
            self.rows = rows
            self.rowsOfVariable = rowsOfVariable
            self.objective = objective
        }

        /// The restriction of the model to the variables in `free` (integer ones; continuous ones are added as
        /// described on ``ModelRestriction``), every other variable fixed at its value in `base`.
        ///
        /// - Precondition: `base` has one value per model variable and satisfies the model.
        func restrict(base: [Double], free: [Int]) -> ModelRestriction {
            let vars = model.variables
            var isKept = [Bool](repeating: false, count: vars.count)
            for v in free { isKept[v] = true }
            for v in free {
                for r in rowsOfVariable[v] {
                    for (w, _) in rows[r] where !vars[w].kind.isIntegral { isKept[w] = true }
                }
            }
            var kept: [Int] = []
            var newIndex = [Int](repeating: -1, count: vars.count)
            var sub = Model()
            for (i, d) in vars.enumerated() where isKept[i] {
                newIndex[i] = kept.count
                kept.append(i)
                sub.addVariable(d.name, d.kind, lower: d.lower, upper: d.upper)
            }
            var seenRow = Set<Int>()
            for k in kept {
                for r in rowsOfVariable[k] where seenRow.insert(r).inserted {
                    var expression = LinearExpression()
                    var fixed = 0.0
                    for (w, a) in rows[r] {
                        if newIndex[w] >= 0 {
                            expression.add(Variable(index: newIndex[w]), a)
                        } else {
                            fixed += a * base[w]
                        }
                    }
                    let c = model.constraints[r]
                    sub.addConstraint(c.name, expression, c.bounds.shifted(by: fixed + c.expression.constant))
                }
            }
            var objective = LinearExpression()
            var constant = model.objective.expression.constant
            for (i, a) in self.objective.enumerated() where a != 0 {
                if newIndex[i] >= 0 {
                    objective.add(Variable(index: newIndex[i]), a)
                } else {
                    constant += a * base[i]
                }
            }
            objective.constant = constant
            sub.setObjective(model.objective.sense, objective)
            return ModelRestriction(model: sub, kept: kept, base: base)
        }
    }
}
