import MIPModel

/// Why the GLPK backend could not produce a ``SolveResult`` or write a file.
///
/// Infeasible, unbounded and time-limited solves are not errors: they are results with a ``Termination``.
public enum GLPKError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model failed ``Model/validate()``; nothing was passed to GLPK.
    case invalidModel(ModelError)
    /// The starting solution is not feasible for the model; it was not passed to GLPK.
    case invalidStart(reason: String)
    /// A GLPK routine returned a failure code that means no usable answer (e.g. a singular basis).
    case solverFailed(function: String, code: Int32, meaning: String)
    /// A model file could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidModel(let e): "\(e)"
        case .invalidStart(let r): "solver error: the starting solution was rejected: \(r)"
        case .solverFailed(let f, let c, let m): "solver error: \(f) returned \(c): \(m)"
        case .writeFailed(let p, let r): "\(p): error: cannot write the model: \(r)"
        }
    }
}
