/// How GLPK chooses the variable to branch on (`br_tech`).
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
