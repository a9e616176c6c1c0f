/// What an allocation run holds, in the vocabulary every report uses (`docs/statuses.md`).
public enum AllocationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// A verified layout, proven optimal.
    case optimal
    /// A verified layout, not proven optimal: the search stopped at a limit or was interrupted (see the result's
    /// termination, gap and bound).
    case feasible
    /// Proven: no layout meets every rule.
    case infeasible
    /// The search stopped at a limit (or was interrupted) before any layout was found.
    case noSolution = "no_solution"
}
