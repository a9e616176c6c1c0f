import MIPModel

/// A scenario's solver settings. Every field is optional; the CLI's flags override them.
///
/// Names of cuts, branching and backtracking rules are validated by the loader against ``CutFamily``,
/// ``BranchingRule`` and ``BacktrackingRule``.
public struct SolverSettings: Sendable, Hashable, Codable {
    /// Time limit in seconds; positive.
    public var timeLimit: Double?
    /// Relative gap at which to stop (0…1).
    public var gap: Double?
    /// GLPK's MIP presolver.
    public var presolve: Bool?
    /// Cut families to use; `[]` for none.
    public var cuts: [CutFamily]?
    /// GLPK's feasibility pump heuristic.
    public var feasibilityPump: Bool?
    /// GLPK's proximity search heuristic.
    public var proximitySearch: Bool?
    /// Branching rule.
    public var branching: BranchingRule?
    /// Backtracking rule.
    public var backtracking: BacktrackingRule?
    /// Whether to hand plotalloc's own heuristic layout to GLPK as a starting solution.
    public var warmStart: Bool?
    /// Whether to compute the LP and Lagrangian block bound on a second thread (``Allocator/blockBound``).
    public var blockBound: Bool?
    /// Deterministic work limit: search sub-problems and branch-and-bound nodes (``Allocator/workLimit``); ≥ 1.
    public var workLimit: Int?
    /// Seed of the warm-start search's random choices (``Allocator/seed``); the default is 1.
    public var seed: Int?
    /// The seed a board publishes for the lot order that breaks ties among layouts of the best score (any text
    /// on one line, e.g. `2026-12-05 board`); `nil` for no lottery. See `Lottery` in the allocation layer.
    public var lotterySeed: String?

    /// Makes settings; all unset by default.
    public init(
        timeLimit: Double? = nil, gap: Double? = nil, presolve: Bool? = nil, cuts: [CutFamily]? = nil,
        feasibilityPump: Bool? = nil, proximitySearch: Bool? = nil, branching: BranchingRule? = nil,
        backtracking: BacktrackingRule? = nil, warmStart: Bool? = nil, blockBound: Bool? = nil,
        workLimit: Int? = nil, seed: Int? = nil, lotterySeed: String? = nil
    ) {
        self.lotterySeed = lotterySeed
        self.workLimit = workLimit
        self.seed = seed
        self.timeLimit = timeLimit
        self.gap = gap
        self.presolve = presolve
        self.cuts = cuts
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.branching = branching
        self.backtracking = backtracking
        self.warmStart = warmStart
        self.blockBound = blockBound
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case timeLimit = "time_limit", gap, presolve, cuts, feasibilityPump = "feasibility_pump"
        case proximitySearch = "proximity_search", branching, backtracking, warmStart = "warm_start"
        case blockBound = "block_bound", workLimit = "work_limit", seed
        case lotterySeed = "lottery_seed"
    }
}

extension SolverSettings {
    /// Why `seed` cannot be a lottery seed (``lotterySeed``), or `nil` when it can: it must be non-empty text on one
    /// line of at most 200 characters, so that it can be published and typed again.
    public static func lotterySeedProblem(_ seed: String) -> String? {
        if seed.isEmpty { return "found an empty seed; expected the published text, e.g. \"2026-12-05 board\"" }
        if seed.contains(where: \.isNewline) { return "found a line break; expected the seed on one line" }
        if seed.count > 200 { return "found \(seed.count) characters; expected at most 200" }
        return nil
    }
}
