/// An allocation: which firm is on which plot. Each firm has at most one plot; the verifier checks that each plot
/// has at most one firm and every other rule.
///
/// A layout may come from the solver, from a file a planner typed, or from a heuristic; it is only ever trusted
/// after ``LayoutVerifier`` has checked it against the scenario.
public struct Layout: Sendable, Hashable, Codable {
    /// Firm id → plot id.
    public var assignments: [String: String]

    /// Makes a layout from firm → plot pairs.
    public init(assignments: [String: String] = [:]) {
        self.assignments = assignments
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
