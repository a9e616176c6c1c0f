import Allocation

/// A phase of an allocation run as the benchmarks report it: the five timed phases of ``AllocationResult/Timing``
/// and their total.
public enum BenchmarkPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// Reading and checking the scenario file.
    case load
    /// Building the integer program.
    case formulate
    /// The warm-start heuristic.
    case heuristic
    /// GLPK's search.
    case solve
    /// Verifying the layout from the scenario alone.
    case verify
    /// All phases together.
    case total

    /// This phase's seconds in `timing` (the sum of the phases for ``total``).
    public func seconds(in timing: AllocationResult.Timing) -> Double {
        switch self {
        case .load: timing.load
        case .formulate: timing.formulate
        case .heuristic: timing.heuristic
        case .solve: timing.solve
        case .verify: timing.verify
        case .total: timing.total
        }
    }
}
