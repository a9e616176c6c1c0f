/// One generalized assignment problem: assign every job to exactly one agent so that each agent's jobs fit its
/// capacity, optimising the total cost.
///
/// Matrices are agent-major (`costs[agent][job]`), indices 0-based here; files and reports count from 1. All numbers
/// are integers, as in the OR-Library files. ``GAPReader`` only produces instances whose matrices have the stated
/// shape and whose resources and capacities are non-negative; an instance built by hand is checked by
/// ``check(_:)`` when a solution is checked, not at construction.
public struct GAPInstance: Sendable, Hashable {
    /// The instance's name: its file's name without extension (`gap1`, `e05100`).
    public var name: String
    /// The problem's 1-based position in its file (1 for single-problem files).
    public var problem: Int
    /// `costs[agent][job]`: what assigning `job` to `agent` adds to the objective.
    public var costs: [[Int]]
    /// `resources[agent][job]`: how much of `agent`'s capacity `job` uses.
    public var resources: [[Int]]
    /// `capacities[agent]`.
    public var capacities: [Int]

    /// Makes an instance; the shapes are checked by ``check(_:)``.
    public init(name: String, problem: Int, costs: [[Int]], resources: [[Int]], capacities: [Int]) {
        self.name = name
        self.problem = problem
        self.costs = costs
        self.resources = resources
        self.capacities = capacities
    }

    /// The number of agents (m).
    public var agents: Int { capacities.count }
    /// The number of jobs (n); 0 when there are no agents.
    public var jobs: Int { costs.first?.count ?? 0 }

    /// The total cost of an assignment, without checking it.
    ///
    /// - Precondition: `agentOfJob` has one valid agent index per job.
    public func cost(of agentOfJob: [Int]) -> Int {
        var total = 0
        for (job, agent) in agentOfJob.enumerated() { total += costs[agent][job] }
        return total
    }

    /// Checks an assignment against the instance alone and returns its total cost, recomputed from the data.
    ///
    /// `agentOfJob[job]` is the 0-based agent of each job, so "every job exactly once" holds by construction once
    /// the vector has one valid agent per job (``GAPModel/decode(_:)`` checks the solver's 0/1 values for that).
    /// Checks, in order: the instance's own shapes, one entry per job, every agent index in range, every agent's
    /// load within its capacity.
    ///
    /// - Throws: ``GAPCheckError`` naming the first violation.
    public func check(_ agentOfJob: [Int]) throws(GAPCheckError) -> Int {
        let m = agents, n = jobs
        guard resources.count == m, costs.count == m,
              costs.allSatisfy({ $0.count == n }), resources.allSatisfy({ $0.count == n }) else {
            throw .malformedInstance
        }
        guard agentOfJob.count == n else { throw .wrongJobCount(expected: n, found: agentOfJob.count) }
        var load = [Int](repeating: 0, count: m)
        var total = 0
        for (job, agent) in agentOfJob.enumerated() {
            guard agent >= 0 && agent < m else { throw .agentOutOfRange(job: job + 1, agent: agent + 1) }
            load[agent] += resources[agent][job]
            total += costs[agent][job]
        }
        for agent in 0..<m where load[agent] > capacities[agent] {
            throw .capacityExceeded(agent: agent + 1, load: load[agent], capacity: capacities[agent])
        }
        return total
    }
}
