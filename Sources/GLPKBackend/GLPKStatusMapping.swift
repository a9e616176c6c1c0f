import MIPModel

/// Turns GLPK's return codes and solution statuses into a ``Termination``: the one place this mapping lives.
///
/// The table and the reasons for it are in `docs/statuses.md`. Codes that mean the solver could not work
/// (singular basis, invalid bounds, …) are errors, not terminations.
public enum GLPKStatusMapping {
    /// The termination of a `glp_intopt` call that returned `code` with `glp_mip_status` = `status`.
    ///
    /// - Returns: the termination, or ``GLPKError/solverFailed(function:code:meaning:)`` for failure codes.
    ///   An unknown raw code is a failure too.
    public static func intopt(code: Int32, status: Int32) -> Result<Termination, GLPKError> {
        guard let rc = GLPKReturnCode(rawValue: code) else {
            return .failure(.solverFailed(function: "glp_intopt", code: code, meaning: "unknown return code"))
        }
        let st = GLPKSolutionStatus(rawValue: status) ?? .undefined
        switch rc {
        case .success:
            switch st {
            case .optimal: return .success(.optimal)
            case .noFeasible: return .success(.infeasible)
            // glp_intopt does not return 0 with a merely feasible or undefined status; treat it as a failure.
            default:
                return .failure(.solverFailed(function: "glp_intopt", code: code,
                                              meaning: "finished with MIP status \(st) and no proof"))
            }
        case .gapReached: return .success(.gapLimit)
        case .timeLimit: return .success(.timeLimit)
        case .stopped: return .success(.interrupted)
        case .noPrimalFeasible: return .success(.infeasible)
        case .noDualFeasible: return .success(.infeasibleOrUnbounded)
        default:
            return .failure(.solverFailed(function: "glp_intopt", code: code, meaning: rc.meaning))
        }
    }

    /// The termination of a `glp_simplex` call (no presolver) that returned `code` with `glp_get_status` = `status`.
    ///
    /// - Returns: the termination, or a failure for codes and statuses that leave no answer.
    public static func simplex(code: Int32, status: Int32) -> Result<Termination, GLPKError> {
        guard let rc = GLPKReturnCode(rawValue: code) else {
            return .failure(.solverFailed(function: "glp_simplex", code: code, meaning: "unknown return code"))
        }
        let st = GLPKSolutionStatus(rawValue: status) ?? .undefined
        switch rc {
        case .success:
            switch st {
            case .optimal: return .success(.optimal)
            case .noFeasible: return .success(.infeasible)
            case .unbounded: return .success(.unbounded)
            default:
                return .failure(.solverFailed(function: "glp_simplex", code: code,
                                              meaning: "finished with status \(st)"))
            }
        case .timeLimit: return .success(.timeLimit)
        case .noPrimalFeasible: return .success(.infeasible)
        case .noDualFeasible: return .success(.infeasibleOrUnbounded)
        default:
            return .failure(.solverFailed(function: "glp_simplex", code: code, meaning: rc.meaning))
        }
    }
}
