import Foundation
import MIPModel
import GLPKBackend

/// Solves generalized assignment problems through the modelling layer and the GLPK backend, and checks every
/// solution against the instance independently.
public struct GAPBenchmark: Sendable {
    /// The options of every GLPK solve.
    public var options: GLPKOptions
    /// Whether to hand GLPK the ``GAPHeuristic`` solution as a start (which turns GLPK's presolver off).
    public var useStart: Bool
    /// The share of the time limit (without a limit: of one second) that the heuristic's iterated local search may
    /// use; it usually stops much earlier, after 10 × jobs kicks without a better solution.
    public var heuristicShare: Double
    /// Kicks without a better solution after which the iterated local search stops, as a multiple of the jobs.
    public var stallFactor: Int

    /// The options chosen for GAP by measurement (see `benchmarks/README.md`): MIR, cover and clique cuts without
    /// Gomory's (which cost more time in the cut loop than they save on these models), most-fractional branching
    /// (far cheaper per node than Driebeck–Tomlin here) and best-local-bound backtracking. `timeLimit` is the
    /// per-problem limit in seconds.
    public static func tunedOptions(timeLimit: Double?) -> GLPKOptions {
        GLPKOptions(timeLimit: timeLimit, cuts: [.mir, .cover, .clique], branching: .mostFractional,
                    backtracking: .bestLocalBound)
    }

    /// Makes a benchmark runner.
    public init(options: GLPKOptions = GAPBenchmark.tunedOptions(timeLimit: nil), useStart: Bool = true,
                heuristicShare: Double = 0.05, stallFactor: Int = 10) {
        self.stallFactor = stallFactor
        self.options = options
        self.useStart = useStart
        self.heuristicShare = heuristicShare
    }

    /// Builds the model of `instance`, finds a start, solves, and checks the solution.
    ///
    /// The time limit in ``options`` covers the whole call: the solver gets what the heuristic left. When the solver
    /// stops before injecting the start (or finds nothing better), the start is the result.
    ///
    /// - Throws: ``GAPBenchmarkError/solver(instance:problem:_:)`` when GLPK fails,
    ///   ``GAPBenchmarkError/check(instance:problem:_:)`` when a solution does not pass the independent check.
    public func run(_ instance: GAPInstance, sense: ObjectiveSense,
                    interrupt: SolveInterrupt? = nil) throws(GAPBenchmarkError) -> GAPBenchmarkResult {
        let clock = ContinuousClock()
        let began = clock.now
        func elapsed() -> Double {
            let d = clock.now - began
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let gap = GAPModel(instance: instance, sense: sense)
        var start: [Int]?
        var startCost: Int?
        let budget = heuristicShare * (options.timeLimit ?? 1)
        if useStart, let a = GAPHeuristic.solve(instance, sense: sense, budget: budget,
                                                    stall: stallFactor * instance.jobs) {
            do { startCost = try instance.check(a) } catch {
                throw .check(instance: instance.name, problem: instance.problem, error)
            }
            start = a
        }
        var options = self.options
        if let limit = options.timeLimit { options.timeLimit = max(0.001, limit - elapsed()) }
        let result: SolveResult
        do {
            result = try GLPKSolver(options: options).solve(gap.model, start: start.map(gap.values(for:)),
                                                            interrupt: interrupt)
        } catch {
            throw .solver(instance: instance.name, problem: instance.problem, error)
        }
        var assignment: [Int]?
        var objective: Int?
        if let values = result.values {
            do {
                let checked = try gap.verify(values, objective: result.objective)
                assignment = checked.agentOfJob
                objective = checked.cost
            } catch {
                throw .check(instance: instance.name, problem: instance.problem, error)
            }
        }
        // Keep the start when the solver has nothing better.
        if let s = start, let c = startCost,
           objective.map({ sense == .maximize ? c > $0 : c < $0 }) ?? true, result.termination != .optimal {
            assignment = s
            objective = c
        }
        let status: GAPSolveStatus = switch result.termination {
        case .optimal: .optimal
        case .infeasible: objective == nil ? .infeasible : .feasible
        default: objective == nil ? .noSolution : .feasible
        }
        var bound = result.termination == .optimal ? objective.map(Double.init) : result.bound
        if let b = bound, let o = objective {
            bound = sense == .maximize ? max(b, Double(o)) : min(b, Double(o))
        }
        return GAPBenchmarkResult(
            instance: instance.name, problem: instance.problem, agents: instance.agents, jobs: instance.jobs,
            sense: sense, status: status, stopped: status == .optimal ? nil : result.termination.rawValue,
            objective: objective, bound: bound, startObjective: startCost, seconds: elapsed(), nodes: result.nodes,
            assignment: assignment)
    }
}
