import Foundation
import Estate
import Allocation

/// Renders an ``AlternativeLayoutSet`` as the text `plotalloc solve --alternatives K` prints after the layout.
///
/// A headline (how many layouts, the floor, why the search stopped), one line per layout (score by part and what
/// differs from the first), the firm-by-plot frequency table (firms never placed summarised in one line), the
/// robust core and the firms on the same plot in all.
public struct AlternativeLayoutsTextReport: Sendable {
    private let scenario: Scenario
    private let set: AlternativeLayoutSet

    /// Prepares the report.
    public init(scenario: Scenario, set: AlternativeLayoutSet) {
        self.scenario = scenario
        self.set = set
    }

    /// The report, ending with a newline.
    public func render() -> String {
        let n = set.layouts.count
        let of = set.referenceIsOptimal ? "the optimum" : "the best score found (not proven optimal)"
        var out = ["Alternatives: \(n) of \(set.requested) layout\(set.requested == 1 ? "" : "s") within "
            + "\(ReportText.percent(set.within)) of \(of) \(num(set.reference)) (score at least \(num(set.floor)))"]
        out.append("  stopped: " + stopText)
        let first = set.layouts.first?.layout ?? Layout()
        var rows = [["#", "score", "placement", "closeness", "relocation", "differs from #1"]]
        for (i, e) in set.layouts.enumerated() {
            let s = e.score
            rows.append(["\(i + 1)", num(s.total) + (e.isProvenNext || i == 0 ? "" : "*"), num(s.placement),
                         num(s.closeness), num(s.relocation), i == 0 ? "-" : differences(e.layout, from: first)])
        }
        out += ReportText.table(rows)
        if set.layouts.dropFirst().contains(where: { !$0.isProvenNext }) {
            out.append("  * found when a solve stopped at its limit: a better layout may lie between it and the one before")
        }
        out.append("")
        out.append("Where each firm lands (in how many of the \(n) layouts):")
        let firmByID = Dictionary(scenario.firms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var table = [["firm", "sector", "placed", "plots"]]
        for f in set.frequencies where f.placed > 0 {
            table.append([f.firm, firmByID[f.firm]?.sector ?? "", "\(f.placed)/\(n)",
                          f.plots.map { "\($0.plot) ×\($0.count)" }.joined(separator: ", ")])
        }
        out += ReportText.table(table)
        let never = set.neverPlaced
        if !never.isEmpty { out.append("  placed in none: " + never.joined(separator: ", ")) }
        out.append("")
        let core = set.robustCore
        out.append("Robust core (placed in all \(n)): " + (core.isEmpty ? "none" : core.joined(separator: ", ")))
        let same = set.samePlotInAll
        out.append("Same plot in all \(n): "
            + (same.isEmpty ? "none" : same.map { "\($0.firm) (\($0.plot))" }.joined(separator: ", ")))
        out.append("(\(set.solves) GLPK solve\(set.solves == 1 ? "" : "s") with no-good cuts, \(ReportText.seconds(set.seconds)))")
        return out.joined(separator: "\n") + "\n"
    }

    private var stopText: String {
        switch set.stop {
        case .found: "found all \(set.requested) asked for"
        case .exhausted: "no other layout scores at least \(num(set.floor)) (proven by GLPK)"
        case .timeLimit: "the time limit ran out before the next layout was found or ruled out"
        case .interrupted: "interrupted (Ctrl-C)"
        }
    }

    /// "F4 P1→P4, F7 joins on P1, F5 leaves P6", in scenario firm order; the first five and a count when more
    /// than six firms differ.
    private func differences(_ layout: Layout, from base: Layout) -> String {
        var parts: [String] = []
        for f in scenario.firms {
            switch (base.plot(of: f.id), layout.plot(of: f.id)) {
            case (let a?, let b?) where a != b: parts.append("\(f.id) \(a)→\(b)")
            case (nil, let b?): parts.append("\(f.id) joins on \(b)")
            case (let a?, nil): parts.append("\(f.id) leaves \(a)")
            default: break
            }
        }
        if parts.count > 6 { return parts.prefix(5).joined(separator: ", ") + " and \(parts.count - 5) more" }
        return parts.isEmpty ? "same" : parts.joined(separator: ", ")
    }

    private func num(_ x: Double) -> String { ReportText.number(x) }
}
