import MIPModel

/// Options for one GLPK solve. A plain value; every solve reads its own copy.
///
/// Defaults differ from GLPK's in one way, on purpose: the MIR, cover and clique cut families are on, because on
/// assignment-shaped models they are the difference between minutes and seconds; Gomory's mixed-integer cuts are off,
/// because on the same models they made every branch-and-cut 3–4 times slower at about the same number of nodes
/// (docs/architecture.md, "Three cut families on by default").
public struct GLPKOptions: Sendable, Hashable {
    /// Wall-clock limit in seconds, or `nil` for none. GLPK checks it between LP solves, so a solve can overrun it.
    public var timeLimit: Double?
    /// Stop when the relative gap is at most this (GLPK's `mip_gap`), or `nil` for GLPK's default 0.
    public var relativeGap: Double?
    /// Cut families to generate.
    public var cuts: Set<CutFamily>
    /// GLPK's feasibility pump heuristic (`fp_heur`).
    public var feasibilityPump: Bool
    /// GLPK's proximity search heuristic (`ps_heur`).
    public var proximitySearch: Bool
    /// Time limit for one proximity search run, in seconds.
    public var proximitySearchTimeLimit: Double
    /// Branching rule.
    public var branching: BranchingRule
    /// Backtracking rule.
    public var backtracking: BacktrackingRule
    /// GLPK's MIP presolver. A starting solution is only handed to GLPK with presolve off (the presolved problem's
    /// columns are not the model's), so the backend turns it off when a start is given.
    public var presolve: Bool
    /// How much GLPK prints to standard error.
    public var verbosity: GLPKVerbosity
    /// Seconds between two progress reports (the first comes after this long too).
    public var progressInterval: Double
    /// Branch-and-bound nodes after which the search stops with ``Termination/workLimit`` (`nil` for none): a limit
    /// that, unlike the time limit, ends every run at the same point (GLPK's search is deterministic).
    public var nodeLimit: Int?
    /// The longest one simplex slice may run on a large model (at least ``GLPKSolver/largeModelNonZeros``
    /// non-zeros) when an interrupt is watched, in seconds of wall-clock time, or `nil` (the default) for slices that
    /// end by their iteration count alone. A count keeps the simplex's path, and the last digits of its optimum,
    /// independent of the clock; but 500 iterations of the 1,600-firm estate's LP take about 1.5 s of processor time
    /// (and ten times that on a saturated machine), so without a cap a stop waits that long. Runs that need not be
    /// reproducible (no work limit) set it (``Allocator``).
    public var simplexSliceSeconds: Double?

    /// Makes options; see each property for its default.
    public init(
        timeLimit: Double? = nil, relativeGap: Double? = nil, cuts: Set<CutFamily> = GLPKOptions.defaultCuts,
        feasibilityPump: Bool = false, proximitySearch: Bool = false, proximitySearchTimeLimit: Double = 60,
        branching: BranchingRule = .driebeckTomlin, backtracking: BacktrackingRule = .bestLocalBound,
        presolve: Bool = true, verbosity: GLPKVerbosity = .off, progressInterval: Double = 1
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.cuts = cuts
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.proximitySearchTimeLimit = proximitySearchTimeLimit
        self.branching = branching
        self.backtracking = backtracking
        self.presolve = presolve
        self.verbosity = verbosity
        self.progressInterval = progressInterval
    }

    /// The cut families on by default: MIR, cover and clique (not Gomory's mixed-integer cuts; see the type's summary).
    public static let defaultCuts: Set<CutFamily> = [.mir, .cover, .clique]

    /// GLPK's own defaults (no cuts), as `glpsol` runs without options.
    public static var glpkDefaults: GLPKOptions { GLPKOptions(cuts: []) }
}

/// How much GLPK itself prints (`msg_lev`). GLPK's output goes to standard error, never standard output.
public enum GLPKVerbosity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing (`GLP_MSG_OFF`), the default.
    case off
    /// Errors and warnings only (`GLP_MSG_ERR`).
    case errors
    /// Normal output (`GLP_MSG_ON`).
    case normal
    /// Everything, for debugging (`GLP_MSG_ALL`).
    case all
}
