/// One rule a layout breaks, in a planner's terms, with the firms and plots it concerns.
///
/// Produced by ``LayoutVerifier``; the `message` is a complete sentence fragment a planner can read on its own,
/// e.g. "F12 (plating) and F31 (assembly) are X-rated and 18 m apart; the minimum is 40 m". `firms` and `plots` list
/// the ids involved, in scenario order (ids not in the scenario last, sorted), so reports can highlight them.
public struct Violation: Sendable, Hashable, Codable {
    /// The rule of the layout's meaning (issue 4) that is broken, by its snake_case name as used in JSON.
    ///
    /// The names are the two of unresolved ids (``unknownFirm``, ``unknownPlot``) followed by each catalogue
    /// kind's ``RuleKind/violationNames`` in catalogue order: a new rule kind brings its own names.
    public struct Rule: RawRepresentable, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// The snake_case name.
        public let rawValue: String

        /// The rule named `rawValue`; `nil` for a name no rule has.
        public init?(rawValue: String) {
            guard Self.allCases.contains(where: { $0.rawValue == rawValue }) else { return nil }
            self.rawValue = rawValue
        }

        private init(_ name: String) { rawValue = name }

        /// The first (for incumbents: the placement) violation of catalogue kind `kind`.
        public init(_ kind: RuleKind) { rawValue = kind.violationNames[0] }

        /// Every rule, in report order.
        public static var allCases: [Rule] {
            [unknownFirm, unknownPlot] + RuleKind.allCases.flatMap { $0.violationNames.map(Rule.init(_:)) }
        }

        public var description: String { rawValue }

        /// The layout names a firm id the scenario does not have.
        public static let unknownFirm = Rule("unknown_firm")
        /// The layout names a plot id the scenario does not have.
        public static let unknownPlot = Rule("unknown_plot")
        /// More than one firm is on one plot.
        public static let plotShared = Rule("plot_shared")
        /// A firm is on a plot it may not take (area, zone, frontage or rent; see ``Eligibility``).
        public static let ineligible = Rule("ineligible")
        /// A required firm is not placed.
        public static let requiredUnplaced = Rule("required_unplaced")
        /// An incumbent is not placed.
        public static let incumbentUnplaced = Rule("incumbent_unplaced")
        /// Under the fixed incumbent policy, an incumbent is on a plot other than its own.
        public static let incumbentMoved = Rule("incumbent_moved")
        /// The firms on a power block's plots need more than its capacity.
        public static let power = Rule(.power)
        /// Two X-rated firms are closer than the separation distance.
        public static let separation = Rule(.separation)
        /// A quota's minimum count or minimum share is not met.
        public static let quota = Rule(.quotas)
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
