/// Why one firm is not in a layout, in a planner's terms.
///
/// Made by ``UnplacedExplainer``. `message` is one line to show next to the firm (it does not repeat the firm's
/// id); `details` says, plot by plot or group by group, what the message sums up.
public struct UnplacedReason: Sendable, Hashable, Codable {
    /// The kind of reason. Raw values are the snake_case names used in JSON.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// No plot of the site passes the firm's eligibility tests (area, zone, frontage, rent).
        case noEligiblePlot = "no_eligible_plot"
        /// Every plot it may take went to other firms.
        case outcompeted
        /// Some plots it may take are free, but placing it on any of them would break power, separation or a
        /// quota's share.
        case blocked
        /// A plot it may take is free and no rule stops it: the layout simply does not use it (a hand-made or
        /// non-optimal layout, or placing it would lower the score).
        case notChosen = "not_chosen"
        /// The reason was not worked out: the run was interrupted (Ctrl-C, SIGTERM, SIGHUP), and explaining every
        /// unplaced firm (hundreds on the largest estates) would delay its end; the layout itself is verified.
        case notExplained = "not_explained"
    }

    /// The reason of a firm left out of the layout of an interrupted run, not worked out (``Kind/notExplained``).
    public static func notExplained(firm: String) -> UnplacedReason {
        UnplacedReason(firm: firm, kind: .notExplained,
                       message: "not placed; the reason was not worked out because the run was interrupted")
    }

    /// The firm's id.
    public var firm: String
    /// The kind of reason.
    public var kind: Kind
    /// The reason in one line, e.g. "needs 600–800 m², the largest plot open to foundry is 500 m²".
    public var message: String
    /// Supporting lines, e.g. one per group of plots ruled out for the same tests, or one per eligible plot.
    public var details: [String]
    /// The plots the reason is about (eligible plots, or for ``Kind/noEligiblePlot`` none), in scenario order.
    public var plots: [String]
    /// Other firms the reason names (the firms that took its plots or block them), in scenario order.
    public var firms: [String]

    /// Makes a reason.
    public init(firm: String, kind: Kind, message: String, details: [String] = [], plots: [String] = [],
                firms: [String] = []) {
        self.firm = firm
        self.kind = kind
        self.message = message
        self.details = details
        self.plots = plots
        self.firms = firms
    }
}
