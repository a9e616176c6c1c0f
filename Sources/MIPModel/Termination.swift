/// Why a solver stopped. Kept apart from whether a solution exists (``SolveResult/values``).
///
/// Only ``optimal`` means the objective is proven best (within the solver's tolerances). A solve stopped by a limit
/// or an interrupt is never optimal, even when its gap happens to be zero: see `docs/statuses.md`.
public enum Termination: String, Sendable, Hashable, CaseIterable, Codable {
    /// Proven optimal: the bound equals the objective.
    case optimal
    /// Stopped because the relative gap fell within the requested ``GLPKOptions/relativeGap``.
    case gapLimit = "gap_limit"
    /// Stopped at the time limit.
    case timeLimit = "time_limit"
    /// Stopped at the deterministic work limit (sub-problems of the search, branch-and-bound nodes).
    case workLimit = "work_limit"
    /// Stopped by an interrupt (Ctrl-C, or ``SolveInterrupt/request()``).
    case interrupted
    /// Proven to have no feasible solution.
    case infeasible
    /// The relaxation is unbounded; the problem is unbounded or infeasible.
    case infeasibleOrUnbounded = "infeasible_or_unbounded"
    /// Proven unbounded (a feasible ray exists); only reported for pure LPs.
    case unbounded

    /// Whether the search stopped early, so that a better solution may exist.
    public var isLimit: Bool { self == .gapLimit || self == .timeLimit || self == .workLimit || self == .interrupted }
}
