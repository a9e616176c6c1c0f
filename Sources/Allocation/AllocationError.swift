import GLPKBackend
import Estate

/// Why an allocation run could not give a trustworthy answer. Each case prints one line.
///
/// Infeasible and time-limited runs are not errors: they are ``AllocationResult``s. These are the cases where the
/// answer would be wrong or missing for reasons other than the scenario: a layout that fails verification, a score
/// that disagrees with the solver's objective, or a solver failure.
public enum AllocationError: Error, Sendable, CustomStringConvertible {
    /// The solver's layout breaks rules the verifier found; never reported as a result.
    case verificationFailed(violations: [Violation])
    /// The verified score of the solver's layout differs from the solver's objective beyond 1e-6 relative.
    case scoreMismatch(objective: Double, score: Double)
    /// The GLPK backend failed or rejected the model.
    case solver(GLPKError)
    /// A solution contradicts rows the model was given (e.g. an alternative layout below the score floor or equal
    /// to one cut off); the text says which.
    case inconsistentSolution(String)

    public var description: String {
        switch self {
        case .verificationFailed(let v):
            "internal error: the solver's layout fails verification (\(v.count) violation\(v.count == 1 ? "" : "s")): "
                + v.prefix(3).map(\.message).joined(separator: "; ")
        case .scoreMismatch(let o, let s):
            "internal error: the solver's objective \(o) differs from the verified score \(s) of its layout"
        case .solver(let e):
            "\(e)"
        case .inconsistentSolution(let what):
            "internal error: \(what)"
        }
    }
}
