import MIPModel
import GLPKBackend

/// How a run's time limit is split between its phases: the one place that decides it (the phases only look at
/// the ``Deadline`` they are handed).
///
/// A run with a limit of `T` seconds has one deadline, `T` after the run began (reading the scenario included).
/// Formulation, the bound worker and verification share it; the warm-start search gets ``searchBudget(remaining:)``
/// of what is left after formulation and GLPK the rest; follow-ups (explanations of an infeasible scenario, "why not
/// this firm?", alternative layouts) get what the solve leaves, and when the run asks for follow-ups the solve
/// leaves them ``followUpShare`` of the limit. Without a limit nothing is bounded except where a phase has a cap
/// of its own (the search's 10 s, a feasibility check's 20 s, why-not's keep-most re-solve's 10 s). Inside every
/// GLPK solve, one proximity-search run is capped by ``cappingProximitySearch(_:)``.
public struct TimePolicy: Sendable, Hashable {
    /// Seconds for the whole run, or `nil` for no limit.
    public var limit: Double?
    /// The fraction of the limit kept for follow-ups when the run asks for any (0.5 by default): the solve's own
    /// deadline is then `(1 − followUpShare) × limit` after the start.
    public var followUpShare: Double = 0.5
    /// The longest one feasibility check of an explanation may take (20 s by default), within the run's deadline.
    public var checkCap: Double = 20
    /// The budget of all alternative re-solves together when the run has no limit (60 s by default).
    public var alternativesBudgetWithoutLimit: Double = 60

    /// Makes a policy for a run limited to `limit` seconds (`nil`: unlimited).
    public init(limit: Double?) {
        self.limit = limit
    }

    /// The run's deadline: `limit` after `start` (the moment the run began, before the scenario was read).
    public func runDeadline(start: ContinuousClock.Instant) -> Deadline {
        guard let limit, limit.isFinite else { return .never }
        return Deadline(instant: start.advanced(by: Deadline.duration(limit)))
    }

    /// The solve's deadline within `run`: the whole of it, or, when follow-ups will need time, all but
    /// ``followUpShare`` of the limit.
    public func solveDeadline(run: Deadline, followUps: Bool) -> Deadline {
        guard followUps, let limit, let end = run.instant else { return run }
        return Deadline(instant: end.advanced(by: Deadline.duration(-followUpShare * limit)))
    }

    /// The warm-start search's budget when `remaining` seconds are left for search and GLPK together: 70 % of
    /// them, but leaving GLPK at least 3 s (its root LP gives the bound) when they allow, never under half; 10 s
    /// without a limit. The search stops earlier when it proves its layout optimal or stalls.
    public static func searchBudget(remaining: Double?) -> Double {
        guard let remaining else { return 10 }
        return max(0.5 * remaining, min(0.7 * remaining, remaining - 3))
    }

    /// The longest simplex slice on a large model in a run that need not be reproducible (no work limit): half a
    /// second, so that a stop (Ctrl-C, the deadline) is seen within about that long plus GLPK's own set-up of the
    /// slice (``GLPKOptions/simplexSliceSeconds``).
    public static let simplexSliceSeconds = 0.5

    /// Seconds the solve leaves before the deadline for the work after it, which is not interrupted (verifying the
    /// layout, the unplaced firms' reasons, the report, freeing the model): a quarter of what formulating took (that
    /// work grows with the model as formulation does, and on a loaded machine both slow down alike), at most a tenth
    /// of the `remaining` seconds; 0 without a deadline.
    public static func finishReserve(formulateSeconds: Double, remaining: Double?) -> Double {
        guard let remaining, formulateSeconds.isFinite else { return 0 }
        return max(0, min(0.25 * formulateSeconds, 0.1 * remaining))
    }

    /// The longest why-not's keep-most re-solve may take (the layout closest to the baseline that places the firm),
    /// within the run's deadline: 10 s, or the solve's own limit when shorter.
    public static let keepMostCap: Double = 10

    /// The options of why-not's keep-most re-solve: the solve's, with at most ``keepMostCap`` seconds (and the
    /// proximity search capped for that limit).
    public static func keepMostOptions(_ solve: GLPKOptions) -> GLPKOptions {
        var o = solve
        o.timeLimit = min(o.timeLimit ?? keepMostCap, keepMostCap)
        return cappingProximitySearch(o)
    }

    /// `options` with one proximity-search run capped at half their time limit (at least 1 s), or unchanged
    /// without a limit: GLPK does not check its time limit inside that heuristic, and an uncapped run overran a
    /// 30 s limit to 60 s. The solve's options (``SolverSettings/glpkOptions(verbosity:)``), an explanation's checks,
    /// why-not's keep-most re-solve and each alternative's re-solve pass through here (the search's sub-problems
    /// and the bound's solves run without proximity search).
    public static func cappingProximitySearch(_ options: GLPKOptions) -> GLPKOptions {
        cappingProximitySearch(options, within: options.timeLimit)
    }

    /// `options` with one proximity-search run capped at half of `seconds` (at least 1 s); unchanged when `seconds`
    /// is `nil`. The one cap every solve's options get, whether their time is their own limit or a deadline's rest.
    static func cappingProximitySearch(_ options: GLPKOptions, within seconds: Double?) -> GLPKOptions {
        guard let seconds else { return options }
        var o = options
        o.proximitySearchTimeLimit = min(o.proximitySearchTimeLimit, max(1, seconds / 2))
        return o
    }

    /// The options of the main GLPK solve after the warm-start search, which the run's deadline bounds (its own time
    /// limit is unset): the proximity search capped at half of what the deadline leaves (at least 1 s), since the
    /// settings' cap (half the whole run's limit) was set before the search used most of it: with that cap a 60 s run
    /// with proximity search on ended at 72.5 s (docs/reliability.md). `remaining` `nil` (no deadline) leaves the
    /// cap as the settings made it.
    public static func mainSolveOptions(_ solve: GLPKOptions, remaining: Double?) -> GLPKOptions {
        var o = solve
        o.timeLimit = nil
        return cappingProximitySearch(o, within: remaining)
    }

    /// The options of one re-solve that has `remaining` seconds left of the run (`nil`: no deadline): the
    /// solve's, with the time limit lowered to what is left, and the proximity search capped.
    public static func reSolveOptions(_ solve: GLPKOptions, remaining: Double?) -> GLPKOptions {
        var o = solve
        if let remaining { o.timeLimit = min(o.timeLimit ?? remaining, remaining) }
        return cappingProximitySearch(o)
    }

    /// The options of an explanation's feasibility checks: the solve's, with at most ``checkCap`` seconds each (or
    /// the limit when shorter, the proximity search capped for it) and no gap; the run's deadline bounds them all
    /// together. (GLPK 5.0's presolver abort on relaxed copies is handled in the backend, which retries without it.)
    public func checkOptions(_ solve: GLPKOptions) -> GLPKOptions {
        var o = solve
        o.timeLimit = min(checkCap, limit ?? checkCap)
        o.relativeGap = nil
        return Self.cappingProximitySearch(o)
    }

    /// The budget of all alternative re-solves together: none of their own when the run has a deadline (it bounds
    /// them), else ``alternativesBudgetWithoutLimit``.
    public func alternativesBudget(run: Deadline) -> Double? {
        run.isFinite ? nil : alternativesBudgetWithoutLimit
    }
}
