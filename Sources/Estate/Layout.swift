/// An allocation: which firm is on which plot. Each firm has at most one plot; the verifier checks that each plot
/// has at most one firm and every other rule.
///
/// A layout may come from the solver, from a file a planner typed, or from a heuristic; it is only ever trusted
/// after ``LayoutVerifier`` has checked it against the scenario.
public struct Layout: Sendable, Hashable, Codable {
    /// Firm id → plot id.
    public var assignments: [String: String]
    /// The sites the layout makes from the scenario's land (kavlings cut from raw blocks, runs of merged plots), in
    /// the order given; empty for a layout of pre-cut plots only. Assignments name them by ``DerivedSite/id``, and the
    /// verifier checks them against the scenario before the other rules (on ``Scenario/applying(_:)``). A kavling
    /// may be cut and left empty (it still counts as plot land).
    public var sites: [DerivedSite]

    /// Makes a layout from firm → plot pairs and the derived sites they may name.
    public init(assignments: [String: String] = [:], sites: [DerivedSite] = []) {
        self.assignments = assignments
        self.sites = sites
    }

    enum CodingKeys: String, CodingKey { case assignments, sites }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        assignments = try c.decode([String: String].self, forKey: .assignments)
        sites = try c.decodeIfPresent([DerivedSite].self, forKey: .sites) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(assignments, forKey: .assignments)
        if !sites.isEmpty { try c.encode(sites, forKey: .sites) }
    }

    /// The plot of `firmID`, or `nil` when it is not placed.
    public func plot(of firmID: String) -> String? { assignments[firmID] }

    /// Plot id → firm ids placed on it (more than one only in an invalid layout).
    public var firmsByPlot: [String: [String]] {
        var map: [String: [String]] = [:]
        for (firm, plot) in assignments.sorted(by: { $0.key < $1.key }) { map[plot, default: []].append(firm) }
        return map
    }
}
