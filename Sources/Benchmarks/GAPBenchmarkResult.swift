import Foundation
import PlotAllocSupport
import MIPModel

/// The result of solving one generalized assignment problem in a benchmark, with its solution checked.
public struct GAPBenchmarkResult: Sendable, Hashable {
    /// The instance's name (file name without extension).
    public var instance: String
    /// The 1-based problem number in its file.
    public var problem: Int
    /// The number of agents.
    public var agents: Int
    /// The number of jobs.
    public var jobs: Int
    /// Maximise or minimise.
    public var sense: ObjectiveSense
    /// Optimal, feasible, infeasible or no solution.
    public var status: GAPSolveStatus
    /// Why the search stopped when not optimal (a ``Termination`` raw value such as `time_limit`), else `nil`.
    public var stopped: String?
    /// The checked objective (recomputed from the instance), or `nil` without a solution.
    public var objective: Int?
    /// The best proven bound, or `nil` when unknown.
    public var bound: Double?
    /// The objective of the heuristic start, or `nil` when none was found or none was used.
    public var startObjective: Int?
    /// Wall-clock seconds for building the model, the heuristic and the solve.
    public var seconds: Double
    /// Branch-and-bound nodes.
    public var nodes: Int
    /// The agent of each job (0-based), or `nil` without a solution.
    public var assignment: [Int]?

    /// Makes a result.
    public init(instance: String, problem: Int, agents: Int, jobs: Int, sense: ObjectiveSense, status: GAPSolveStatus,
                stopped: String?, objective: Int?, bound: Double?, startObjective: Int?, seconds: Double, nodes: Int,
                assignment: [Int]?) {
        self.instance = instance
        self.problem = problem
        self.agents = agents
        self.jobs = jobs
        self.sense = sense
        self.status = status
        self.stopped = stopped
        self.objective = objective
        self.bound = bound
        self.startObjective = startObjective
        self.seconds = seconds
        self.nodes = nodes
        self.assignment = assignment
    }

    /// `max` or `min`.
    public var senseName: String { sense == .maximize ? "max" : "min" }

    /// One JSON object on one line: `instance, problem, sense, status, objective, bound, seconds, nodes, stopped`
    /// in that order; unknown values are `null`. Seconds are rounded to milliseconds.
    public var jsonLine: String {
        func string(_ s: String) -> String { JSONString.quoted(s) }
        func number(_ d: Double?) -> String {
            guard let d, d.isFinite else { return "null" }
            return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
        }
        let fields = [
            "\"instance\":\(string(instance))",
            "\"problem\":\(problem)",
            "\"sense\":\(string(senseName))",
            "\"status\":\(string(status.rawValue))",
            "\"objective\":\(objective.map(String.init) ?? "null")",
            "\"bound\":\(number(bound))",
            "\"seconds\":\(String(format: "%.3f", seconds))",
            "\"nodes\":\(nodes)",
            "\"stopped\":\(stopped.map(string) ?? "null")",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }
}
