import Estate

/// The answer to "why is this firm not placed?": what requiring it would do to the layout and the score, or why it
/// cannot be placed at all.
///
/// Made by ``WhyNotExplainer``. Every layout in it passed ``LayoutVerifier``.
public struct WhyNotExplanation: Sendable {
    /// A firm and a plot.
    public struct Placement: Sendable, Hashable {
        /// The firm's id.
        public var firm: String
        /// The plot's id.
        public var plot: String
    }

    /// A firm that would change plots.
    public struct Move: Sendable, Hashable {
        /// The firm's id.
        public var firm: String
        /// Its plot in the baseline layout.
        public var from: String
        /// Its plot once the asked-about firm is required.
        public var to: String
    }

    /// What requiring the firm does to an optimal layout.
    public struct Change: Sendable {
        /// The plot the firm would get.
        public var plot: String
        /// The baseline layout's score.
        public var before: ScoreBreakdown
        /// The score with the firm required.
        public var after: ScoreBreakdown
        /// Firms placed in the baseline and left out once the firm is required, with their baseline plot.
        public var displaced: [Placement]
        /// Firms placed in both, on different plots (the asked-about firm excluded).
        public var moved: [Move]
        /// Firms left out in the baseline and placed once the firm is required (the asked-about firm excluded).
        public var joined: [Placement]
        /// The layout with the firm required.
        public var layout: Layout
        /// Whether both scores are proven optimal (else the change is between the best layouts found).
        public var isProven: Bool
        /// Whether, among the optimal layouts with the firm required, this one keeps the most baseline
        /// assignments (a second GLPK solve); `false` when that solve was skipped or undecided.
        public var isLeastDisruptive: Bool

        /// The change of the total score (negative: requiring the firm costs score).
        public var scoreChange: Double { after.total - before.total }
        /// The change of the placement part.
        public var placementChange: Double { after.placement - before.placement }
        /// The change of the closeness part.
        public var closenessChange: Double { after.closeness - before.closeness }
        /// The change of the relocation part (positive: more relocation penalty).
        public var relocationChange: Double { after.relocation - before.relocation }
    }

    /// The answer.
    public enum Outcome: Sendable {
        /// The firm is already placed in the baseline layout, on this plot.
        case alreadyPlaced(plot: String)
        /// No plot passes its eligibility tests; no solve needed.
        case noEligiblePlot(UnplacedReason)
        /// Requiring it gives this layout.
        case wouldBePlaced(Change)
        /// Requiring it makes the scenario infeasible, for these reasons.
        case infeasibleWhenRequired(InfeasibilityDiagnosis)
        /// The scenario itself is infeasible (there is no baseline layout), for these reasons.
        case scenarioInfeasible(InfeasibilityDiagnosis)
        /// A solve stopped at its limit before deciding; the text says which.
        case undecided(String)
    }

    /// The firm asked about.
    public var firm: String
    /// The answer.
    public var outcome: Outcome
}
