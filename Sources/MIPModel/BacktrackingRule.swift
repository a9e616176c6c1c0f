/// How GLPK chooses the next node to explore (`bt_tech`).
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
