/// The domain of a decision variable.
public enum VariableKind: String, Sendable, Hashable, CaseIterable {
    /// Any real value within the bounds.
    case continuous
    /// Any integer within the bounds; bounds must be integers (or infinite).
    case integer
    /// 0 or 1; bounds must lie within [0, 1] and be integers.
    case binary

    /// Whether the solver must return an integral value.
    public var isIntegral: Bool { self != .continuous }
}
