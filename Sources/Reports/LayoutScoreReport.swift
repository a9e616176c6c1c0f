import Foundation
import Estate
import Allocation

/// What `plotalloc score` reports for any layout: its score by part and by rating, every rule it breaks in plain
/// terms, the unplaced firms with reasons and the key figures.
///
/// The layout is scored, never rejected: a hand-made layout that breaks rules gets its score and the list of broken
/// rules (from ``LayoutVerifier``). Ids the scenario lacks are reported (with the layout file's line when known) and
/// left out of the score. For a layout `solve` wrote, ``objective`` equals `solve`'s objective.
public struct LayoutScoreReport: Sendable {
    /// The scenario.
    public let scenario: Scenario
    /// The layout scored.
    public let layout: Layout
    /// The verifier's findings: violations and score.
    public let verification: VerificationReport
    /// Reasons for the scenario firms the layout leaves out, in scenario order.
    public let unplaced: [UnplacedReason]
    /// The layout's key figures.
    public let figures: KeyFigures
    /// Where the layout came from (a file name), for the report's header.
    public let source: String?
    /// The line of each firm in the layout file, to point at unknown ids.
    public let lines: [String: Int]

    /// Scores `layout` on `scenario`; `source` and `lines` (firm → line in the file) locate it for messages.
    public init(scenario: Scenario, layout: Layout, source: String? = nil, lines: [String: Int] = [:]) {
        self.scenario = scenario
        self.layout = layout
        self.source = source
        self.lines = lines
        verification = LayoutVerifier(scenario: scenario).verify(layout)
        let effective = layout.effective(on: scenario)
        unplaced = UnplacedExplainer(scenario: effective.scenario).explain(effective.layout)
        figures = KeyFigures(scenario: effective.scenario, layout: effective.layout)
    }

    /// Scores the layout a ``ScoreSession`` read, located by its file.
    public init(outcome: ScoreOutcome) {
        self.init(scenario: outcome.scenario, layout: outcome.layout, source: outcome.given.path,
                  lines: outcome.given.document.lines)
    }

    /// The score: placement + closeness − relocation, as the verifier recomputes it.
    public var objective: Double { verification.score.total }

    /// A violation's message, with `file:line` appended for ids the scenario lacks when the line is known.
    public func message(_ v: Violation) -> String {
        guard v.rule == .unknownFirm || v.rule == .unknownPlot, let source, let firm = v.firms.first,
              let line = lines[firm]
        else { return v.message }
        return v.message + " (\(source):\(line))"
    }

    /// The text report, ending with a newline.
    public func text() -> String {
        var out: [String] = ["Scenario: \(scenario.metadata.name)"]
        if let source { out.append("Layout: \(source)") }
        let v = verification.violations
        if v.isEmpty {
            out.append("Feasible: yes, the layout keeps every rule")
        } else {
            out.append("Feasible: no, the layout breaks \(v.count) rule\(v.count == 1 ? "" : "s") (scored anyway)")
        }
        out.append("Score: " + ReportText.score(verification.score))
        out.append("  closeness by rating: " + ReportText.byRating(verification.score.closenessByRating))
        let cut = CutPlanText.lines(scenario: scenario, layout: layout)
        if !cut.isEmpty {
            out.append("")
            out += cut
        }
        if !v.isEmpty {
            out.append("")
            out.append("Rules broken:")
            for violation in v { out.append("  \(violation.rule.rawValue): \(message(violation))") }
        }
        out.append("")
        if unplaced.isEmpty {
            out.append("Unplaced firms: none")
        } else {
            out.append("Unplaced firms: \(unplaced.count)")
            for u in unplaced { out.append("  \(u.firm): \(u.message)") }
        }
        out.append("")
        out += Self.figureLines(figures)
        return out.joined(separator: "\n") + "\n"
    }

    /// The key figures as text lines (as `solve` prints them).
    static func figureLines(_ k: KeyFigures) -> [String] {
        var out = ["Key figures:"]
        var placed = "  firms placed: \(k.firmsPlaced) of \(k.firms)"
        if k.facilities > 0 { placed += "; shared facilities: \(k.facilitiesPlaced) of \(k.facilities)" }
        out.append(placed)
        out.append("  workers: \(k.workers); turnover: Rp \(ReportText.billions(k.turnover)) billion a year")
        for p in k.phases {
            let share = p.phaseArea > 0 ? p.usedPlotArea / p.phaseArea : 0
            out.append("  land use \(p.phase): \(p.plotsUsed) of \(p.plots) plots, \(p.usedPlotArea.formatted0) of "
                + "\(p.plotArea.formatted0) m² of plots used (\(ReportText.percent(share)) of the phase's "
                + "\(p.phaseArea.formatted0) m²)")
        }
        for b in k.powerBlocks {
            out.append("  power \(b.block): \(b.used.formatted0) of \(b.capacity.formatted0) kVA")
        }
        return out
    }

    /// The JSON report: `scenario`, `layout_file`, `feasible`, `objective`, `score` (`placement`, `closeness`,
    /// `relocation`, `total`, `closeness_by_rating`, as `solve --json`), `violations` (`rule`, `message`, `firms`,
    /// `plots`), `assignments`, `unplaced` (`firm`, `kind`, `reason`) and `key_figures`. Ends with a newline.
    public func json() -> String {
        let order = Dictionary(scenario.firms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let s = verification.score
        let doc = JSONDocument(
            scenario: scenario.metadata.name, layout_file: source, feasible: verification.isFeasible,
            objective: ReportJSON.rounded(s.total),
            score: ReportJSON.score(s),
            violations: verification.violations.map {
                .init(rule: $0.rule.rawValue, message: message($0), firms: $0.firms, plots: $0.plots)
            },
            assignments: layout.assignments
                .sorted { (order[$0.key] ?? .max, $0.key) < (order[$1.key] ?? .max, $1.key) }
                .map { .init(firm: $0.key, plot: $0.value) },
            sites: layout.sites.isEmpty ? nil : layout.sites.map { CutSiteJSON($0, scenario: scenario) },
            unplaced: unplaced.map { .init(firm: $0.firm, kind: $0.kind.rawValue, reason: $0.message) },
            key_figures: figures)
        return ReportText.json(doc)
    }

    private struct JSONDocument: Encodable {
        struct Broken: Encodable { var rule, message: String; var firms, plots: [String] }
        struct Assignment: Encodable { var firm, plot: String }
        struct Unplaced: Encodable { var firm, kind, reason: String }
        var scenario: String
        var layout_file: String?
        var feasible: Bool
        var objective: Double
        var score: SolveJSONReport.Score
        var violations: [Broken]
        var assignments: [Assignment]
        var sites: [CutSiteJSON]?
        var unplaced: [Unplaced]
        var key_figures: KeyFigures

        func encode(to encoder: any Encoder) throws {
            enum K: String, CodingKey {
                case scenario, layout_file, feasible, objective, score, violations, assignments, sites, unplaced, key_figures
            }
            var c = encoder.container(keyedBy: K.self)
            try c.encode(scenario, forKey: .scenario)
            try c.encode(layout_file, forKey: .layout_file)
            try c.encode(feasible, forKey: .feasible)
            try c.encode(objective, forKey: .objective)
            try c.encode(score, forKey: .score)
            try c.encode(violations, forKey: .violations)
            try c.encode(assignments, forKey: .assignments)
            try c.encodeIfPresent(sites, forKey: .sites)
            try c.encode(unplaced, forKey: .unplaced)
            try c.encode(key_figures, forKey: .key_figures)
        }
    }
}
