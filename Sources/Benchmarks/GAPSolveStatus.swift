/// The outcome of one benchmark solve, in the vocabulary of plotalloc's reports.
public enum GAPSolveStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Proven optimal.
    case optimal
    /// A checked solution, not proven optimal (the search stopped early).
    case feasible
    /// Proven to have no feasible assignment.
    case infeasible
    /// The search stopped before any solution was found.
    case noSolution = "no_solution"
}
