/// Why a generalized assignment solution fails the independent check. Agents and jobs are numbered from 1.
public enum GAPCheckError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The instance's matrices do not have m rows of n numbers, or the capacities are not m numbers.
    case malformedInstance
    /// The assignment does not have one entry per job.
    case wrongJobCount(expected: Int, found: Int)
    /// A job is assigned to an agent that does not exist.
    case agentOutOfRange(job: Int, agent: Int)
    /// A solver value of x[agent, job] is neither 0 nor 1.
    case notBinary(agent: Int, job: Int, value: Double)
    /// A job is assigned to no agent.
    case jobUnassigned(job: Int)
    /// A job is assigned to several agents.
    case jobAssignedMoreThanOnce(job: Int, agents: [Int])
    /// An agent's jobs use more than its capacity.
    case capacityExceeded(agent: Int, load: Int, capacity: Int)
    /// The solver's objective differs from the cost recomputed from the instance.
    case objectiveMismatch(reported: Double, recomputed: Int)

    public var description: String {
        switch self {
        case .malformedInstance:
            "check failed: the instance's matrices do not match its numbers of agents and jobs"
        case .wrongJobCount(let e, let f):
            "check failed: the assignment has \(f) entries; expected one per job (\(e))"
        case .agentOutOfRange(let j, let a):
            "check failed: job \(j) is assigned to agent \(a), which does not exist"
        case .notBinary(let a, let j, let v):
            "check failed: x[\(a),\(j)] = \(v) is neither 0 nor 1"
        case .jobUnassigned(let j):
            "check failed: job \(j) is assigned to no agent"
        case .jobAssignedMoreThanOnce(let j, let a):
            "check failed: job \(j) is assigned to agents \(a.map(String.init).joined(separator: ", "))"
        case .capacityExceeded(let a, let l, let c):
            "check failed: agent \(a) carries \(l), above its capacity \(c)"
        case .objectiveMismatch(let r, let c):
            "check failed: the solver reports objective \(r), the assignment costs \(c)"
        }
    }
}
