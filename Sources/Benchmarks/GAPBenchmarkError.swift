import GLPKBackend

/// Why a benchmark solve produced no trustworthy result.
public enum GAPBenchmarkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The GLPK backend failed (model rejected, start rejected, or GLPK itself failed).
    case solver(instance: String, problem: Int, GLPKError)
    /// The solution returned did not pass the independent check.
    case check(instance: String, problem: Int, GAPCheckError)

    public var description: String {
        switch self {
        case .solver(let i, let p, let e): "\(i) problem \(p): \(e)"
        case .check(let i, let p, let e): "\(i) problem \(p): \(e)"
        }
    }
}
