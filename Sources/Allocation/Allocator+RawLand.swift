import Foundation
import MIPModel
import Estate

extension Allocator {
    /// Allocates raw land too large for the exact candidate model by the decomposition search (``RawLandSearch``)
    /// within `deadline`: status `feasible` with its best verified layout (never `optimal`: it proves nothing), or
    /// `no_solution` when it found none; the layout's source is ``AllocationResult/LayoutSource/decomposition``.
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
        let t = clock.now
        let outcome = try RawLandSearch(scenario: scenario, options: options, interrupt: interrupt).run()
        timing.heuristic = Self.seconds(since: t, clock)
        var summary = AllocationResult.HeuristicSummary()
        summary.score = outcome.report?.score.total
        summary.constructionScore = outcome.startScore
        summary.iterations = outcome.neighbourhoods
        summary.improvements = outcome.improvements
        let rawLand = AllocationResult.RawLandSummary(
            method: .decomposition, candidateKavlings: candidateKavlings, starts: outcome.starts,
            startScore: outcome.startScore, neighbourhoods: outcome.neighbourhoods, improvements: outcome.improvements,
            inserted: outcome.inserted, exchanged: outcome.exchanged)
        let termination: Termination = switch outcome.end {
        case .deadline: .timeLimit
        case .interrupted: .interrupted
        case .stalled, .neighbourhoods: .workLimit
        }
        let objective = outcome.report?.score.total
        if let objective, let progress {
            progress(SolveProgress(incumbent: objective, bound: nil, gap: nil, nodes: outcome.neighbourhoods,
                                   elapsed: timing.load + Self.seconds(since: began, clock)))
        }
        let status: AllocationStatus = outcome.layout == nil ? .noSolution : .feasible
        let raw = "decomposition: \(outcome.starts) cuts solved (default and refits), \(outcome.inserted) firms "
            + "inserted, \(outcome.exchanged) exchanges, \(outcome.neighbourhoods) windows re-cut "
            + "(\(outcome.improvements) improved), ended by \(outcome.end.rawValue); \(candidateKavlings) candidate "
            + "kavlings exceed the exact model's limit of \(exactCandidateLimit)"
            + (outcome.rejected > 0 ? "; \(outcome.rejected) proposed plans failed verification and were rejected" : "")
        return AllocationResult(
            status: status, termination: termination, layout: outcome.layout, report: outcome.report,
            objective: objective, bound: nil, gap: nil, nodes: 0, source: outcome.layout == nil ? nil : .decomposition,
            timing: timing, modelSize: .none, heuristic: summary, structuralConflicts: [], rawStatus: raw,
            boundSource: nil, blockBound: nil,
            stoppedIn: nil,
            formulation: nil, rawLand: rawLand)
    }
}
