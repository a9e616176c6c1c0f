// The branch-and-cut options a scenario's `solver:` section names, solver-independent: the GLPK backend maps them
// to its own parameters (`GLPKOptions`), and the estate domain reads them from YAML without knowing the solver.

/// A family of cutting planes a branch-and-cut can generate (GLPK's parameter names in brackets).
public enum CutFamily: String, Sendable, Hashable, Codable, CaseIterable {
    /// Gomory's mixed integer cuts (`gmi_cuts`).
    case gomory
    /// Mixed integer rounding cuts (`mir_cuts`).
    case mir
    /// Mixed cover cuts (`cov_cuts`).
    case cover
    /// Clique cuts (`clq_cuts`).
    case clique
}

/// How a branch-and-cut chooses the variable to branch on (GLPK: `br_tech`).
public enum BranchingRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// First fractional variable (`GLP_BR_FFV`).
    case firstFractional = "first_fractional"
    /// Last fractional variable (`GLP_BR_LFV`).
    case lastFractional = "last_fractional"
    /// Most fractional variable (`GLP_BR_MFV`).
    case mostFractional = "most_fractional"
    /// Driebeck–Tomlin heuristic (`GLP_BR_DTH`), GLPK's default.
    case driebeckTomlin = "driebeck_tomlin"
    /// Hybrid pseudo-cost (`GLP_BR_PCH`).
    case pseudoCost = "pseudo_cost"
}

/// How a branch-and-cut chooses the next node to explore (GLPK: `bt_tech`).
public enum BacktrackingRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// Depth first search (`GLP_BT_DFS`).
    case depthFirst = "depth_first"
    /// Breadth first search (`GLP_BT_BFS`).
    case breadthFirst = "breadth_first"
    /// Best local bound (`GLP_BT_BLB`), GLPK's default.
    case bestLocalBound = "best_local_bound"
    /// Best projection heuristic (`GLP_BT_BPH`).
    case bestProjection = "best_projection"
}
