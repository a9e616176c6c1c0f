/// A file format GLPK can write a model in, for cross-checking with other solvers.
public enum ModelFileFormat: String, Sendable, Hashable, CaseIterable {
    /// CPLEX LP format (`glp_write_lp`).
    case cplexLP = "lp"
    /// Free (modern) MPS format (`glp_write_mps` with `GLP_MPS_FILE`).
    case freeMPS = "mps"
}
