import MIPModel

/// The straightforward integer program of a ``GAPInstance``, built through the modelling layer.
///
/// One binary `x[agent, job]` per pair; each job is assigned exactly once (`Σ_agent x = 1`); each agent's jobs fit
/// its capacity (`Σ_job resource × x ≤ capacity`); the objective is `Σ cost × x`, maximised or minimised. Nothing
/// is pre-fixed (not even pairs whose resource exceeds the capacity), so that an exported model is the textbook one.
public struct GAPModel: Sendable {
    /// The instance the model was built from.
    public let instance: GAPInstance
    /// Maximise or minimise the total cost.
    public let sense: ObjectiveSense
    /// The integer program.
    public let model: Model
    /// `assign[agent][job]`, the variable x[agent, job] (0-based indices).
    public let assign: [[Variable]]

    /// Builds the model of `instance`; variables and constraints are named with 1-based numbers
    /// (`x_3_17`, `job_17`, `capacity_3`).
    public init(instance: GAPInstance, sense: ObjectiveSense) {
        self.instance = instance
        self.sense = sense
        var model = Model()
        let m = instance.agents, n = instance.jobs
        let assign = (0..<m).map { i in
            (0..<n).map { j in model.addVariable("x_\(i + 1)_\(j + 1)", .binary) }
        }
        for j in 0..<n {
            model.addConstraint("job_\(j + 1)", .sum((0..<m).map { assign[$0][j] }), .equal(1))
        }
        for i in 0..<m {
            let load = LinearExpression(terms: (0..<n).map { .init(assign[i][$0], Double(instance.resources[i][$0])) })
            model.addConstraint("capacity_\(i + 1)", load, .lessOrEqual(Double(instance.capacities[i])))
        }
        var objective = LinearExpression()
        for i in 0..<m {
            for j in 0..<n { objective.add(assign[i][j], Double(instance.costs[i][j])) }
        }
        model.setObjective(sense, objective)
        self.model = model
        self.assign = assign
    }

    /// Turns a solver's values into the agent of each job (0-based), checking that every `x` is 0 or 1 (within
    /// 1e-6) and that every job has exactly one agent. Capacities are checked by ``GAPInstance/check(_:)``.
    ///
    /// - Throws: ``GAPCheckError/wrongJobCount(expected:found:)`` for a vector of the wrong length,
    ///   ``GAPCheckError/notBinary(agent:job:value:)``, ``GAPCheckError/jobUnassigned(job:)``,
    ///   ``GAPCheckError/jobAssignedMoreThanOnce(job:agents:)``.
    public func decode(_ values: [Double]) throws(GAPCheckError) -> [Int] {
        let m = instance.agents, n = instance.jobs
        guard values.count == model.variables.count else {
            throw .wrongJobCount(expected: model.variables.count, found: values.count)
        }
        var agentOfJob: [Int] = []
        agentOfJob.reserveCapacity(n)
        for j in 0..<n {
            var chosen: [Int] = []
            for i in 0..<m {
                let v = values[assign[i][j].index]
                if abs(v - 1) <= 1e-6 {
                    chosen.append(i)
                } else if abs(v) > 1e-6 {
                    throw .notBinary(agent: i + 1, job: j + 1, value: v)
                }
            }
            guard let first = chosen.first else { throw .jobUnassigned(job: j + 1) }
            guard chosen.count == 1 else { throw .jobAssignedMoreThanOnce(job: j + 1, agents: chosen.map { $0 + 1 }) }
            agentOfJob.append(first)
        }
        return agentOfJob
    }

    /// The model's values for an assignment (agent of each job, 0-based), e.g. to hand a start to a solver.
    ///
    /// - Precondition: one valid agent index per job.
    public func values(for agentOfJob: [Int]) -> [Double] {
        var values = [Double](repeating: 0, count: model.variables.count)
        for (j, i) in agentOfJob.enumerated() { values[assign[i][j].index] = 1 }
        return values
    }

    /// Decodes `values`, checks the assignment against the instance and the solver's `objective` against the
    /// recomputed cost; returns the assignment and its cost.
    ///
    /// - Throws: ``GAPCheckError`` for the first violation; ``GAPCheckError/objectiveMismatch(reported:recomputed:)``
    ///   when `objective` differs from the cost by more than 1e-6 (relative).
    public func verify(_ values: [Double], objective: Double?) throws(GAPCheckError) -> (agentOfJob: [Int], cost: Int) {
        let agentOfJob = try decode(values)
        let cost = try instance.check(agentOfJob)
        if let objective, abs(objective - Double(cost)) > 1e-6 * max(1, abs(Double(cost))) {
            throw .objectiveMismatch(reported: objective, recomputed: cost)
        }
        return (agentOfJob, cost)
    }
}
