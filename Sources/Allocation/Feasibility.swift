import Estate

/// The answer of one feasibility check (``FeasibilityCheck``).
public enum Feasibility: Sendable, Hashable {
    /// A layout meeting every rule exists; this one passed ``LayoutVerifier`` on the checked scenario.
    case feasible(Layout)
    /// Proven: no layout meets every rule.
    case infeasible
    /// The check stopped at its time limit before deciding.
    case unknown

    /// Whether the check found a layout.
    public var isFeasible: Bool {
        if case .feasible = self { return true }
        return false
    }
}
