/// One rule a layout breaks, in a planner's terms, with the firms and plots it concerns.
///
/// Produced by ``LayoutVerifier``; the `message` is a complete sentence fragment a planner can read on its own,
/// e.g. "F12 (plating) and F31 (assembly) are X-rated and 18 m apart; the minimum is 40 m". `firms` and `plots` list
/// the ids involved, in scenario order (ids not in the scenario last, sorted), so reports can highlight them.
public struct Violation: Sendable, Hashable, Codable {
    /// The rule of the layout's meaning (issue 4) that is broken. Raw values are the snake_case names used in JSON.
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
        /// The layout names a firm id the scenario does not have.
        case unknownFirm = "unknown_firm"
        /// The layout names a plot id the scenario does not have.
        case unknownPlot = "unknown_plot"
        /// More than one firm is on one plot.
        case plotShared = "plot_shared"
        /// A firm is on a plot it may not take (area, zone, frontage or rent; see ``Eligibility``).
        case ineligible
        /// A planner's lock is broken: a firm on a plot or block its lock rules out, on a reserved plot, or a firm
        /// locked to a plot not placed there (``LockRule``).
        case lock
        /// A required firm is not placed.
        case requiredUnplaced = "required_unplaced"
        /// An incumbent is not placed.
        case incumbentUnplaced = "incumbent_unplaced"
        /// Under the fixed incumbent policy, an incumbent is on a plot other than its own.
        case incumbentMoved = "incumbent_moved"
        /// The firms on a power block's plots need more than its capacity.
        case power
        /// Two X-rated firms are closer than the separation distance.
        case separation
        /// A quota's minimum count or minimum share is not met.
        case quota
    }

    /// The broken rule.
    public var rule: Rule
    /// What is wrong, in plain terms with the figures that show it.
    public var message: String
    /// The firm ids concerned (may include ids not in the scenario for ``Rule/unknownFirm``).
    public var firms: [String]
    /// The plot ids concerned (may include ids not in the scenario for ``Rule/unknownPlot``).
    public var plots: [String]

    /// Makes a violation.
    public init(rule: Rule, message: String, firms: [String] = [], plots: [String] = []) {
        self.rule = rule
        self.message = message
        self.firms = firms
        self.plots = plots
    }
}
