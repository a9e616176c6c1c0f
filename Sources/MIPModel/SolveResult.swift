/// What a solver returned for a model: why it stopped, and the best solution and bound it had.
///
/// A result is a value: it is never written back into the ``Model``. Infeasible and time-limited solves are results,
/// not errors.
public struct SolveResult: Sendable, Hashable {
    /// Why the solver stopped.
    public var termination: Termination
    /// The best solution found, indexed by ``Variable/index``, or `nil` when there is none.
    public var values: [Double]?
    /// The objective of ``values`` (constant included), or `nil` when there is no solution.
    public var objective: Double?
    /// The best proven bound on the optimum (≥ objective when maximising), or `nil` when unknown.
    public var bound: Double?
    /// `|bound − objective| / max(|objective|, 1e-9)`, or `nil` when either is unknown; 0 when optimal.
    public var relativeGap: Double?
    /// Wall-clock seconds spent in the solver call.
    public var seconds: Double
    /// Branch-and-bound nodes created (0 for a pure LP).
    public var nodes: Int
    /// The solver's own status, for debugging (e.g. `glp_intopt=GLP_ETMLIM mip_status=GLP_FEAS`).
    public var rawStatus: String
    /// For a model without integer variables solved to optimality: each constraint's dual value (shadow price), in
    /// constraint order: the rate at which the optimal objective changes per unit the row's active bound moves
    /// (≥ 0 for an active upper bound when maximising, ≤ 0 for an active lower bound; 0 for a row not at a bound).
    /// `nil` otherwise (MIPs, or no optimum).
    public var duals: [Double]?
    /// What the solver did with the starting solution it was handed, when it was handed one and says so; `nil`
    /// otherwise.
    public var start: StartOutcome? = nil

    /// What a solver did with a starting solution.
    public enum StartOutcome: String, Sendable, Hashable, Codable {
        /// It took the start as its first incumbent.
        case accepted
        /// It already held a solution at least as good, so the start was not used.
        case notBetter = "not-better"
    }

    /// Makes a result.
    public init(
        termination: Termination, values: [Double]?, objective: Double?, bound: Double?, relativeGap: Double?,
        seconds: Double, nodes: Int, rawStatus: String, duals: [Double]? = nil
    ) {
        self.termination = termination
        self.values = values
        self.objective = objective
        self.bound = bound
        self.relativeGap = relativeGap
        self.seconds = seconds
        self.nodes = nodes
        self.rawStatus = rawStatus
        self.duals = duals
    }

    /// Whether a solution is available.
    public var hasSolution: Bool { values != nil }

    /// The value of `variable` in the solution, or `nil` when there is no solution.
    public func value(_ variable: Variable) -> Double? { values?[variable.index] }

    /// The relative gap between an objective and a bound, as plotalloc reports it everywhere.
    ///
    /// Returns `nil` when either is missing or not finite.
    public static func relativeGap(objective: Double?, bound: Double?) -> Double? {
        guard let o = objective, let b = bound, o.isFinite, b.isFinite else { return nil }
        return abs(b - o) / max(abs(o), 1e-9)
    }
}
