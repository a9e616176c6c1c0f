import Foundation
import Estate
import Allocation

/// One self-contained HTML page per report: inline CSS and the inline SVG map, no scripts, fonts or other files, so
/// it opens offline and can be mailed as one attachment.
///
/// Three pages: ``solve(scenario:result:unplaced:)`` (summary, status and timing, map, layout, unplaced firms with
/// reasons, score by rating, key figures), ``comparison(_:)`` (side-by-side table, comparison map, diffs, unplaced
/// firms and broken rules per layout) and ``score(_:)`` (a given layout's score, broken rules, map). Every text from
/// the scenario or a file is escaped with ``XMLText``. Never fails; a result without a layout gives a page without
/// map or tables, saying why.
public enum HTMLReport {
    /// The page for one allocation run, as `solve --html` writes it.
    ///
    /// `diagnosis` (for an infeasible result) adds a "Why infeasible" section with each conflict; `explanation`
    /// (`solve --explain`) adds the answer to "why not this firm?"; `alternatives` (`solve --alternatives`) the
    /// near-optimal layouts and where each firm lands across them.
    public static func solve(scenario: Scenario, result: AllocationResult, unplaced: [UnplacedReason],
                             diagnosis: InfeasibilityDiagnosis? = nil, explanation: WhyNotExplanation? = nil,
                             alternatives: AlternativeLayoutSet? = nil, renderer: SiteMapSVG = SiteMapSVG()) -> String {
        let name = scenario.metadata.name
        var body = "<h1>\(e(name))</h1>\n"
        if !scenario.metadata.description.isEmpty { body += "<p class=\"lead\">\(e(scenario.metadata.description))</p>\n" }
        body += "<section><h2>Summary</h2>\n" + statusBadge(result.status.rawValue)
        var summary: [[String]] = [
            ["status", result.status.rawValue + (result.termination == .optimal ? " (proven)" : "")],
            ["solver stopped", result.termination.rawValue],
        ]
        if let o = result.objective { summary.append(["score", ReportText.number(o)]) }
        if result.status == .feasible {
            summary.append(["bound", result.bound.map(ReportText.number) ?? "unknown"])
            summary.append(["gap", result.gap.map { ReportText.percent($0) } ?? "unknown"])
        }
        if let s = result.report?.score {
            summary.append(["placement + closeness − relocation",
                            "\(ReportText.number(s.placement)) + \(ReportText.number(s.closeness)) − "
                                + "\(ReportText.number(s.relocation))"])
            summary.append(["closeness by rating", ReportText.byRating(s.closenessByRating)])
        }
        if let layout = result.layout {
            let k = KeyFigures(scenario: scenario, layout: layout)
            summary.append(["firms placed", "\(k.firmsPlaced) of \(k.firms)"
                + (k.facilities > 0 ? "; shared facilities \(k.facilitiesPlaced) of \(k.facilities)" : "")])
            summary.append(["workers housed", String(k.workers)])
            summary.append(["turnover housed", "Rp \(ReportText.billions(k.turnover)) billion a year"])
        }
        summary.append(["verified", result.report.map { $0.isFeasible ? "yes, every rule holds" : "NO" } ?? "-"])
        body += keyValueTable(summary)
        for c in result.structuralConflicts { body += "<p class=\"bad\">conflict: \(e(c))</p>\n" }
        body += "</section>\n"
        if let layout = result.layout {
            body += mapSection(renderer.render(scenario: scenario, layout: layout))
            body += layoutSection(scenario: scenario, layout: layout)
            body += unplacedSection(unplaced)
            body += figuresSection(KeyFigures(scenario: scenario, layout: layout))
        } else {
            body += "<section><h2>Layout</h2><p>No layout: the scenario is \(e(result.status.rawValue)).</p></section>\n"
        }
        if let diagnosis { body += diagnosisSection(diagnosis) }
        if let alternatives {
            let text = AlternativeLayoutsTextReport(scenario: scenario, set: alternatives).render()
            body += "<section><h2>Alternative layouts</h2>\n<pre>\(e(text))</pre></section>\n"
        }
        if let explanation {
            let text = WhyNotTextReport(scenario: scenario, explanation: explanation).render()
            body += "<section><h2>Why not \(e(explanation.firm))?</h2>\n<pre>\(e(text))</pre></section>\n"
        }
        let t = result.timing, m = result.modelSize
        body += "<section><h2>Solve</h2>\n" + keyValueTable([
            ["time: load", ReportText.seconds(t.load)], ["time: formulate", ReportText.seconds(t.formulate)],
            ["time: heuristic", ReportText.seconds(t.heuristic)], ["time: solve", ReportText.seconds(t.solve)],
            ["time: verify", ReportText.seconds(t.verify)], ["time: total", ReportText.seconds(t.total)],
            ["model", "\(m.variables) variables (\(m.binaries) binary), \(m.constraints) constraints, "
                + "\(m.nonzeros) non-zeros"],
            ["branch-and-bound nodes", String(result.nodes)],
            ["GLPK status", result.rawStatus],
        ]) + "</section>\n"
        return page(title: "plotalloc: \(name)", body: body)
    }

    /// The page for a comparison, as `compare --html` writes it.
    public static func comparison(_ c: LayoutComparison, renderer: SiteMapSVG = SiteMapSVG()) -> String {
        var body = "<h1>Comparison of \(c.columns.count) layouts</h1>\n"
        body += "<section><h2>Side by side</h2>\n" + table(c.table(), firstColumnIsHeader: true) + "</section>\n"
        if let map = c.map(renderer: renderer) { body += mapSection(map) }
        for (i, diff) in c.diffs.enumerated() {
            let a = c.columns[0], b = c.columns[i + 1]
            body += "<section><h2>Changes from \(e(a.entry.label)) to \(e(b.entry.label))</h2>\n"
            guard let diff else {
                body += "<p>No layout to compare: \(e(a.entry.label)) is \(e(a.entry.status)), "
                    + "\(e(b.entry.label)) is \(e(b.entry.status)).</p></section>\n"
                continue
            }
            var rows: [[String]] = [["change", "firm", "from", "to"]]
            for entry in diff.entries where entry.change != .unchanged {
                rows.append([entry.change.rawValue, entry.firm, entry.from ?? "", entry.to ?? ""])
            }
            body += rows.count > 1 ? table(rows) : "<p>No firm added, dropped or moved.</p>\n"
            let same = diff.entries(.unchanged)
            body += "<p>Unchanged: \(same.count)" + (same.isEmpty ? "" : " (" + e(same.map { "\($0.firm) \($0.to ?? "")" }
                .joined(separator: ", ")) + ")") + ".</p></section>\n"
        }
        for column in c.columns where column.entry.layout != nil {
            body += unplacedSection(column.unplaced, title: "Unplaced in \(column.entry.label)")
            if let v = column.verification, !v.isFeasible {
                body += violationsSection(v.violations, title: "Rules broken in \(column.entry.label)")
            }
        }
        return page(title: "plotalloc: comparison", body: body)
    }

    /// The page for a given layout's score, as `score` would write it.
    public static func score(_ r: LayoutScoreReport, renderer: SiteMapSVG = SiteMapSVG()) -> String {
        let s = r.verification.score
        var body = "<h1>\(e(r.scenario.metadata.name))</h1>\n"
        body += "<section><h2>Summary</h2>\n" + statusBadge(r.verification.isFeasible ? "feasible" : "infeasible")
        body += keyValueTable([
            ["layout", r.source ?? "-"],
            ["feasible", r.verification.isFeasible ? "yes" : "no, \(r.verification.violations.count) rules broken"],
            ["score", ReportText.number(s.total)],
            ["placement + closeness − relocation", "\(ReportText.number(s.placement)) + "
                + "\(ReportText.number(s.closeness)) − \(ReportText.number(s.relocation))"],
            ["closeness by rating", ReportText.byRating(s.closenessByRating)],
        ]) + "</section>\n"
        if !r.verification.isFeasible { body += violationsSection(r.verification.violations, title: "Rules broken") }
        body += mapSection(renderer.render(scenario: r.scenario, layout: r.layout))
        body += layoutSection(scenario: r.scenario, layout: r.layout)
        body += unplacedSection(r.unplaced)
        body += figuresSection(r.figures)
        return page(title: "plotalloc: \(r.scenario.metadata.name)", body: body)
    }

    // MARK: - Parts

    static func e(_ s: String) -> String { XMLText.escape(s) }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>
        body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1280px;padding:0 16px;color:#222;
          line-height:1.4}
        h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:3px;margin-top:28px}
        .lead{color:#555;margin-top:0}
        table{border-collapse:collapse;margin:8px 0;font-size:13px}
        th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
        th{background:#f2f2f2} td.num{text-align:right}
        .badge{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:bold;font-size:13px;color:#fff}
        .badge.good{background:#228833} .badge.warn{background:#CCBB44;color:#222} .badge.bad{background:#CC3311}
        .bad{color:#CC3311} .map svg{max-width:100%;height:auto;border:1px solid #ddd}
        ul.reasons li{margin-bottom:4px} .details{color:#555;font-size:12px}
        footer{margin-top:32px;color:#777;font-size:12px}
        </style>
        </head>
        <body>
        \(body)<footer>Written by plotalloc. Every layout shown was checked by the verifier from the scenario alone.</footer>
        </body>
        </html>

        """
    }

    static func statusBadge(_ status: String) -> String {
        let cls = switch status {
        case "optimal", "feasible": status == "optimal" ? "good" : "warn"
        default: "bad"
        }
        return "<p><span class=\"badge \(cls)\">\(e(status))</span></p>\n"
    }

    /// An HTML table; the first row is the header. Cells that read as numbers are right-aligned.
    static func table(_ rows: [[String]], firstColumnIsHeader: Bool = false) -> String {
        guard let header = rows.first else { return "" }
        var out = "<table>\n<tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for row in rows.dropFirst() {
            out += "<tr>" + row.enumerated().map { i, cell in
                if i == 0 && firstColumnIsHeader { return "<th>\(e(cell))</th>" }
                let numeric = Double(cell.replacingOccurrences(of: ",", with: "")) != nil
                return numeric ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    static func keyValueTable(_ rows: [[String]]) -> String {
        "<table>\n" + rows.map { "<tr><th>\(e($0[0]))</th><td>\(e($0[1]))</td></tr>\n" }.joined() + "</table>\n"
    }

    /// The map section: the SVG document without its XML declaration, inline.
    static func mapSection(_ svg: String) -> String {
        var inline = svg
        if inline.hasPrefix("<?xml"), let end = inline.range(of: "?>\n") { inline.removeSubrange(..<end.upperBound) }
        return "<section><h2>Map</h2>\n<div class=\"map\">\n\(inline)</div></section>\n"
    }

    static func layoutSection(scenario: Scenario, layout: Layout) -> String {
        let firmByID = Dictionary(scenario.firms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sectorLabel = Dictionary(scenario.sectors.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let byPlot = layout.firmsByPlot
        var rows: [[String]] = [["plot", "phase", "zone", "area m²", "firm", "name", "sector", "workers", "kVA"]]
        for plot in scenario.site.plots {
            for fid in byPlot[plot.id] ?? [] {
                let f = firmByID[fid]
                rows.append([plot.id, plot.phase, plot.zone, plot.area.formatted0, fid, f?.name ?? "(not in scenario)",
                             f.map { sectorLabel[$0.sector] ?? $0.sector } ?? "", f.map { String($0.workers) } ?? "",
                             f.map { $0.powerKVA.formatted0 } ?? ""])
            }
        }
        return "<section><h2>Layout: \(layout.assignments.count) firms placed</h2>\n" + table(rows) + "</section>\n"
    }

    static func unplacedSection(_ unplaced: [UnplacedReason], title: String = "Unplaced firms") -> String {
        var out = "<section><h2>\(e(title)): \(unplaced.count)</h2>\n"
        guard !unplaced.isEmpty else { return out + "<p>Every firm is placed.</p></section>\n" }
        out += "<ul class=\"reasons\">\n"
        for u in unplaced {
            out += "<li><b>\(e(u.firm))</b> (\(e(u.kind.rawValue.replacingOccurrences(of: "_", with: " ")))): "
                + "\(e(u.message))"
            if !u.details.isEmpty {
                out += "<div class=\"details\">" + u.details.map(e).joined(separator: "<br>") + "</div>"
            }
            out += "</li>\n"
        }
        return out + "</ul></section>\n"
    }

    static func diagnosisSection(_ d: InfeasibilityDiagnosis) -> String {
        var out = "<section><h2 class=\"bad\">Why infeasible</h2>\n<p>\(e(d.summary)).</p>\n"
        guard !d.conflicts.isEmpty else { return out + "</section>\n" }
        out += "<ul class=\"reasons\">\n"
        for c in d.conflicts {
            out += "<li><b>\(e(c.groups.map(\.label).joined(separator: " + ")))</b>: \(e(c.message))"
            if !c.details.isEmpty {
                out += "<div class=\"details\">" + c.details.map(e).joined(separator: "<br>") + "</div>"
            }
            out += "</li>\n"
        }
        return out + "</ul>\n<p class=\"details\">\(d.checks) feasibility checks, each a GLPK solve of a relaxed "
            + "copy of the scenario.</p></section>\n"
    }

    static func violationsSection(_ violations: [Violation], title: String) -> String {
        var out = "<section><h2 class=\"bad\">\(e(title)): \(violations.count)</h2>\n<ul>\n"
        for v in violations { out += "<li><b>\(e(v.rule.rawValue))</b>: \(e(v.message))</li>\n" }
        return out + "</ul></section>\n"
    }

    static func figuresSection(_ k: KeyFigures) -> String {
        var land: [[String]] = [["phase", "plots used", "plot area used m²", "plot area m²", "phase area m²",
                                 "share of phase"]]
        for p in k.phases {
            land.append([p.phase, "\(p.plotsUsed) of \(p.plots)", p.usedPlotArea.formatted0, p.plotArea.formatted0,
                         p.phaseArea.formatted0, p.phaseArea > 0 ? ReportText.percent(p.usedPlotArea / p.phaseArea) : "-"])
        }
        var power: [[String]] = [["power block", "used kVA", "capacity kVA", "share"]]
        for b in k.powerBlocks {
            power.append([b.block, b.used.formatted0, b.capacity.formatted0,
                          b.capacity > 0 ? ReportText.percent(b.used / b.capacity) : "-"])
        }
        return "<section><h2>Land use by phase</h2>\n" + table(land) + "</section>\n"
            + "<section><h2>Power by block</h2>\n" + table(power) + "</section>\n"
    }
}
