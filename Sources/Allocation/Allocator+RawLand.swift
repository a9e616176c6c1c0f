import Foundation
import MIPModel
import Estate

extension Allocator {
    /// Allocates raw land too large for the exact candidate model by the decomposition search (``RawLandSearch``)
    /// within `deadline`: status `feasible` with its best verified layout (never `optimal`: it proves nothing), or
    /// `no_solution` when it found none; the layout's source is ``AllocationResult/LayoutSource/decomposition``.
    ///
    /// Beside the search, on a second thread, ``RawLandBound`` bounds every cut plan of the scenario (formulation
    /// 10.5); its best value is the run's bound (``AllocationResult/BoundSource/rawLand``), never a proof of
    /// optimality (the status stays `feasible` at gap 0). Left out of reproducible runs (`workLimit`: it counts by
    /// the clock) and when ``blockBound`` is off. A bound below the verified layout's score cannot be one: it is set
    /// aside and the raw status says so (a bug to report).
    ///
    /// - Throws: a sub-solve's ``AllocationError`` (see ``RawLandSearch/run()``).
    func allocateByDecomposition(
        _ scenario: Scenario, candidateKavlings: Int, timing: AllocationResult.Timing,
        began: ContinuousClock.Instant, deadline: Deadline, progress: ((SolveProgress) -> Void)?,
        interrupt: SolveInterrupt?
    ) throws(AllocationError) -> AllocationResult {
        let clock = ContinuousClock()
        var timing = timing
        var options = RawLandSearch.Options()
        // The time after the search (the report, the unplaced firms' reasons) needs a moment too: 2 %, at most 1 s.
        options.deadline = deadline.earlier(by: min(1, 0.02 * (deadline.remaining ?? 0)))
        options.seed = seed
        if let workLimit {
            options.maxNeighbourhoods = workLimit
            options.subWorkLimit = workLimit
            options.maxMoveRounds = workLimit
            options.maxExchangePairs = 50 * workLimit
        }
        // The bound works on the second core while the search (one thread: its sub-solves run no bound worker) works
        // on this one, both until the search's deadline; `finish()` stops it when the search ends first.
        let boundWorker: RawLandBoundWorker? = blockBound && workLimit == nil
            ? RawLandBoundWorker(scenario: scenario, deadline: options.deadline, interrupt: interrupt) : nil
        defer { _ = boundWorker?.finish() }
        let t = clock.now
        let outcome = try RawLandSearch(scenario: scenario, options: options, interrupt: interrupt).run()
        timing.heuristic = Self.seconds(since: t, clock)
        let found = boundWorker?.finish()
        var summary = AllocationResult.HeuristicSummary()
        summary.score = outcome.report?.score.total
        summary.constructionScore = outcome.startScore
        summary.iterations = outcome.neighbourhoods
        summary.improvements = outcome.improvements
        var rawLand = AllocationResult.RawLandSummary(
            method: .decomposition, candidateKavlings: candidateKavlings, starts: outcome.starts,
            startScore: outcome.startScore, neighbourhoods: outcome.neighbourhoods, improvements: outcome.improvements,
            inserted: outcome.inserted, exchanged: outcome.exchanged)
        let termination: Termination = switch outcome.end {
        case .deadline: .timeLimit
        case .interrupted: .interrupted
        case .stalled, .neighbourhoods: .workLimit
        }
        let objective = outcome.report?.score.total
        // The bound, unless it falls below the verified layout (then it is not one: set aside, said below).
        var bound: Double?
        var boundBelowLayout = false
        if let found {
            if let o = objective, Self.bound(found.value, isBelow: o) {
                boundBelowLayout = true
            } else {
                bound = found.value
                rawLand.boundIterations = found.iterations
            }
        }
        let gap = SolveResult.relativeGap(objective: objective, bound: bound)
        if let objective, let progress {
            progress(SolveProgress(incumbent: objective, bound: bound, gap: gap, nodes: outcome.neighbourhoods,
                                   elapsed: timing.load + Self.seconds(since: began, clock)))
        }
        let status: AllocationStatus = outcome.layout == nil ? .noSolution : .feasible
        let raw = "decomposition: \(outcome.starts) cuts solved (default and refits), \(outcome.inserted) firms "
            + "inserted, \(outcome.exchanged) exchanges, \(outcome.neighbourhoods) windows re-cut "
            + "(\(outcome.improvements) improved), ended by \(outcome.end.rawValue); \(candidateKavlings) candidate "
            + "kavlings exceed the exact model's limit of \(exactCandidateLimit)"
            + (outcome.rejected > 0 ? "; \(outcome.rejected) proposed plans failed verification and were rejected" : "")
            + (found.map { "; raw-land-bound-iterations=\($0.iterations)" } ?? "")
            + (boundBelowLayout ? " raw-land-bound-below-layout" : "")
        return AllocationResult(
            status: status, termination: termination, layout: outcome.layout, report: outcome.report,
            objective: objective, bound: bound, gap: gap, nodes: 0, source: outcome.layout == nil ? nil : .decomposition,
            timing: timing, modelSize: .none, heuristic: summary, structuralConflicts: [], rawStatus: raw,
            boundSource: bound == nil ? nil : .rawLand, blockBound: nil,
            stoppedIn: nil,
            formulation: nil, rawLand: rawLand)
    }
}
