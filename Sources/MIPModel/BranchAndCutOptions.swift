/// A family of cutting planes GLPK's branch-and-cut can generate.
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
