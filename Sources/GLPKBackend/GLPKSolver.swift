internal import CGLPK
import Foundation
import MIPModel

/// Solves a ``Model`` with GLPK's simplex and branch-and-cut, and writes models as LP or MPS files.
///
/// Each call creates, solves and deletes its own GLPK problem inside one synchronous call on the calling thread, so
/// solves on different threads are independent. The model is validated first: nothing invalid reaches GLPK (which
/// aborts the process on misuse). GLPK's own output, when ``GLPKOptions/verbosity`` asks for it, goes to standard
/// error.
public struct GLPKSolver: Sendable {
    /// The options every solve of this solver uses.
    public var options: GLPKOptions

    /// Makes a solver with `options`.
    public init(options: GLPKOptions = GLPKOptions()) {
        self.options = options
    }

    /// Solves `model` and returns why the solver stopped, the best solution, bound and gap.
    ///
    /// - Parameters:
    ///   - start: a starting solution (one value per variable). It is checked against every bound, integrality and
    ///     constraint first; only then is it given to GLPK as its first incumbent, with presolve turned off so that
    ///     the columns GLPK searches are the model's. Ignored for models without integer variables.
    ///   - progress: called on the solving thread at most every ``GLPKOptions/progressInterval`` seconds during
    ///     branch-and-cut; must return quickly and must not call back into GLPK.
    ///   - interrupt: when requested, the search stops at the next callback with ``Termination/interrupted``,
    ///     keeping the best solution found. With an interrupt, every LP this call solves outside branch-and-cut (a
    ///     pure LP, the root LP before `glp_intopt`) runs in slices of ``sliceIterations(nonZeros:)`` iterations
    ///     (on a large model also at most ``GLPKOptions/simplexSliceSeconds``), each resuming from the basis the
    ///     last one left, so that the request is seen between slices; and GLPK's MIP presolver is not used (its
    ///     root LP cannot be stopped). Requested before the call, it returns at once (``Termination/interrupted``,
    ///     no solution) without loading the model; requested while the model is validated or loaded, it ends the
    ///     solve there.
    ///   - deadline: the solve ends by then (with ``Termination/timeLimit``), whichever of it and
    ///     ``GLPKOptions/timeLimit`` comes first; LP slices and `glp_intopt`'s own limit are set from it, each slice
    ///     leaving room for GLPK's own set-up of it as measured on the slices before. A deadline already past returns
    ///     at once, without solving; one that passes while the model is validated or loaded ends the solve there.
    /// - Returns: a result; infeasible, unbounded, interrupted and limited solves are results too. A solve stopped at
    ///   a limit is never ``Termination/optimal``. For a model without integer variables solved to optimality the
    ///   result carries the row duals (``SolveResult/duals``).
    /// - Throws: ``GLPKError/invalidModel(_:)`` when validation fails, ``GLPKError/invalidStart(reason:)`` for an
    ///   infeasible start, ``GLPKError/solverFailed(function:code:meaning:)`` when GLPK itself fails.
    public func solve(
        _ model: Model, start: [Double]? = nil, progress: ((SolveProgress) -> Void)? = nil,
        interrupt: SolveInterrupt? = nil, deadline: Deadline = .never
    ) throws(GLPKError) -> SolveResult {
        let deadline = deadline.capped(seconds: options.timeLimit)
        // Already stopped: nothing is validated, loaded or solved (loading a large model into GLPK takes seconds).
        if interrupt?.isRequested == true {
            return emptyResult(.interrupted, seconds: 0, raw: "interrupted-before-solve")
        }
        if deadline.hasPassed {
            return emptyResult(.timeLimit, seconds: 0, raw: "deadline-passed-before-solve")
        }
        do { try model.validate() } catch { throw .invalidModel(error) }
        // Validating and checking the start are linear in the model: on the largest ones the deadline or an
        // interrupt can arrive meanwhile, and nothing is loaded then.
        if let stopped = stoppedBeforeLoading(interrupt: interrupt, deadline: deadline) { return stopped }
        let isMIP = model.integerVariableCount > 0
        var start = isMIP ? start : nil
        if let s = start {
            if let violation = model.firstViolation(of: s) { throw .invalidStart(reason: violation) }
            // Snap integral values so GLPK sees exact integers.
            start = zip(s, model.variables).map { $1.kind.isIntegral ? $0.rounded() : $0 }
        }

        if let stopped = stoppedBeforeLoading(interrupt: interrupt, deadline: deadline) { return stopped }
        let clock = ContinuousClock()
        let began = clock.now
        let terminal = GLPKTerminal(echo: options.verbosity != .off)
        terminal.install()
        defer { terminal.uninstall() }

        if !isMIP {
            return try solveLP(model: model, interrupt: interrupt, deadline: deadline, terminal: terminal,
                               clock: clock, began: began)
        }
        let context = MIPContext(progress: progress, interrupt: interrupt, deadline: deadline, terminal: terminal,
                                 clock: clock, began: began)
        if options.presolve && start == nil && interrupt == nil {
            if let result = try solveMIP(model: model, presolve: true, start: nil, context) {
                return result
            }
            // GLPK's presolver stopped on an internal error (GLPK 5.0 does when it fixes every column but keeps a
            // row); the environment was freed. Solve again without it.
            terminal.install()
            guard var result = try solveMIP(model: model, presolve: false, start: nil, context)
            else { throw .solverFailed(function: "glp_intopt", code: -1, meaning: terminal.lastLine) }
            result.rawStatus = "presolve=aborted " + result.rawStatus
            return result
        }
        guard var result = try solveMIP(model: model, presolve: false, start: start, context)
        else { throw .solverFailed(function: "glp_intopt", code: -1, meaning: terminal.lastLine) }
        if options.presolve && start == nil { result.rawStatus = "presolve=skipped-for-interrupt " + result.rawStatus }
        return result
    }

    /// What one branch-and-cut attempt needs besides the model: the caller's callbacks, the deadline and clock.
    private struct MIPContext {
        let progress: ((SolveProgress) -> Void)?
        let interrupt: SolveInterrupt?
        let deadline: Deadline
        let terminal: GLPKTerminal
        let clock: ContinuousClock
        let began: ContinuousClock.Instant
    }

    private var messageLevel: Int32 {
        switch options.verbosity {
        case .off: GLP_MSG_OFF
        case .errors: GLP_MSG_ERR
        case .normal: GLP_MSG_ON
        case .all: GLP_MSG_ALL
        }
    }

    private static func milliseconds(_ seconds: Double) -> Int32 {
        Int32(max(1, min(Double(Int32.max), (seconds * 1000).rounded())))
    }

    static func seconds(since began: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = clock.now - began
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Runs the primal simplex without presolve; returns GLPK's return code.
    ///
    /// - Throws: ``GLPKError/solverFailed(function:code:meaning:)`` when GLPK stops on an internal error (the
    ///   problem is then gone with the environment).
    private func runSimplex(_ problem: GLPKProblem, timeLimit: Double?, iterationLimit: Int32? = nil,
                            terminal: GLPKTerminal) throws(GLPKError) -> Int32 {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = messageLevel
        parm.presolve = GLP_OFF
        if let t = timeLimit { parm.tm_lim = Self.milliseconds(t) }
        if let n = iterationLimit { parm.it_lim = n }
        let code = plotalloc_guarded_simplex(problem.handle, &parm)
        if code == PLOTALLOC_GLPK_ABORTED {
            problem.environmentWasFreed()
            terminal.install()
            throw .solverFailed(function: "glp_simplex", code: code, meaning: terminal.lastLine)
        }
        return code
    }

    /// The fewest simplex iterations of a slice when an interrupt is watched (``sliceIterations(nonZeros:)``).
    /// Slices end by a count, not the clock, so that the path (and the last digits of the optimum) is the same on
    /// every run; a 0.25 s slice made the block bound's LP optimum differ in its last digits from run to run.
    static let simplexSlice: Int32 = 500

    /// The work of one slice, in non-zero × iterations (``sliceIterations(nonZeros:)``).
    static let sliceWork = 10_000_000

    /// Simplex iterations per slice of a model with `nonZeros` non-zeros: as many as make about ``sliceWork``
    /// non-zero × iterations (an iteration's work grows with the model), at least ``simplexSlice``.
    ///
    /// A slice bounds the work between two looks at the interrupt; a model of 20 k non-zeros or more (the bundled
    /// expansion has 33 k, the large estates hundreds of thousands) gets 500, as before, small ones proportionally
    /// more (phase 1, 4,163 non-zeros: 2,402), so that their LPs, a few hundred iterations, are solved in one call
    /// as they were before slices existed. Every extra slice changes the path, not only the time: each call of `glp_simplex`
    /// starts its steepest-edge weights afresh, so a sliced LP ends on another optimal basis of the (degenerate)
    /// LP, and `glp_intopt` grows its tree from the basis it is given: with 500-iteration slices the phase-1
    /// search's five sub-problems (LPs of about 600 iterations) called back 1,008 times instead of 615 and took
    /// 71 % more instructions (docs/formulation.md, section 10).
    static func sliceIterations(nonZeros: Int) -> Int32 {
        Int32(clamping: max(Int(simplexSlice), sliceWork / max(1, nonZeros)))
    }

    /// Models with at least this many non-zeros get ``GLPKOptions/simplexSliceSeconds`` (the 800-firm estate has
    /// about 1.3 M, the 400-firm one 214 k, the bundled scenarios far fewer: their slices end by count only).
    public static let largeModelNonZeros = 500_000

    /// The time limit of the next simplex slice, or `nil` (no slice: stop at the deadline).
    ///
    /// - Parameters:
    ///   - remaining: seconds to the deadline (`nil`: none).
    ///   - cap: the longest slice (``GLPKOptions/simplexSliceSeconds``), `nil` for none.
    ///   - overhead: the wall-clock time a slice has taken beyond its limit so far (GLPK builds its working copy
    ///     of the problem and factorises the basis before it starts counting, and copies the solution back after):
    ///     no slice is started that could not end by the deadline, its limit leaves room for the overhead, and a cap
    ///     is raised to twice the overhead so that slices still mostly iterate on a loaded machine.
    /// - Returns: the slice's limit in seconds (`nil` for none) and whether it is the cap (rather than the
    ///   deadline) that sets it; `nil` when the deadline leaves no room for a slice.
    static func sliceLimit(remaining: Double?, cap: Double?, overhead: Double) -> (seconds: Double?, capped: Bool)? {
        let usable = remaining.map { $0 - overhead }
        if let usable, usable <= 0 { return nil }
        guard let cap = cap.map({ max($0, 2 * overhead) }) else { return (usable, false) }
        guard let usable, usable <= cap else { return (cap, true) }
        return (usable, false)
    }

    /// Runs the primal simplex to the end, to the deadline or to the interrupt, whichever comes first. With an
    /// interrupt the simplex runs in slices of ``sliceIterations(nonZeros:)`` iterations (the simplex has no
    /// callback), on a large model also limited to ``GLPKOptions/simplexSliceSeconds``
    /// (``sliceLimit(remaining:cap:overhead:)``), each resuming from the basis the last one left, and the interrupt
    /// is looked at between them; without one, in one call limited by the deadline. Returns GLPK's last return code
    /// (`GLP_ETMLIM` when the deadline passed) and whether the interrupt stopped it.
    func runSlicedSimplex(
        _ problem: GLPKProblem, interrupt: SolveInterrupt?, deadline: Deadline, terminal: GLPKTerminal
    ) throws(GLPKError) -> (code: Int32, interrupted: Bool) {
        guard let interrupt else {
            if deadline.hasPassed { return (GLP_ETMLIM, false) }
            return (try runSimplex(problem, timeLimit: deadline.remaining, terminal: terminal), false)
        }
        let nonZeros = Int(glp_get_num_nz(problem.handle))
        let cap = options.simplexSliceSeconds.flatMap { nonZeros >= Self.largeModelNonZeros ? $0 : nil }
        let iterations = Self.sliceIterations(nonZeros: nonZeros)
        let clock = ContinuousClock()
        var overhead = 0.0
        var last = GLP_ETMLIM
        while true {
            if interrupt.isRequested { return (last, true) }
            guard let slice = Self.sliceLimit(remaining: deadline.remaining, cap: cap, overhead: overhead) else {
                return (GLP_ETMLIM, false)
            }
            let began = clock.now
            let left = slice.seconds
            last = try runSimplex(problem, timeLimit: left, iterationLimit: iterations, terminal: terminal)
            if let limit = left {
                overhead = max(overhead, Self.seconds(since: began, clock) - limit)
            }
            if last == GLP_EITLIM || (last == GLP_ETMLIM && slice.capped) { continue }
            return (last, false)
        }
    }

    private func solveLP(model: Model, interrupt: SolveInterrupt?, deadline: Deadline, terminal: GLPKTerminal,
                         clock: ContinuousClock, began: ContinuousClock.Instant) throws(GLPKError) -> SolveResult {
        guard let problem = load(model, interrupt: interrupt, deadline: deadline) else {
            var stopped = stoppedBeforeLoading(interrupt: interrupt, deadline: deadline, raw: "stopped-while-loading")!
            stopped.seconds = Self.seconds(since: began, clock)
            return stopped
        }
        let (code, interrupted) = try runSlicedSimplex(problem, interrupt: interrupt, deadline: deadline,
                                                      terminal: terminal)
        return try Self.lpResult(problem, code: code, interrupted: interrupted, columns: model.variables.count,
                                 rows: model.constraints.count, seconds: Self.seconds(since: began, clock))
    }

    /// The result of a simplex run on `problem` that returned `code` (stopped by the interrupt when `interrupted`):
    /// an optimum carries the column values, the objective (also as the bound) and the row duals.
    ///
    /// - Throws: ``GLPKError/solverFailed(function:code:meaning:)`` for a return code that is no result.
    static func lpResult(_ problem: GLPKProblem, code: Int32, interrupted: Bool, columns: Int, rows: Int,
                         seconds: Double) throws(GLPKError) -> SolveResult {
        let status = glp_get_status(problem.handle)
        let termination: Termination
        if interrupted && status != GLP_OPT {
            termination = .interrupted
        } else {
            termination = try GLPKStatusMapping.simplex(code: code, status: status).get()
        }
        let solved = termination == .optimal
        let objective = solved ? glp_get_obj_val(problem.handle) : nil
        return SolveResult(
            termination: termination, values: solved ? problem.lpValues(count: columns) : nil,
            objective: objective, bound: objective, relativeGap: solved ? 0 : nil,
            seconds: seconds, nodes: 0,
            rawStatus: "glp_simplex=\(codeName(code)) status=\(statusName(status))"
                + (interrupted ? " interrupted" : ""),
            duals: solved ? problem.lpRowDuals(count: rows) : nil)
    }

    /// One branch-and-cut attempt on a fresh GLPK problem.
    ///
    /// - Returns: the result, or `nil` when GLPK stopped on an internal error inside `glp_intopt` (its environment,
    ///   and with it the problem, has then been freed).
    private func solveMIP(
        model: Model, presolve: Bool, start: [Double]?, _ context: MIPContext
    ) throws(GLPKError) -> SolveResult? {
        let (progress, interrupt, deadline) = (context.progress, context.interrupt, context.deadline)
        let (terminal, clock, began) = (context.terminal, context.clock, context.began)
        guard let problem = load(model, interrupt: interrupt, deadline: deadline) else {
            var stopped = stoppedBeforeLoading(interrupt: interrupt, deadline: deadline, raw: "stopped-while-loading")!
            stopped.seconds = Self.seconds(since: began, clock)
            return stopped
        }
        let monitor = GLPKSearchMonitor(
            sense: model.objective.sense, progress: progress, interrupt: interrupt,
            interval: options.progressInterval, started: began, start: start)
        monitor.nodeLimit = options.nodeLimit
        var prefix = ""

        if !presolve {
            // glp_intopt without its presolver needs an optimal LP basis first: solved here, in slices when an
            // interrupt is watched (glp_intopt would solve it without calling back), and handed to glp_intopt.
            let (code, interrupted) = try runSlicedSimplex(problem, interrupt: interrupt, deadline: deadline,
                                                          terminal: terminal)
            let status = glp_get_status(problem.handle)
            prefix = "glp_simplex=\(Self.codeName(code)) status=\(Self.statusName(status)) "
            if interrupted && status != GLP_OPT {
                return emptyResult(.interrupted, seconds: Self.seconds(since: began, clock), raw: prefix + "interrupted")
            }
            switch GLPKStatusMapping.simplex(code: code, status: status) {
            case .success(.optimal):
                monitor.bound = glp_get_obj_val(problem.handle)
            case .success(.unbounded):
                return emptyResult(.infeasibleOrUnbounded, seconds: Self.seconds(since: began, clock), raw: prefix)
            case .success(let other):
                return emptyResult(other, seconds: Self.seconds(since: began, clock), raw: prefix)
            case .failure(let e):
                throw e
            }
        }

        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = messageLevel
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        parm.gmi_cuts = options.cuts.contains(.gomory) ? GLP_ON : GLP_OFF
        parm.mir_cuts = options.cuts.contains(.mir) ? GLP_ON : GLP_OFF
        parm.cov_cuts = options.cuts.contains(.cover) ? GLP_ON : GLP_OFF
        parm.clq_cuts = options.cuts.contains(.clique) ? GLP_ON : GLP_OFF
        parm.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        parm.ps_heur = options.proximitySearch ? GLP_ON : GLP_OFF
        parm.ps_tm_lim = Self.milliseconds(options.proximitySearchTimeLimit)
        parm.br_tech = switch options.branching {
        case .firstFractional: GLP_BR_FFV
        case .lastFractional: GLP_BR_LFV
        case .mostFractional: GLP_BR_MFV
        case .driebeckTomlin: GLP_BR_DTH
        case .pseudoCost: GLP_BR_PCH
        }
        parm.bt_tech = switch options.backtracking {
        case .depthFirst: GLP_BT_DFS
        case .breadthFirst: GLP_BT_BFS
        case .bestLocalBound: GLP_BT_BLB
        case .bestProjection: GLP_BT_BPH
        }
        if let gap = options.relativeGap { parm.mip_gap = gap }
        if let left = deadline.remaining {
            if left <= 0 {
                return emptyResult(.timeLimit, seconds: Self.seconds(since: began, clock), raw: prefix,
                                   bound: monitor.bound)
            }
            parm.tm_lim = Self.milliseconds(left)
        }
        parm.cb_func = glpkSearchCallback
        let code = withExtendedLifetime(monitor) { () -> Int32 in
            parm.cb_info = Unmanaged.passUnretained(monitor).toOpaque()
            return plotalloc_guarded_intopt(problem.handle, &parm)
        }
        if code == PLOTALLOC_GLPK_ABORTED {
            problem.environmentWasFreed()
            return nil
        }
        let status = glp_mip_status(problem.handle)
        var raw = prefix + "glp_intopt=\(Self.codeName(code)) mip_status=\(Self.statusName(status))"
        if let accepted = monitor.startAccepted { raw += " start=" + (accepted ? "accepted" : "not-better") }
        var termination = try GLPKStatusMapping.intopt(code: code, status: status).get()
        if monitor.stoppedByNodeLimit && termination == .interrupted {
            termination = .workLimit
            raw += " node-limit=\(monitor.nodeLimit ?? 0)"
        }
        let hasSolution = status == GLP_OPT || status == GLP_FEAS
        let seconds = Self.seconds(since: began, clock)
        let start: SolveResult.StartOutcome? = monitor.startAccepted.map { $0 ? .accepted : .notBetter }
        guard hasSolution else {
            let bound: Double? = termination.isLimit ? monitor.bound : nil
            var result = emptyResult(termination, seconds: seconds, raw: raw, bound: bound, nodes: monitor.nodes)
            result.start = start
            return result
        }
        // Integral columns are within GLPK's integrality tolerance of an integer: return the integer, and the
        // objective of exactly the values returned (GLPK's own sum can differ in the last bits).
        let values = zip(problem.mipValues(count: model.variables.count), model.variables).map {
            $1.kind.isIntegral ? $0.rounded() : $0
        }
        let objective = model.objective.expression.evaluate(values)
        var bound: Double?
        if termination == .optimal {
            bound = objective
        } else if let b = monitor.bound {
            // A bound can never be worse than a solution we hold.
            bound = model.objective.sense == .maximize ? max(b, objective) : min(b, objective)
        }
        var result = SolveResult(
            termination: termination, values: values,
            objective: objective, bound: bound,
            relativeGap: termination == .optimal ? 0 : SolveResult.relativeGap(objective: objective, bound: bound),
            seconds: seconds, nodes: monitor.nodes, rawStatus: raw)
        result.start = start
        return result
    }

    private func emptyResult(_ t: Termination, seconds: Double, raw: String, bound: Double? = nil,
                             nodes: Int = 0) -> SolveResult {
        SolveResult(termination: t, values: nil, objective: nil, bound: bound, relativeGap: nil,
                    seconds: seconds, nodes: nodes, rawStatus: raw.trimmingCharacters(in: .whitespaces))
    }

    /// The result of a solve stopped before (or while) loading the model: interrupted or at the time limit, with
    /// no solution; `nil` when neither has happened.
    private func stoppedBeforeLoading(interrupt: SolveInterrupt?, deadline: Deadline,
                                      raw: String = "stopped-before-loading") -> SolveResult? {
        if interrupt?.isRequested == true { return emptyResult(.interrupted, seconds: 0, raw: raw) }
        if deadline.hasPassed { return emptyResult(.timeLimit, seconds: 0, raw: raw) }
        return nil
    }

    /// Loads `model` into GLPK, giving up (`nil`) as soon as `interrupt` is requested or `deadline` passes.
    private func load(_ model: Model, interrupt: SolveInterrupt?, deadline: Deadline) -> GLPKProblem? {
        let problem = GLPKProblem(model: model, names: false) {
            interrupt?.isRequested == true || deadline.hasPassed
        }
        return problem.isComplete ? problem : nil
    }

    static func codeName(_ code: Int32) -> String {
        switch GLPKReturnCode(rawValue: code) {
        case .success: "0"
        case .badBasis: "GLP_EBADB"
        case .singular: "GLP_ESING"
        case .illConditioned: "GLP_ECOND"
        case .invalidBounds: "GLP_EBOUND"
        case .failed: "GLP_EFAIL"
        case .objectiveLowerLimit: "GLP_EOBJLL"
        case .objectiveUpperLimit: "GLP_EOBJUL"
        case .iterationLimit: "GLP_EITLIM"
        case .timeLimit: "GLP_ETMLIM"
        case .noPrimalFeasible: "GLP_ENOPFS"
        case .noDualFeasible: "GLP_ENODFS"
        case .rootNotOptimal: "GLP_EROOT"
        case .stopped: "GLP_ESTOP"
        case .gapReached: "GLP_EMIPGAP"
        case nil: "\(code)"
        }
    }

    static func statusName(_ status: Int32) -> String {
        switch GLPKSolutionStatus(rawValue: status) {
        case .undefined: "GLP_UNDEF"
        case .feasible: "GLP_FEAS"
        case .infeasible: "GLP_INFEAS"
        case .noFeasible: "GLP_NOFEAS"
        case .optimal: "GLP_OPT"
        case .unbounded: "GLP_UNBND"
        case nil: "\(status)"
        }
    }
}
