internal import CGLPK
import Foundation
import MIPModel

/// Several linear programs kept loaded in GLPK on one thread, each re-solved under a new objective from the basis
/// its last solve left (the primal simplex then starts feasible and usually needs few pivots).
///
/// For the Lagrangian block bound on large models (`LagrangianBound` in Allocation): each street block's LP
/// relaxation is loaded once and re-solved at every price vector, instead of built, loaded and solved from scratch.
/// Bound to the thread that made it (GLPK's environment is per thread): create, use and release it on one thread,
/// before that thread frees its GLPK environment. When GLPK stops on an internal error its environment is freed with
/// every problem in it: every later ``solve(_:objective:interrupt:deadline:)`` then throws, and nothing is deleted
/// twice.
package final class GLPKLinearPrograms {
    private var problems: [GLPKProblem] = []
    private var columns: [Int] = []
    private var rows: [Int] = []
    private var environmentFreed = false
    private let solver: GLPKSolver

    /// An empty set; `options` gives the slicing of each simplex run (``GLPKOptions/simplexSliceSeconds``) and the
    /// verbosity.
    package init(options: GLPKOptions = GLPKOptions()) {
        solver = GLPKSolver(options: options)
    }

    /// The number of programs loaded.
    package var count: Int { problems.count }

    /// Loads `model`'s linear relaxation (every column continuous within its bounds) as the next program.
    ///
    /// - Returns: its index, or `nil` when `interrupt` or `deadline` stopped the loading (nothing is kept then).
    /// - Throws: ``GLPKError/invalidModel(_:)`` when `model` does not validate; ``GLPKError/solverFailed(function:code:meaning:)``
    ///   after GLPK's environment was freed by an earlier failure.
    package func add(_ model: Model, interrupt: SolveInterrupt? = nil, deadline: Deadline = .never)
        throws(GLPKError) -> Int? {
        if environmentFreed { throw Self.gone }
        let relaxed = model.linearRelaxation
        do { try relaxed.validate() } catch { throw .invalidModel(error) }
        let problem = GLPKProblem(model: relaxed, names: false) {
            interrupt?.isRequested == true || deadline.hasPassed
        }
        guard problem.isComplete else { return nil }
        problems.append(problem)
        columns.append(relaxed.variables.count)
        rows.append(relaxed.constraints.count)
        return problems.count - 1
    }

    /// Solves program `index` under `objective` (one coefficient per column; the sense and constant stay the
    /// loaded model's), starting from the basis its previous solve left.
    ///
    /// - Returns: the result; `optimal` ones carry the column values, the optimum (also as `bound`) and the row
    ///   duals. A solve stopped by `interrupt` or `deadline` has no solution and no bound.
    /// - Throws: ``GLPKError/solverFailed(function:code:meaning:)`` when GLPK fails (its environment, and every
    ///   program of this set, is then gone).
    package func solve(_ index: Int, objective: [Double], interrupt: SolveInterrupt? = nil,
                       deadline: Deadline = .never) throws(GLPKError) -> SolveResult {
        if environmentFreed { throw Self.gone }
        precondition(objective.count == columns[index], "one objective coefficient per column")
        let problem = problems[index]
        let clock = ContinuousClock()
        let began = clock.now
        if interrupt?.isRequested == true || deadline.hasPassed {
            return SolveResult(termination: interrupt?.isRequested == true ? .interrupted : .timeLimit, values: nil,
                               objective: nil, bound: nil, relativeGap: nil, seconds: 0, nodes: 0,
                               rawStatus: "stopped-before-solve")
        }
        for (j, c) in objective.enumerated() { glp_set_obj_coef(problem.handle, Int32(j + 1), c) }
        let terminal = GLPKTerminal(echo: solver.options.verbosity != .off)
        terminal.install()
        defer { terminal.uninstall() }
        let code: Int32
        let interrupted: Bool
        do {
            (code, interrupted) = try solver.runSlicedSimplex(problem, interrupt: interrupt,
                                                              deadline: deadline, terminal: terminal)
        } catch {
            // The environment went with every problem of this thread: none may be deleted again.
            environmentFreed = true
            for p in problems { p.environmentWasFreed() }
            throw error
        }
        return try GLPKSolver.lpResult(problem, code: code, interrupted: interrupted, columns: columns[index],
                                       rows: rows[index], seconds: GLPKSolver.seconds(since: began, clock))
    }

    private static let gone = GLPKError.solverFailed(
        function: "glp_simplex", code: -1, meaning: "GLPK's environment was freed by an earlier failure")
}

@available(*, unavailable, message: "GLPK problems belong to the thread that created them")
extension GLPKLinearPrograms: Sendable {}
