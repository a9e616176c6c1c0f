import Foundation
import MIPModel
import GLPKBackend
import Estate

/// The allocation pipeline: formulate → heuristic → solve → decode → verify, timed per phase; meanwhile, with
/// ``blockBound``, a second thread computes the LP and Lagrangian street-block bound (``BoundWorker``), which is
/// stopped and joined before `allocate` returns or throws.
///
/// Every layout it returns passed ``LayoutVerifier`` and its verified score equals the solver's objective within
/// 1e-6 relative; anything else is thrown as an ``AllocationError``, never returned. Infeasible scenarios and
/// searches stopped at a limit are results (``AllocationStatus``).
public struct Allocator: Sendable {
    /// The GLPK options of the solve.
    public var options: GLPKOptions
    /// Whether to hand the heuristic's verified layout to GLPK as its first incumbent (turns GLPK's presolve off).
    public var warmStart: Bool
    /// Seconds the warm-start search (``LayoutSearch``: construction, then large-neighbourhood search) may use;
    /// `nil` for an automatic budget (see ``automaticBudget(_:)``).
    public var heuristicBudget: Double?
    /// Seed of the warm-start search's neighbourhood choice.
    public var seed: UInt64
    /// Whether to compute the Lagrangian block bound (``LagrangianBound``) on a second thread while the search and
    /// GLPK run: the reported bound is then the smaller of GLPK's and that one, and a bound that reaches the best
    /// layout's score proves it optimal and ends the run.
    public var blockBound: Bool
    /// A deterministic work limit, or `nil` for none: the warm-start search solves at most this many sub-problems
    /// and GLPK's branch-and-cut explores at most this many nodes (``GLPKOptions/nodeLimit``), so that a run it ends
    /// gives the same layout, score and bound on any machine. Under a work limit the block bound only solves its LP
    /// relaxation (deterministic) and is waited for rather than stopped, and it ends the run only at the end (its
    /// proof would otherwise arrive at a clock-dependent point). The time limit still applies as well; a run it ends
    /// is not reproducible, and the result says which limit stopped it (``AllocationResult/termination``).
    public var workLimit: Int?
    /// The most candidate kavlings (``SiteCandidates``: every cut the raw blocks' rules allow whose area some firm's
    /// range admits) for which raw land is solved by the exact candidate-site program; beyond it `allocate` runs the
    /// decomposition search (``RawLandSearch``) instead, whose plan is verified but proves nothing (status
    /// `feasible`, source ``AllocationResult/LayoutSource/decomposition``).
    public var exactCandidateLimit: Int = SiteCandidates.maxKavlings
    /// The candidates a sub-problem of the decomposition search lists (a window of one block); `nil` for every
    /// candidate, with the decomposition search beyond ``exactCandidateLimit``. A scope never leads to the
    /// decomposition (it is the decomposition's own sub-solve).
    var candidateScope: SiteCandidates.Scope?
    /// A layout of the scenario for the warm-start search to start from instead of its construction (the
    /// decomposition search's current plan, in a sub-problem); `nil` for the construction.
    var startLayout: Layout?

    /// Makes an allocator.
    public init(
        options: GLPKOptions = GLPKOptions(), warmStart: Bool = true, heuristicBudget: Double? = nil,
        seed: UInt64 = 1, blockBound: Bool = true, workLimit: Int? = nil
    ) {
        self.options = options
        self.warmStart = warmStart
        self.heuristicBudget = heuristicBudget
        self.seed = seed
        self.blockBound = blockBound
        self.workLimit = workLimit
    }

    /// The warm-start search's budget when none is given, for a run limited by `options`' time limit alone
    /// (``TimePolicy/searchBudget(remaining:)`` of the whole limit).
    public static func automaticBudget(_ options: GLPKOptions) -> Double {
        TimePolicy.searchBudget(remaining: options.timeLimit)
    }

    /// Allocates `scenario`'s plots.
    ///
    /// - Parameters:
    ///   - loadSeconds: time already spent reading the scenario, carried into the result's timing.
    ///   - progress: called on the calling thread, about once a second, during the search and GLPK's solve: the
    ///     best layout score, the better of GLPK's bound and the block bound, the gap, nodes (sub-problems during the
    ///     search) and the seconds since the run began (`loadSeconds` included).
    ///   - interrupt: stops the run in whatever phase it is (formulation, search, GLPK's root LP within a quarter
    ///     second, branch-and-cut at its next callback, the bound worker likewise); the best layout found so far is
    ///     verified and returned as `feasible` (`no_solution` without one), with ``AllocationResult/stoppedIn``.
    ///   - deadline: when the whole run must end (verification, which must finish, excepted: it is linear in the
    ///     layout); `nil` for `options.timeLimit` seconds from now minus `loadSeconds`. Each phase is bounded by it:
    ///     formulation (`no_solution` when it passes there), the bound worker, the search
    ///     (``TimePolicy/searchBudget(remaining:)`` of what is left) and GLPK (the rest). A deadline already past
    ///     returns `no_solution` at once, stopped in ``RunPhase/formulate``.
    /// - Throws: ``AllocationError`` when the solver fails or its layout does not verify or does not score what the
    ///   solver said.
    public func allocate(
        _ scenario: Scenario, loadSeconds: Double = 0, progress: ((SolveProgress) -> Void)? = nil,
        interrupt: SolveInterrupt? = nil, deadline: Deadline? = nil
    ) throws(AllocationError) -> AllocationResult {
        let clock = ContinuousClock()
        let began = clock.now
        var timing = AllocationResult.Timing(load: loadSeconds)
        let runDeadline = deadline ?? Deadline.after(seconds: options.timeLimit.map { $0 - loadSeconds })

        if candidateScope == nil, !scenario.site.rawBlocks.isEmpty {
            let cuts = SiteCandidates.cutCount(scenario, grid: 1)
            if cuts > exactCandidateLimit {
                return try allocateByDecomposition(scenario, candidateKavlings: cuts, timing: timing, began: began,
                                               deadline: runDeadline, progress: progress, interrupt: interrupt)
            }
        }
        var t = clock.now
        guard let formulation = Formulation.build(scenario, deadline: runDeadline, interrupt: interrupt,
                                                  scope: candidateScope ?? SiteCandidates.Scope()) else {
            timing.formulate = Self.seconds(since: t, clock)
            let stopped = interrupt?.isRequested == true
            return AllocationResult(
                status: .noSolution, termination: stopped ? .interrupted : .timeLimit, layout: nil, report: nil,
                objective: nil, bound: nil, gap: nil, nodes: 0, source: nil, timing: timing, modelSize: .none,
                heuristic: AllocationResult.HeuristicSummary(), structuralConflicts: [],
                rawStatus: stopped ? "interrupted while formulating" : "time limit while formulating",
                stoppedIn: .formulate)
        }
        // Measured now (it normalises every row), before the deadline rather than after it.
        let modelSize = AllocationResult.ModelSize(formulation.model)
        timing.formulate = Self.seconds(since: t, clock)
        // From here on the solve's part of the deadline: what comes after the solve (verification, the unplaced
        // firms' reasons, the report) is not interrupted, so it gets a reserve sized by this run's formulation.
        let deadline = runDeadline.earlier(
            by: TimePolicy.finishReserve(formulateSeconds: timing.formulate, remaining: runDeadline.remaining))

        // The run's own stop: the caller's interrupt, or a proof of optimality from the block bound.
        let stopRun = SolveInterrupt(linkedTo: interrupt)
        let proof = SolveInterrupt()
        var workerOptions = LagrangianBound.Options()
        workerOptions.deadline = deadline
        let deterministic = workLimit != nil
        if deterministic { workerOptions.maxIterations = 0 }
        // Reproducible runs slice their LPs by iteration count alone; the others also by the clock, so that a stop
        // is seen within about half a second on the largest models.
        let sliceSeconds = deterministic ? nil : TimePolicy.simplexSliceSeconds
        workerOptions.simplexSliceSeconds = sliceSeconds
        // A model restricted to a coarser grid of cuts bounds only the restricted problem: no block bound then.
        let worker: BoundWorker? = if blockBound && formulation.structuralConflicts.isEmpty
            && !formulation.model.variables.isEmpty && !formulation.isRestricted {
            BoundWorker(
                building: { BlockDecomposition(formulation, scenario: formulation.plotScenario(scenario)) }, options: workerOptions,
                interrupt: interrupt, onProof: {
                    guard !deterministic else { return }
                    proof.request()
                    stopRun.request()
                })
        } else {
            nil
        }
        defer { _ = worker?.finish() }
        let relay: (SolveProgress) -> Void = { p in
            if !deterministic { worker?.note(incumbent: p.incumbent) }
            guard let progress else { return }
            // One clock for the whole run (the search and GLPK each count from their own start), and the better
            // of the two bounds.
            var shown = p
            shown.elapsed = loadSeconds + Self.seconds(since: began, clock)
            if let b = worker?.bound, b < (p.bound ?? .infinity) {
                shown.bound = b
                shown.gap = SolveResult.relativeGap(objective: p.incumbent, bound: b)
            }
            progress(shown)
        }

        let verifier = LayoutVerifier(scenario: scenario)
        var summary = AllocationResult.HeuristicSummary()
        var start: [Double]?
        var heuristicLayout: (layout: Layout, report: VerificationReport)?
        var searchProvedOptimal = false
        if warmStart && formulation.structuralConflicts.isEmpty {
            t = clock.now
            let left = deadline.remaining
            var searchOptions = LayoutSearch.Options(
                timeBudget: min(heuristicBudget ?? TimePolicy.searchBudget(remaining: left), left ?? .infinity))
            searchOptions.deadline = deadline
            searchOptions.seed = seed
            searchOptions.initialLayout = startLayout
            if let workLimit {
                // Sub-solves end by their node limit, not the clock; the search by its count.
                searchOptions.maxIterations = workLimit
            }
            let outcome = LayoutSearch(scenario: scenario, model: formulation)
                .run(searchOptions, progress: relay, interrupt: stopRun)
            if !deterministic { worker?.note(incumbent: outcome.layout == nil ? nil : outcome.score) }
            summary.stage = outcome.stage
            summary.constructionScore = outcome.constructionScore
            summary.iterations = outcome.iterations
            summary.improvements = outcome.improvements
            summary.constructionTrials = outcome.constructionTrials
            summary.end = outcome.end
            if let layout = outcome.layout, let report = outcome.report, outcome.vector != nil,
               stopRun.isRequested || deadline.hasPassed {
                // Stopped: GLPK will not run, so the vector is not handed to it and not checked against the model
                // (a pass over 3.3 M non-zeros at 1,600 firms); the layout is the one LayoutSearch verified.
                summary.score = report.score.total
                heuristicLayout = (layout, report)
                searchProvedOptimal = outcome.provenOptimal
            } else if let layout = outcome.layout, let report = outcome.report, let vector = outcome.vector {
                // LayoutSearch verified it; the model check is repeated here so that nothing unchecked reaches GLPK.
                if let violation = formulation.model.firstViolation(of: vector) {
                    summary.rejected = "the heuristic's vector violates the model: \(violation)"
                } else {
                    summary.score = report.score.total
                    start = vector
                    heuristicLayout = (layout, report)
                    searchProvedOptimal = outcome.provenOptimal
                }
            } else {
                summary.rejected = outcome.rejected ?? "the heuristic found no layout"
            }
            timing.heuristic = Self.seconds(since: t, clock)
        }

        let blocksReachSearch = heuristicLayout.map { h in
            let o = h.report.score.total
            return proof.isRequested && (worker?.bound).map { Self.bound($0, proves: o) } == true
        } ?? false
        if (searchProvedOptimal || blocksReachSearch) && !formulation.isRestricted, let h = heuristicLayout {
            // A sub-problem freeing every movable assignment was solved to optimality (that was the whole model),
            // or the block bound fell to the search's score.
            let objective = h.report.score.total
            let blocks = worker?.finish(stopping: !deterministic)
            return AllocationResult(
                status: .optimal, termination: .optimal, layout: h.layout, report: h.report, objective: objective,
                bound: objective, gap: 0, nodes: 0, source: .heuristic, timing: timing,
                modelSize: modelSize, heuristic: summary,
                structuralConflicts: formulation.structuralConflicts,
                rawStatus: searchProvedOptimal
                    ? "lns: the whole model solved to optimality as one neighbourhood"
                    : "the block bound reached the search's layout",
                boundSource: searchProvedOptimal ? .search : .blocks,
                blockBound: blocks, formulation: formulation)
        }

        t = clock.now
        // The run's deadline bounds GLPK (no time limit of its own), and the proximity search what is left of it.
        var solverOptions = TimePolicy.mainSolveOptions(options, remaining: deadline.remaining)
        solverOptions.nodeLimit = workLimit
        solverOptions.simplexSliceSeconds = sliceSeconds
        // Which phase a limit or the interrupt stopped: the search when nothing is left for GLPK.
        var stoppedIn: RunPhase? = nil
        if interrupt?.isRequested == true || deadline.hasPassed { stoppedIn = .search }
        let solved: SolveResult
        if let decided = formulation.model.resultWithoutVariables() {
            // Every choice was ruled out before formulation (e.g. no firm fits any block's power): the empty
            // layout is the only one, and GLPK rejects an empty model.
            solved = decided
        } else {
            do {
                solved = try GLPKSolver(options: solverOptions).solve(
                    formulation.model, start: start, progress: relay, interrupt: stopRun, deadline: deadline)
            } catch {
                throw .solver(error)
            }
        }
        timing.solve = Self.seconds(since: t, clock)
        if stoppedIn == nil && (solved.termination == .timeLimit || solved.termination == .interrupted) {
            stoppedIn = .solve
        }
        if start != nil {
            summary.acceptedBySolver = solved.start.map { $0 == .accepted }
        }

        t = clock.now
        var status: AllocationStatus
        var layout: Layout?
        var report: VerificationReport?
        var objective = solved.objective
        var source: AllocationResult.LayoutSource?
        if let values = solved.values {
            let decoded = formulation.layout(from: values)
            let checked = verifier.verify(decoded)
            guard checked.isFeasible else { throw .verificationFailed(violations: checked.violations) }
            let score = checked.score.total
            guard let o = solved.objective, abs(o - score) <= 1e-6 * max(1, abs(o)) else {
                throw .scoreMismatch(objective: solved.objective ?? .nan, score: score)
            }
            layout = decoded
            report = checked
            // GLPK hands back the start when it found nothing better: then the layout is the heuristic's.
            source = decoded == heuristicLayout?.layout ? .heuristic : .solver
            status = solved.termination == .optimal ? .optimal : .feasible
        } else if solved.termination.isLimit, let h = heuristicLayout {
            // The solver stopped before it held the start itself: the verified heuristic layout is the answer.
            layout = h.layout
            report = h.report
            objective = h.report.score.total
            source = .heuristic
            status = .feasible
        } else {
            switch solved.termination {
            case .infeasible, .infeasibleOrUnbounded: status = .infeasible
            default: status = .noSolution
            }
        }
        timing.verify = Self.seconds(since: t, clock)

        // The block bound: a second, independent proof. The smaller bound is reported; one at the layout's score
        // proves it optimal (GLPK was then stopped by the proof, not by the user or a limit).
        let blocks: AllocationResult.BlockBoundSummary?
        let blockBound: Double?
        var abandoned = false
        if interrupt?.isRequested == true && !deterministic, let worker {
            // Interrupted: the worker's current LP slice is not waited for (it took most of the seconds from
            // Ctrl-C to exit at 1,600 firms); the bounds it proved so far still count, but what it reached in all
            // (iterations, blocks) is not known: no summary.
            blockBound = worker.abandon()
            blocks = nil
            abandoned = true
        } else {
            blocks = worker?.finish(stopping: !deterministic)
            blockBound = blocks?.bound
        }
        let merged = Self.mergeBounds(status: status, objective: objective, solverBound: solved.bound,
                                      blockBound: blockBound)
        status = merged.status
        var bound = merged.bound
        var boundSource = merged.source
        var termination = solved.termination
        var rawStatus = solved.rawStatus
        if merged.provenByBlocks {
            termination = .optimal
            rawStatus += " proven-by=blocks"
            stoppedIn = nil
        }
        if merged.contradicted { rawStatus += " block-bound-below-optimum" }
        if abandoned { rawStatus += " bound-worker-not-waited-for" }
        if formulation.isRestricted {
            // The model holds only the cuts on a coarser grid: its optimum and bound say nothing of the others.
            if status == .optimal { status = .feasible }
            bound = nil
            boundSource = nil
            rawStatus += " cuts-restricted-to-grid=\(formulation.cutGrid)"
        }
        let gap = status == .optimal ? 0 : SolveResult.relativeGap(objective: objective, bound: bound)
        return AllocationResult(
            status: status, termination: termination, layout: layout, report: report, objective: objective,
            bound: status == .infeasible ? nil : bound, gap: gap, nodes: solved.nodes, source: source,
            timing: timing, modelSize: modelSize, heuristic: summary,
            structuralConflicts: formulation.structuralConflicts, rawStatus: rawStatus,
            boundSource: status == .infeasible ? nil : boundSource,
            blockBound: blocks, stoppedIn: status == .optimal || status == .infeasible ? nil : stoppedIn,
            formulation: formulation)
    }

    /// The reported bound, its source and the status once the block bound is taken into account: the smaller of
    /// the solver's and the block bound (none for an infeasible scenario), never below the objective held; a feasible
    /// layout whose score the *block* bound reaches (1e-6 relative) is proven optimal by it. The solver's own bound
    /// never promotes a status here (GLPK says optimal itself when it proves it). A block bound below the score of a
    /// layout GLPK proved optimal (beyond the tolerance) cannot be a bound: it is set aside and `contradicted` set.
    static func mergeBounds(
        status: AllocationStatus, objective: Double?, solverBound: Double?, blockBound: Double?
    ) -> (status: AllocationStatus, bound: Double?, source: AllocationResult.BoundSource?, provenByBlocks: Bool,
          contradicted: Bool) {
        guard status != .infeasible else { return (status, nil, nil, false, false) }
        var bound = solverBound
        var source: AllocationResult.BoundSource? = bound == nil ? nil : .solver
        var blockBound = blockBound
        var contradicted = false
        if status == .optimal, let o = objective, let b = blockBound, Self.bound(b, isBelow: o) {
            blockBound = nil
            contradicted = true
        }
        if let b = blockBound, b < (bound ?? .infinity) {
            bound = b
            source = .blocks
        }
        var status = status
        var proven = false
        if status == .feasible, let o = objective, let b = blockBound, Self.bound(b, proves: o) {
            status = .optimal
            proven = true
            source = .blocks
            bound = b
        }
        if let o = objective, let b = bound, b < o { bound = o }
        return (status, bound, source, proven, contradicted)
    }

    /// Whether an upper `bound` proves a layout scoring `score` optimal: the bound is at most the score, within the
    /// 1e-6 relative tolerance used everywhere between objective and score.
    static func bound(_ bound: Double, proves score: Double) -> Bool {
        bound <= score + scoreTolerance(score)
    }

    /// Whether `bound` lies below a verified layout's `score` by more than the same tolerance: then it cannot be an
    /// upper bound (a bug to report), and callers set it aside.
    static func bound(_ bound: Double, isBelow score: Double) -> Bool {
        bound < score - scoreTolerance(score)
    }

    /// The tolerance of both comparisons above: 1e-6 relative to `score`, absolute below 1.
    private static func scoreTolerance(_ score: Double) -> Double {
        1e-6 * max(1, abs(score))
    }

    static func seconds(since t: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = clock.now - t
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
