internal import CGLPK

/// The status of a GLPK solution (`glp_get_status`, `glp_mip_status`), mirrored in Swift.
///
/// Raw values equal GLPK 5.0's constants; ``headerMatches`` proves it against `glpk.h` at run time.
public enum GLPKSolutionStatus: Int32, Sendable, Hashable, CaseIterable {
    /// `GLP_UNDEF`: no solution.
    case undefined = 1
    /// `GLP_FEAS`: feasible, not proven optimal.
    case feasible = 2
    /// `GLP_INFEAS`: infeasible (an intermediate LP state).
    case infeasible = 3
    /// `GLP_NOFEAS`: proven to have no feasible solution.
    case noFeasible = 4
    /// `GLP_OPT`: optimal.
    case optimal = 5
    /// `GLP_UNBND`: unbounded.
    case unbounded = 6

    /// Whether every raw value equals the constant in the installed `glpk.h`.
    public static var headerMatches: Bool {
        undefined.rawValue == GLP_UNDEF && feasible.rawValue == GLP_FEAS && infeasible.rawValue == GLP_INFEAS
            && noFeasible.rawValue == GLP_NOFEAS && optimal.rawValue == GLP_OPT && unbounded.rawValue == GLP_UNBND
    }
}
