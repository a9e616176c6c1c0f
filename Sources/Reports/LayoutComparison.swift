import Foundation
import Estate
import Allocation

/// Several layouts side by side (hand-made against optimal, phase 1 against the expansion, two weightings), with a
/// firm-by-firm diff of each against the first.
///
/// Each compared layout is an ``Entry``: a scenario with a layout that was solved (with its status, gap and time) or
/// given (a file). Every layout is verified and scored from its own scenario; a given layout that breaks rules is
/// compared all the same, with its broken rules counted. An entry without a layout (infeasible, no solution) shows
/// its status and blanks. Firms are matched across entries by id (see ``LayoutDiff``).
public struct LayoutComparison: Sendable {
    /// One compared layout.
    public struct Entry: Sendable {
        /// A short name for the column (e.g. the file's base name); made unique by ``LayoutComparison``.
        public var label: String
        /// The scenario the layout belongs to.
        public var scenario: Scenario
        /// The layout; `nil` when the solve found none.
        public var layout: Layout?
        /// Where the layout came from: `solved`, or the layout file's name.
        public var source: String
        /// `optimal`, `feasible`, `infeasible` or `no_solution` for solved entries; `given` for a layout file.
        public var status: String
        /// The relative gap of a solve stopped early (`nil` when optimal or given).
        public var gap: Double?
        /// Seconds the solve took, all phases (`nil` for a given layout).
        public var seconds: Double?
        /// What a solved entry can be traced to (input digest, version, seeds, limits, what ended the run, the
        /// lottery), or `nil` (a given layout, an entry made in code).
        public var receipt: RunReceipt? = nil
        /// The scenario file the entry was read from, when known (the HTML report prints its SHA-256, and the given
        /// layout file's).
        public var input: String? = nil

        /// The entry of a layout a ``CompareSession`` got: labelled by the scenario file's base name when solved
        /// (with its receipt), by the layout file's when given.
        public init(_ compared: ComparedLayout) {
            func base(_ path: String) -> String {
                ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            }
            switch compared {
            case .solved(let path, let outcome):
                let r = outcome.result
                self.init(label: base(path), scenario: outcome.scenario, layout: r.layout, source: "solved",
                          status: r.status.rawValue, gap: r.status == .optimal ? nil : r.gap, seconds: r.timing.total)
                receipt = RunReceipt(outcome: outcome)
            case .given(_, let scenario, let given):
                self.init(label: base(given.path), scenario: scenario, layout: given.document.layout,
                          source: given.path, status: "given")
            }
            input = compared.scenarioFile
        }

        /// Makes an entry.
        public init(label: String, scenario: Scenario, layout: Layout?, source: String, status: String,
                    gap: Double? = nil, seconds: Double? = nil) {
            self.label = label
            self.scenario = scenario
            self.layout = layout
            self.source = source
            self.status = status
            self.gap = gap
            self.seconds = seconds
        }
    }

    /// An entry with what the comparison derives from it.
    public struct Column: Sendable {
        /// The entry, its label made unique.
        public var entry: Entry
        /// The verifier's findings (`nil` without a layout).
        public var verification: VerificationReport?
        /// Key figures (`nil` without a layout).
        public var figures: KeyFigures?
        /// Why each firm of its scenario is left out (empty without a layout).
        public var unplaced: [UnplacedReason]
    }

    /// The columns, in the order given.
    public let columns: [Column]
    /// The diff of each column after the first against the first (`nil` where either has no layout), in column
    /// order: `diffs[i]` compares `columns[0]` with `columns[i + 1]`.
    public let diffs: [LayoutDiff?]

    /// Verifies, scores and diffs `entries`. Labels that repeat get ` (2)`, ` (3)`, … appended.
    public init(entries: [Entry]) {
        var seen: [String: Int] = [:]
        columns = entries.map { e in
            var entry = e
            let n = (seen[e.label] ?? 0) + 1
            seen[e.label] = n
            if n > 1 { entry.label = "\(e.label) (\(n))" }
            guard let layout = e.layout else {
                return Column(entry: entry, verification: nil, figures: nil, unplaced: [])
            }
            let effective = layout.effective(on: e.scenario)
            return Column(
                entry: entry, verification: LayoutVerifier(scenario: e.scenario).verify(layout),
                figures: KeyFigures(scenario: effective.scenario, layout: effective.layout),
                unplaced: UnplacedExplainer(scenario: e.scenario).explain(layout))
        }
        let first = columns.first
        diffs = columns.dropFirst().map { c in
            guard let a = first?.entry.layout, let b = c.entry.layout, let s0 = first?.entry.scenario else {
                return nil
            }
            return LayoutDiff(from: a, to: b, firmOrder: s0.firms.map(\.id) + c.entry.scenario.firms.map(\.id))
        }
    }

    // MARK: - Map

    /// The SVG map of the last layout on its site, marking the firms moved, added and dropped since the first
    /// (a plain map when the first has no layout, or when only one layout is compared) and the rules it breaks;
    /// `nil` when the last has no layout.
    public func map(renderer: SiteMapSVG = SiteMapSVG()) -> String? {
        guard let last = columns.last else { return nil }
        return map(of: last, renderer: renderer)
    }

    /// One map per column that has a layout, in column order: each layout on its own site with its own broken
    /// rules drawn and numbered, the columns after the first marking what changed since the first.
    ///
    /// Maps of one site (the same plot ids) share one extent, so they are drawn at one scale.
    public func maps(renderer: SiteMapSVG = SiteMapSVG()) -> [(label: String, svg: String)] {
        func site(_ c: Column) -> [String] { c.entry.scenario.site.plots.map(\.id) }
        var extents: [[String]: (x0: Double, y0: Double, x1: Double, y1: Double)] = [:]
        for c in columns {
            guard let layout = c.entry.layout else { continue }
            let e = renderer.neededExtent(scenario: c.entry.scenario, layout: layout)
            extents[site(c)] = extents[site(c)].map {
                (min($0.x0, e.x0), min($0.y0, e.y0), max($0.x1, e.x1), max($0.y1, e.y1))
            } ?? e
        }
        // Different sites (phase 1 and the expansion) share one scale too: a smaller site is drawn narrower.
        let widest = extents.values.map { $0.x1 - $0.x0 }.max() ?? 1
        return columns.compactMap { c in
            var r = renderer
            r.extent = extents[site(c)]
            if let e = r.extent, extents.count > 1 {
                r.width = r.scaledWidth(spanning: e.x1 - e.x0, of: widest)
                r.showsKey = e.x1 - e.x0 >= widest
            }
            return map(of: c, renderer: r, title: c.entry.label).map { (c.entry.label, $0) }
        }
    }

    private func map(of column: Column, renderer: SiteMapSVG, title: String? = nil) -> String? {
        guard let layout = column.entry.layout else { return nil }
        let title = title ?? "\(column.entry.label): \(column.entry.scenario.metadata.name)"
        let violations = column.verification?.violations ?? []
        if columns.count > 1, let first = columns.first, first.entry.label != column.entry.label,
           let baseline = first.entry.layout {
            let oldSite = Set(first.entry.scenario.site.plots.map(\.id))
            return renderer.renderComparison(
                scenario: column.entry.scenario, layout: layout, baseline: baseline, title: title,
                baselineLabel: first.entry.label,
                baselinePlots: oldSite == Set(column.entry.scenario.site.plots.map(\.id)) ? nil : oldSite,
                violations: violations)
        }
        return renderer.render(scenario: column.entry.scenario, layout: layout, title: title, violations: violations)
    }

    /// Whether a column's score may be ranked against the others: it has a layout and keeps every rule.
    public static func isComparable(_ c: Column) -> Bool { c.verification?.isFeasible ?? false }

    /// The score as the table shows it: a layout that breaks rules gets "(breaks N rules: not comparable)", since
    /// breaking a rule can raise a score above the optimum.
    static func scoreCell(_ c: Column) -> String? {
        guard let v = c.verification else { return nil }
        let score = ReportText.number(v.score.total)
        guard !v.isFeasible else { return score }
        let n = v.violations.count
        return "\(score) (breaks \(n) rule\(n == 1 ? "" : "s"): not comparable)"
    }

    // MARK: - Table

    /// The side-by-side table: a header row of labels, then one row per figure (first cell the figure's name).
    ///
    /// Rows: scenario, source, status, gap, score (marked "not comparable" when the layout breaks rules) and its parts, closeness by each rating that occurs, rules broken,
    /// firms and shared facilities placed, workers, turnover, land used per phase, land in plots per phase (the
    /// land-use share: every plot and cut kavling, taken or not) and power per block (the union over
    /// the scenarios, `-` where a scenario lacks one), unplaced firms (their ids when at most 6), time.
    public func table() -> [[String]] {
        let n = ReportText.number
        var rows: [[String]] = [[""] + columns.map(\.entry.label)]
        func row(_ name: String, _ cell: (Column) -> String?) {
            rows.append([name] + columns.map { cell($0) ?? "-" })
        }
        row("scenario") { $0.entry.scenario.metadata.name }
        row("source") { $0.entry.source }
        row("status") { $0.entry.status }
        row("gap") { c in c.entry.gap.map { ReportText.percent($0) } }
        row("score") { Self.scoreCell($0) }
        row("  placement") { $0.verification.map { n($0.score.placement) } }
        row("  closeness") { $0.verification.map { n($0.score.closeness) } }
        row("  relocation") { $0.verification.map { n($0.score.relocation) } }
        let letters = Set(columns.flatMap { $0.verification?.score.closenessByRating.keys.map { $0 } ?? [] })
        for rating in ClosenessRating.allCases where letters.contains(rating.rawValue) {
            row("  closeness \(rating.rawValue)") { c in
                c.verification.map { n($0.score.closenessByRating[rating.rawValue] ?? 0) }
            }
        }
        row("rules broken") { $0.verification.map { String($0.violations.count) } }
        row("firms placed") { $0.figures.map { "\($0.firmsPlaced) of \($0.firms)" } }
        if columns.contains(where: { ($0.figures?.facilities ?? 0) > 0 }) {
            row("facilities placed") { $0.figures.map { "\($0.facilitiesPlaced) of \($0.facilities)" } }
        }
        row("workers") { $0.figures.map { String($0.workers) } }
        row("turnover (Rp bn/yr)") { $0.figures.map { ReportText.billions($0.turnover) } }
        for phase in union(columns.map { $0.entry.scenario.site.phases.map(\.id) }) {
            row("land \(phase)") { c in
                c.figures?.phases.first { $0.phase == phase }.map { p in
                    "\(p.plotsUsed)/\(p.plots) plots, \(p.usedPlotArea.formatted0) m²"
                        + (p.phaseArea > 0 ? " (\(ReportText.percent(p.usedPlotArea / p.phaseArea)))" : "")
                }
            }
        }
        // The land-use share (the rule's measure): all plots and cut kavlings of the phase, taken or not.
        for phase in union(columns.map { $0.entry.scenario.site.phases.map(\.id) }) {
            row("plot land \(phase)") { c in
                c.figures?.phases.first { $0.phase == phase }.map { p in
                    "\(p.plotArea.formatted0) m²" + (p.phaseArea > 0 ? " (\(ReportText.percent(p.plotArea / p.phaseArea)))" : "")
                }
            }
        }
        for block in union(columns.map { $0.entry.scenario.site.powerBlocks.map(\.id) }) {
            row("power \(block) (kVA)") { c in
                c.figures?.powerBlocks.first { $0.block == block }.map { "\($0.used.formatted0)/\($0.capacity.formatted0)" }
            }
        }
        row("unplaced") { c in
            guard c.entry.layout != nil else { return nil }
            if c.unplaced.isEmpty { return "none" }
            if c.unplaced.count > 6 { return "\(c.unplaced.count) (listed below)" }
            return "\(c.unplaced.count): " + c.unplaced.map(\.firm).joined(separator: " ")
        }
        row("time") { $0.entry.seconds.map(ReportText.seconds) }
        return rows
    }

    private func union(_ lists: [[String]]) -> [String] {
        var seen = Set<String>()
        return lists.flatMap { $0 }.filter { seen.insert($0).inserted }
    }

    // MARK: - Text

    /// The text report: the table, the broken rules of each layout, the diff of each layout against the first,
    /// then the unplaced firms of each layout with reasons (the longest part, last). Ends with a newline.
    public func text() -> String {
        var out = ["Comparison of \(columns.count) layouts"] + ReportText.table(table())
        for c in columns {
            guard let v = c.verification, !v.isFeasible else { continue }
            out.append("")
            out.append("Rules broken in \(c.entry.label) (its score is not comparable with the others):")
            for (i, violation) in v.violations.enumerated() {
                out.append("  \(i + 1). \(violation.rule.rawValue): \(violation.message)")
            }
        }
        for (i, diff) in diffs.enumerated() {
            out.append("")
            out += diffLines(from: columns[0], to: columns[i + 1], diff: diff)
        }
        for c in columns where !c.unplaced.isEmpty {
            out.append("")
            out.append("Unplaced in \(c.entry.label):")
            for u in c.unplaced { out.append("  \(u.firm): \(u.message)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The diff section between two columns.
    func diffLines(from a: Column, to b: Column, diff: LayoutDiff?) -> [String] {
        var out = ["Changes from \(a.entry.label) to \(b.entry.label):"]
        guard let diff else {
            out.append("  (no layout to compare: \(a.entry.label) is \(a.entry.status), \(b.entry.label) is "
                + "\(b.entry.status))")
            return out
        }
        let firmsA = Dictionary(a.entry.scenario.firms.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let firmsB = Dictionary(b.entry.scenario.firms.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let reasonB = Dictionary(b.unplaced.map { ($0.firm, $0.message) }, uniquingKeysWith: { x, _ in x })
        func name(_ id: String) -> String {
            guard let f = firmsB[id] ?? firmsA[id] else { return id }
            return "\(id) (\(f.sector)\(f.isIncumbent ? ", incumbent" : ""))"
        }
        let added = diff.entries(.added), dropped = diff.entries(.dropped)
        let moved = diff.entries(.moved), same = diff.entries(.unchanged)
        out.append("  placed only in \(b.entry.label): \(added.count)")
        for e in added {
            let note = firmsA[e.firm] == nil ? "; not in \(a.entry.label)'s scenario" : ""
            out.append("    + \(name(e.firm)) on \(e.to ?? "?")\(note)")
        }
        out.append("  placed only in \(a.entry.label): \(dropped.count)")
        for e in dropped {
            var note = ""
            if firmsB[e.firm] == nil {
                note = "; not in \(b.entry.label)'s scenario"
            } else if let r = reasonB[e.firm] {
                note = "; in \(b.entry.label): \(r)"
            }
            out.append("    - \(name(e.firm)) from \(e.from ?? "?")\(note)")
        }
        out.append("  moved: \(moved.count)")
        for e in moved { out.append("    ~ \(name(e.firm)): \(e.from ?? "?") -> \(e.to ?? "?")") }
        func isIncumbent(_ id: String) -> Bool { (firmsB[id] ?? firmsA[id])?.isIncumbent == true }
        out.append("  unchanged: \(same.count)" + (same.isEmpty ? "" : " (" + same.map {
            "\($0.firm) \($0.to ?? "")" + (isIncumbent($0.firm) ? " incumbent" : "")
        }.joined(separator: ", ") + ")"))
        return out
    }

    // MARK: - JSON

    /// The JSON report: `columns` (each with `label`, `scenario`, `source`, `status`, `gap`, `seconds`,
    /// `objective`, `score` as in `solve --json`, `violations` [{rule, message}], `key_figures`, `assignments`,
    /// `unplaced` [{firm, kind, reason}], and for a solved layout `receipt` as in `solve --json`) and `diffs` (each `from`, `to` labels and `added` [{firm, plot}],
    /// `dropped` [{firm, plot}], `moved` [{firm, from, to}], `unchanged` [{firm, plot}]; `null` lists when a side
    /// has no layout). Ends with a newline.
    public func json() -> String {
        ReportText.json(JSONDocument(comparison: self))
    }

    private struct JSONDocument: Encodable {
        struct Broken: Encodable { var rule, message: String }
        /// `incumbent` is true for a firm that holds a plot today (in the later scenario, else the earlier one).
        struct Pair: Encodable { var firm, plot: String; var incumbent: Bool }
        struct Move: Encodable { var firm, from, to: String; var incumbent: Bool }
        struct Unplaced: Encodable { var firm, kind, reason: String }
        struct Col: Encodable {
            var label, scenario, source, status: String
            var gap, seconds, objective: Double?
            var score: SolveJSONReport.Score?
            var violations: [Broken]?
            var key_figures: KeyFigures?
            var assignments: [Pair]?
            var unplaced: [Unplaced]?
            var receipt: RunReceipt?

            func encode(to encoder: any Encoder) throws {
                enum K: String, CodingKey {
                    case label, scenario, source, status, gap, seconds, objective, score, violations, key_figures
                    case assignments, unplaced, receipt
                }
                var c = encoder.container(keyedBy: K.self)
                try c.encode(label, forKey: .label)
                try c.encode(scenario, forKey: .scenario)
                try c.encode(source, forKey: .source)
                try c.encode(status, forKey: .status)
                try c.encode(gap, forKey: .gap)
                try c.encode(seconds, forKey: .seconds)
                try c.encode(objective, forKey: .objective)
                try c.encode(score, forKey: .score)
                try c.encode(violations, forKey: .violations)
                try c.encode(key_figures, forKey: .key_figures)
                try c.encode(assignments, forKey: .assignments)
                try c.encode(unplaced, forKey: .unplaced)
                try c.encodeIfPresent(receipt, forKey: .receipt)
            }
        }
        struct Diff: Encodable {
            var from, to: String
            var added, dropped, unchanged: [Pair]?
            var moved: [Move]?

            func encode(to encoder: any Encoder) throws {
                enum K: String, CodingKey { case from, to, added, dropped, moved, unchanged }
                var c = encoder.container(keyedBy: K.self)
                try c.encode(from, forKey: .from)
                try c.encode(to, forKey: .to)
                try c.encode(added, forKey: .added)
                try c.encode(dropped, forKey: .dropped)
                try c.encode(moved, forKey: .moved)
                try c.encode(unchanged, forKey: .unchanged)
            }
        }
        var columns: [Col]
        var diffs: [Diff]

        init(comparison: LayoutComparison) {
            columns = comparison.columns.map { c in
                let order = Dictionary(c.entry.scenario.firms.enumerated().map { ($1.id, $0) },
                                       uniquingKeysWith: { a, _ in a })
                let incumbents = Set(c.entry.scenario.firms.filter(\.isIncumbent).map(\.id))
                return Col(
                    label: c.entry.label, scenario: c.entry.scenario.metadata.name, source: c.entry.source,
                    status: c.entry.status, gap: c.entry.gap, seconds: c.entry.seconds,
                    objective: ReportJSON.rounded(c.verification?.score.total),
                    score: c.verification.map { ReportJSON.score($0.score) },
                    violations: c.verification?.violations.map { Broken(rule: $0.rule.rawValue, message: $0.message) },
                    key_figures: c.figures,
                    assignments: c.entry.layout.map { l in
                        l.assignments.sorted { (order[$0.key] ?? .max, $0.key) < (order[$1.key] ?? .max, $1.key) }
                            .map { Pair(firm: $0.key, plot: $0.value, incumbent: incumbents.contains($0.key)) }
                    },
                    unplaced: c.entry.layout == nil ? nil
                        : c.unplaced.map { Unplaced(firm: $0.firm, kind: $0.kind.rawValue, reason: $0.message) },
                    receipt: c.entry.receipt)
            }
            diffs = comparison.diffs.enumerated().map { i, d in
                let from = comparison.columns[0].entry.label, to = comparison.columns[i + 1].entry.label
                guard let d else { return Diff(from: from, to: to) }
                let incumbents = Set((comparison.columns[0].entry.scenario.firms
                    + comparison.columns[i + 1].entry.scenario.firms).filter(\.isIncumbent).map(\.id))
                func pair(_ firm: String, _ plot: String?) -> Pair {
                    Pair(firm: firm, plot: plot ?? "", incumbent: incumbents.contains(firm))
                }
                return Diff(
                    from: from, to: to,
                    added: d.entries(.added).map { pair($0.firm, $0.to) },
                    dropped: d.entries(.dropped).map { pair($0.firm, $0.from) },
                    unchanged: d.entries(.unchanged).map { pair($0.firm, $0.to) },
                    moved: d.entries(.moved).map {
                        Move(firm: $0.firm, from: $0.from ?? "", to: $0.to ?? "",
                             incumbent: incumbents.contains($0.firm))
                    })
            }
        }
    }
}
