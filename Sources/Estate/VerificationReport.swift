/// What ``LayoutVerifier`` found: every rule the layout breaks and its recomputed score.
///
/// The score is computed whether or not the layout is feasible; ids that do not resolve are left out of it.
public struct VerificationReport: Sendable, Hashable, Codable {
    /// Every broken rule, in a deterministic order (by rule in ``Violation/Rule`` declaration order, then by
    /// scenario order of the firms, plots, blocks or quotas concerned). Empty for a feasible layout.
    public var violations: [Violation]
    /// The layout's score as recomputed from the scenario alone.
    public var score: ScoreBreakdown

    /// Makes a report.
    public init(violations: [Violation], score: ScoreBreakdown) {
        self.violations = violations
        self.score = score
    }

    /// Whether the layout breaks no rule.
    public var isFeasible: Bool { violations.isEmpty }
}
