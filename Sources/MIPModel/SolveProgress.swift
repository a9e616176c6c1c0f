/// A snapshot of a running branch-and-cut search, passed to a progress handler.
public struct SolveProgress: Sendable, Hashable {
    /// The best objective found so far, or `nil` before the first solution.
    public var incumbent: Double?
    /// The best proven bound so far, or `nil` before the root LP is solved.
    public var bound: Double?
    /// The relative gap between the two, as ``SolveResult/relativeGap(objective:bound:)`` computes it.
    public var gap: Double?
    /// Nodes created so far.
    public var nodes: Int
    /// Seconds since the solve started.
    public var elapsed: Double

    /// Makes a snapshot.
    public init(incumbent: Double?, bound: Double?, gap: Double?, nodes: Int, elapsed: Double) {
        self.incumbent = incumbent
        self.bound = bound
        self.gap = gap
        self.nodes = nodes
        self.elapsed = elapsed
    }
}
