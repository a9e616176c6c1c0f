import Foundation
import Estate
import Allocation

/// Renders a ``WhyNotExplanation`` as the text `plotalloc solve --explain FIRM` prints.
///
/// For a firm that could be placed: where, the score before and after with each part's change, and the firms
/// displaced, moved or joining. Otherwise: already placed, no eligible plot (with the reason), or why requiring it
/// is infeasible.
public struct WhyNotTextReport: Sendable {
    private let scenario: Scenario
    private let explanation: WhyNotExplanation

    /// Prepares the report.
    public init(scenario: Scenario, explanation: WhyNotExplanation) {
        self.scenario = scenario
        self.explanation = explanation
    }

    /// The report, ending with a newline.
    public func render() -> String {
        let id = explanation.firm
        var out = ["Why not \(label(id))?"]
        switch explanation.outcome {
        case .alreadyPlaced(let plot):
            out.append("  \(id) is already placed, on \(plot).")
        case .noEligiblePlot(let reason):
            out.append("  \(id) has no plot it may take: \(reason.message).")
            for d in reason.details { out.append("    \(d)") }
        case .undecided(let why):
            out.append("  No answer: \(why).")
        case .scenarioInfeasible(let d):
            out.append("  The scenario itself has no feasible layout.")
            out += InfeasibilityTextReport(diagnosis: d, indent: 2).lines()
        case .infeasibleWhenRequired(let d):
            out.append("  \(id) cannot be placed: requiring it leaves no feasible layout.")
            out += InfeasibilityTextReport(diagnosis: d, indent: 2).lines()
        case .wouldBePlaced(let c):
            out.append("  Requiring \(id) places it on \(c.plot)" + (c.isProven ? "." : " (best layouts found, not proven optimal)."))
            out.append("  Score: \(fmt(c.before.total)) -> \(fmt(c.after.total)) (\(signed(c.scoreChange)))")
            out.append("    placement \(signed(c.placementChange)), closeness \(signed(c.closenessChange)), "
                + "relocation \(signed(c.relocationChange))")
            let letters = Set(c.before.closenessByRating.keys).union(c.after.closenessByRating.keys).sorted()
            let byRating = letters.compactMap { l -> String? in
                let d = (c.after.closenessByRating[l] ?? 0) - (c.before.closenessByRating[l] ?? 0)
                return abs(d) < 1e-9 ? nil : "\(l) \(signed(d))"
            }
            if !byRating.isEmpty { out.append("    closeness by rating: " + byRating.joined(separator: ", ")) }
            out.append(c.displaced.isEmpty ? "  Displaced: none"
                : "  Displaced: " + c.displaced.map { "\(label($0.firm)) from \($0.plot)" }.joined(separator: ", "))
            out.append(c.moved.isEmpty ? "  Moved: none"
                : "  Moved: " + c.moved.map { "\(label($0.firm)) \($0.from) -> \($0.to)" }.joined(separator: ", "))
            if !c.joined.isEmpty {
                out.append("  Joining: " + c.joined.map { "\(label($0.firm)) on \($0.plot)" }.joined(separator: ", "))
            }
            if c.isLeastDisruptive {
                out.append("  (of the layouts with this score, the one keeping the most current assignments)")
            } else {
                out.append("  (other layouts with this score may displace or move fewer firms)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func label(_ id: String) -> String {
        guard let f = scenario.firms.first(where: { $0.id == id }) else { return id }
        return "\(id) (\(f.sector))"
    }

    private func fmt(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.2f", x)
    }

    private func signed(_ x: Double) -> String {
        let v = abs(x) < 1e-9 ? 0 : x
        return v > 0 ? "+\(fmt(v))" : (v < 0 ? "-\(fmt(-v))" : "0")
    }
}
