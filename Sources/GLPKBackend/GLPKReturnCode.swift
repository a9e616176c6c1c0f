internal import CGLPK

/// The return codes of GLPK's solver routines (`glp_simplex`, `glp_intopt`), mirrored in Swift.
///
/// Raw values equal GLPK 5.0's `GLP_E…` constants; ``headerMatches`` proves it against `glpk.h` at run time.
public enum GLPKReturnCode: Int32, Sendable, Hashable, CaseIterable {
    /// 0: the solver finished normally.
    case success = 0
    /// `GLP_EBADB`: invalid initial basis.
    case badBasis = 0x01
    /// `GLP_ESING`: singular basis matrix.
    case singular = 0x02
    /// `GLP_ECOND`: ill-conditioned basis matrix.
    case illConditioned = 0x03
    /// `GLP_EBOUND`: a double-bounded variable has invalid bounds.
    case invalidBounds = 0x04
    /// `GLP_EFAIL`: the solver failed.
    case failed = 0x05
    /// `GLP_EOBJLL`: objective lower limit reached.
    case objectiveLowerLimit = 0x06
    /// `GLP_EOBJUL`: objective upper limit reached.
    case objectiveUpperLimit = 0x07
    /// `GLP_EITLIM`: iteration limit exceeded.
    case iterationLimit = 0x08
    /// `GLP_ETMLIM`: time limit exceeded.
    case timeLimit = 0x09
    /// `GLP_ENOPFS`: no primal feasible solution (the LP relaxation is infeasible).
    case noPrimalFeasible = 0x0A
    /// `GLP_ENODFS`: no dual feasible solution (the LP relaxation is unbounded or infeasible).
    case noDualFeasible = 0x0B
    /// `GLP_EROOT`: no optimal root LP basis (presolve off without a prior simplex).
    case rootNotOptimal = 0x0C
    /// `GLP_ESTOP`: the search was terminated by the application (our interrupt).
    case stopped = 0x0D
    /// `GLP_EMIPGAP`: the relative MIP gap tolerance was reached.
    case gapReached = 0x0E

    /// The GLPK manual's meaning of the code, for error messages.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .badBasis: "the initial basis is invalid"
        case .singular: "the basis matrix is singular"
        case .illConditioned: "the basis matrix is ill-conditioned"
        case .invalidBounds: "some double-bounded variables have incorrect bounds"
        case .failed: "the solver failed"
        case .objectiveLowerLimit: "the objective lower limit was reached"
        case .objectiveUpperLimit: "the objective upper limit was reached"
        case .iterationLimit: "the iteration limit was exceeded"
        case .timeLimit: "the time limit was exceeded"
        case .noPrimalFeasible: "the problem has no primal feasible solution"
        case .noDualFeasible: "the problem has no dual feasible solution"
        case .rootNotOptimal: "the optimal basis for the initial LP relaxation is not provided"
        case .stopped: "the search was prematurely terminated by the application"
        case .gapReached: "the relative MIP gap tolerance was reached"
        }
    }

    /// Whether every raw value equals the constant in the installed `glpk.h`.
    public static var headerMatches: Bool {
        let header: [GLPKReturnCode: Int32] = [
            .badBasis: GLP_EBADB, .singular: GLP_ESING, .illConditioned: GLP_ECOND, .invalidBounds: GLP_EBOUND,
            .failed: GLP_EFAIL, .objectiveLowerLimit: GLP_EOBJLL, .objectiveUpperLimit: GLP_EOBJUL,
            .iterationLimit: GLP_EITLIM, .timeLimit: GLP_ETMLIM, .noPrimalFeasible: GLP_ENOPFS,
            .noDualFeasible: GLP_ENODFS, .rootNotOptimal: GLP_EROOT, .stopped: GLP_ESTOP, .gapReached: GLP_EMIPGAP,
        ]
        return header.allSatisfy { $0.key.rawValue == $0.value } && header.count == allCases.count - 1
    }
}
