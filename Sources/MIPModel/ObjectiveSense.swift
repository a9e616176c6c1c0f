/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable, Hashable, CaseIterable {
    /// Smaller is better.
    case minimize
    /// Larger is better.
    case maximize
}
