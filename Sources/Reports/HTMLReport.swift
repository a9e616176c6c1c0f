import Foundation
import PlotAllocSupport
import Estate
import Allocation

/// One self-contained HTML page per report: inline CSS and the inline SVG maps, no scripts, fonts or other files, so
/// it opens offline, can be mailed as one attachment and prints on A4 or A3 (a print stylesheet keeps colours,
/// avoids breaking maps and tables across pages and hides nothing but the folded details).
///
/// The order is the order a board reads in: the verdict first (status badge, score, the rules broken, numbered as on
/// the map), then the map(s), then the tables, then the long lists (unplaced firms: one line each, the details folded
/// in `<details>`), then the solver's figures. Three pages: ``solve(scenario:result:unplaced:diagnosis:explanation:alternatives:renderer:)``,
/// ``comparison(_:renderer:)`` (a verdict card per layout, the rules each breaks, one map per layout side by side
/// with its own violations and the changes since the first, the moves as a table, the side-by-side figures) and
/// ``score(_:renderer:)``. A layout that breaks rules never gets a score presented as comparable: its badge says
/// "breaks N rules" and its score "not comparable". Counts come from ``KeyFigures`` everywhere (summary, legend,
/// headings), so they agree. Every text from the scenario or a file is escaped with ``XMLText``. Never fails; a
/// result without a layout gives a page without map or tables, saying why.
public enum HTMLReport {
    /// The page for one allocation run, as `solve --html` writes it.
    ///
    /// `diagnosis` (for an infeasible result) adds a "Why infeasible" section with each conflict; `explanation`
    /// (`solve --explain`) adds the answer to "why not this firm?"; `alternatives` (`solve --alternatives`) the
    /// near-optimal layouts and where each firm lands across them; `receipt` a "Ties decided by lot" section after
    /// the verdict (when the run drew lots) and a "Receipt" section before the solver's figures.
    public static func solve(scenario: Scenario, result: AllocationResult, unplaced: [UnplacedReason],
                             diagnosis: InfeasibilityDiagnosis? = nil, explanation: WhyNotExplanation? = nil,
                             alternatives: AlternativeLayoutSet? = nil, receipt: RunReceipt? = nil,
                             renderer: SiteMapSVG = SiteMapSVG()) -> String {
        let name = scenario.metadata.name
        var body = "<h1>\(e(name))</h1>\n"
        if !scenario.metadata.description.isEmpty { body += "<p class=\"lead\">\(e(scenario.metadata.description))</p>\n" }
        let violations = result.report?.violations ?? []
        body += "<section><h2>Summary</h2>\n"
        body += statusBadge(result.status == .optimal ? .good : result.status == .feasible ? .warn : .bad,
                            result.status.rawValue)
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
            summary.append(["placed", placedText(k)])
            summary.append(["workers housed", String(k.workers)])
            summary.append(["turnover housed", "Rp \(ReportText.billions(k.turnover)) billion a year"])
        }
        summary.append(["verified", result.report.map { $0.isFeasible ? "yes, every rule holds" : "NO" } ?? "-"])
        if let lottery = receipt?.lottery {
            let won = lottery.tied.flatMap(\.won_by_lot).count, lost = lottery.tied.flatMap(\.lost_by_lot).count
            summary.append(["decided by lot", lottery.tied.isEmpty ? "nothing: the score decided every firm"
                : "\(won) firm\(won == 1 ? "" : "s") placed and \(lost) left out by lot, not by merit (below)"])
        }
        body += keyValueTable(summary)
        for c in result.structuralConflicts { body += "<p class=\"alert\">conflict: \(e(c))</p>\n" }
        body += "</section>\n"
        if !violations.isEmpty { body += violationsSection(violations, title: "Rules broken") }
        if let receipt, let lottery = receipt.lottery { body += lotterySection(lottery, seed: receipt.lottery_seed ?? "",
                                                                               scenario: scenario) }
        if let layout = result.layout {
            body += mapSection(renderer.render(scenario: scenario, layout: layout, violations: violations))
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
        if let receipt { body += receiptSection(receipt) }
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
    ///
    /// Verdict cards (one per layout: its status, score and whether it keeps every rule), then the rules each layout
    /// breaks (numbered as on its map), the maps side by side, the changes from the first layout to each other one,
    /// the side-by-side figures, and last the unplaced firms of each layout, folded.
    public static func comparison(_ c: LayoutComparison, renderer: SiteMapSVG? = nil) -> String {
        var body = "<h1>Comparison of \(c.columns.count) layouts: "
            + e(c.columns.map(\.entry.label).joined(separator: " vs ")) + "</h1>\n"
        body += "<section><h2>Verdict</h2>\n<div class=\"cards\">\n"
        for column in c.columns { body += verdictCard(column) }
        body += "</div>\n"
        let broken = c.columns.filter { !LayoutComparison.isComparable($0) && $0.verification != nil }
        let kept = c.columns.filter(LayoutComparison.isComparable)
        if !broken.isEmpty {
            body += "<p class=\"alert\">" + broken.map { col in
                "<b>\(e(col.entry.label))</b> breaks \(col.verification!.violations.count) "
                    + "rule\(col.verification!.violations.count == 1 ? "" : "s")"
            }.joined(separator: "; ") + ": "
                + (broken.count == 1 ? "its score is" : "their scores are")
                + " not comparable with the score of a layout that keeps every rule"
                + (kept.isEmpty ? "" : " (" + kept.map { e($0.entry.label) }.joined(separator: ", ") + ")")
                + ". Breaking a rule can raise a score above the optimum.</p>\n"
        }
        body += "</section>\n"
        for column in broken {
            body += violationsSection(column.verification!.violations,
                                      title: "Rules broken in \(column.entry.label)")
        }
        let sideBySide = sideBySide(c)
        let maps = c.maps(renderer: renderer ?? SiteMapSVG(width: sideBySide ? 600 : 1180))
        if !maps.isEmpty {
            body += "<section><h2>Maps</h2>\n<p class=\"note\">Each layout on its own site, with the rules it breaks "
                + "numbered in red; after the first, blue outlines mark the firms that moved (old plot written under "
                + "the firm), teal the firms added and grey dashes the plots left by firms dropped.</p>\n"
                + "<div class=\"maps\(sideBySide ? "" : " stacked")\">\n"
            for (label, svg) in maps {
                body += "<figure class=\"map\" data-layout=\"\(e(label))\">\(inlineSVG(svg))</figure>\n"
            }
            body += "</div></section>\n"
        }
        for (i, diff) in c.diffs.enumerated() {
            body += changesSection(from: c.columns[0], to: c.columns[i + 1], diff: diff)
        }
        body += "<section><h2>Side by side</h2>\n" + table(c.table(), firstColumnIsHeader: true) + "</section>\n"
        let withLayouts = c.columns.filter { $0.entry.layout != nil }
        if !withLayouts.isEmpty {
            body += "<section><h2>Unplaced firms</h2>\n<div class=\"columns\">\n"
            for column in withLayouts {
                body += "<div>" + unplacedList(column.unplaced, title: "in \(column.entry.label)") + "</div>\n"
            }
            body += "</div></section>\n"
        }
        for column in c.columns {
            if let r = column.entry.receipt, let lottery = r.lottery {
                body += lotterySection(lottery, seed: r.lottery_seed ?? "", scenario: column.entry.scenario)
                    .replacingOccurrences(of: "<h2>Ties decided by lot</h2>",
                                          with: "<h2>Ties decided by lot in \(e(column.entry.label))</h2>")
            }
        }
        body += comparisonReceipt(c)
        return page(title: "plotalloc: comparison", body: body)
    }

    /// The page for a given layout's score, as `score` would write it.
    public static func score(_ r: LayoutScoreReport, renderer: SiteMapSVG = SiteMapSVG()) -> String {
        let s = r.verification.score
        let v = r.verification.violations
        var body = "<h1>\(e(r.scenario.metadata.name))</h1>\n"
        body += "<section><h2>Summary</h2>\n"
        body += v.isEmpty ? statusBadge(.good, "keeps every rule") : statusBadge(.bad, brokenText(v.count))
        body += keyValueTable([
            ["layout", r.source ?? "-"],
            ["feasible", v.isEmpty ? "yes" : "no, \(brokenText(v.count))"],
            ["score", ReportText.number(s.total) + (v.isEmpty ? "" : " (not comparable: the layout breaks rules)")],
            ["placement + closeness − relocation", "\(ReportText.number(s.placement)) + "
                + "\(ReportText.number(s.closeness)) − \(ReportText.number(s.relocation))"],
            ["closeness by rating", ReportText.byRating(s.closenessByRating)],
            ["placed", placedText(r.figures)],
        ]) + "</section>\n"
        if !v.isEmpty { body += violationsSection(v, title: "Rules broken") }
        body += mapSection(renderer.render(scenario: r.scenario, layout: r.layout, violations: v))
        body += layoutSection(scenario: r.scenario, layout: r.layout)
        body += unplacedSection(r.unplaced)
        body += figuresSection(r.figures)
        return page(title: "plotalloc: \(r.scenario.metadata.name)", body: body)
    }

    // MARK: - Parts

    /// What a solve can be traced to (``RunReceipt``): the input's SHA-256, the standing layout's, plotalloc's
    /// version, the seeds, the limits and what ended the run.
    static func receiptSection(_ r: RunReceipt) -> String {
        "<section><h2>Receipt</h2>\n<p class=\"note\">The same input (same SHA-256), version, seeds and limits give the "
            + "same layout and report, unless the time limit ended the run.</p>\n" + keyValueTable(receiptRows(r))
            + "</section>\n"
    }

    /// The receipt as key–value rows.
    static func receiptRows(_ r: RunReceipt) -> [[String]] {
        var rows = [["input", r.input], ["input SHA-256", r.input_sha256]]
        if let i = r.incumbents { rows.append(["standing layout", i + " (SHA-256 " + (r.incumbents_sha256 ?? "-") + ")"]) }
        rows.append(["plotalloc", r.version])
        rows.append(["seed", String(r.seed)])
        rows.append(["lottery seed", r.lottery_seed.map { "\"\($0)\"" } ?? "none (ties kept in the fixed order)"])
        rows.append(["limits", r.limitsText.isEmpty ? "none" : r.limitsText])
        rows.append(["ended by", r.stopText])
        return rows
    }

    /// Per layout compared, what it can be traced to: a solved one its ``RunReceipt``, a given one the SHA-256 of
    /// its scenario and layout files.
    static func comparisonReceipt(_ c: LayoutComparison) -> String {
        var rows = [["layout", "scenario file (SHA-256)", "layout", "plotalloc", "seed", "lottery seed", "limits",
                     "ended by"]]
        for column in c.columns {
            let entry = column.entry
            if let r = entry.receipt {
                rows.append([entry.label, "\(r.input) (\(r.input_sha256))",
                             "solved" + (r.incumbents.map { "; standing layout \($0) (\(r.incumbents_sha256 ?? "-"))" } ?? ""),
                             r.version, String(r.seed), r.lottery_seed.map { "\"\($0)\"" } ?? "none",
                             r.limitsText.isEmpty ? "none" : r.limitsText, r.stopText])
            } else {
                let scenario = entry.input.map { "\($0) (\(RunReceipt.digest(ofFile: $0)))" } ?? "-"
                let layout = entry.status == "given"
                    ? "given: \(entry.source) (\(RunReceipt.digest(ofFile: entry.source)))" : entry.source
                rows.append([entry.label, scenario, layout, PlotAllocVersion.current, "-", "-", "-", "-"])
            }
        }
        return "<section><h2>Receipt</h2>\n<p class=\"note\">What each layout can be traced to: the files' SHA-256, "
            + "plotalloc's version, the seeds and limits of each solve and what ended it.</p>\n" + table(rows)
            + "</section>\n"
    }

    /// Who won and who lost by lot: the tied groups with each firm's rank in the draw, the undecided firms, the
    /// whole lot order folded.
    static func lotterySection(_ l: RunReceipt.Lottery, seed: String, scenario: Scenario) -> String {
        let names = Dictionary(scenario.firms.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var out = "<section><h2>Ties decided by lot</h2>\n<p>Seed <b>\(e("\"" + seed + "\""))</b>; lot order drawn by "
            + "SHA-256 of \"seed:firm\", smallest first. Ties broken \(e(l.among)). \(l.drawn.count) firms in the draw "
            + "(not required, not incumbents, not promised a plot, with a plot they may take); \(l.solves) restricted "
            + "solves, each verified.</p>\n"
        if l.basis != "optimum" {
            out += "<p class=\"alert\">The run was not proven optimal: the lot decided among the layouts of the best "
                + "score found, not among the optimal ones.</p>\n"
        }
        if l.tied.isEmpty {
            out += "<p>No ties: the score decided every firm, placed or not on merit.</p>\n"
        } else {
            var rows = [["group", "firm", "name", "rank in the draw", "by lot"]]
            for (i, g) in l.tied.enumerated() {
                for t in g.firms {
                    rows.append([String(i + 1), t.firm, names[t.firm] ?? "", String(t.rank),
                                 g.won_by_lot.contains(t.firm) ? "won: placed" : "lost: left out"])
                }
            }
            out += "<p>Tied: firms whose placement could be exchanged without lowering the score. Every other firm is "
                + "placed or left out on merit.</p>\n" + table(rows)
        }
        if !l.undecided.isEmpty {
            out += "<p class=\"alert\">Undecided (a limit cut the check short; placed or not as the solve had them): "
                + e(l.undecided.joined(separator: ", ")) + "</p>\n"
        }
        out += "<details><summary>The whole lot order (\(l.order.count) firms)</summary><p class=\"details\">"
            + e(l.order.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: " ")) + "</p></details>\n"
        return out + "</section>\n"
    }

    /// The tone of a status badge.
    enum Tone: String { case good, warn, bad }

    static func e(_ s: String) -> String { XMLText.escape(s) }

    /// Whether a comparison's maps go side by side (half a page each): when every layout is on one site and that
    /// site is not much wider than deep. Otherwise each map gets the full width, one below the other, so its labels
    /// stay legible.
    static func sideBySide(_ c: LayoutComparison) -> Bool {
        let sites = Set(c.columns.map { $0.entry.scenario.site.plots.map(\.id) })
        guard c.columns.count > 1, sites.count == 1, let plots = c.columns.first?.entry.scenario.site.plots,
              !plots.isEmpty else { return false }
        let xs = plots.map(\.x), ys = plots.map(\.y)
        return (xs.max()! - xs.min()!) <= 1.4 * max(ys.max()! - ys.min()!, 1)
    }

    static func brokenText(_ n: Int) -> String { "breaks \(n) rule\(n == 1 ? "" : "s")" }

    /// "24 of 42 firms, 1 of 2 shared facilities": the placed count every part of a report uses.
    static func placedText(_ k: KeyFigures) -> String {
        "\(k.firmsPlaced) of \(k.firms) firms"
            + (k.facilities > 0 ? ", \(k.facilitiesPlaced) of \(k.facilities) shared facilities" : "")
    }

    /// The stylesheet: screen first, then print (A4 or A3, colours kept, no map or table row split across pages).
    static let css = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1240px;padding:0 16px;color:#222;
          line-height:1.4;font-size:14px}
        h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:3px;margin-top:26px}
        .lead,.note{color:#555;margin-top:0} .note{font-size:13px}
        table{border-collapse:collapse;margin:8px 0;font-size:13px}
        th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
        th{background:#f2f2f2} td.num{text-align:right}
        .badge{display:inline-block;padding:3px 12px;border-radius:12px;font-weight:bold;font-size:14px}
        .badge.good{background:#117733;color:#fff} .badge.warn{background:#DDCC77;color:#222}
        .badge.bad{background:#CC0000;color:#fff}
        .alert{color:#CC0000} h2.alert{color:#CC0000}
        .cards{display:flex;flex-wrap:wrap;gap:12px}
        .card{border:2px solid #ccc;border-radius:6px;padding:8px 14px;min-width:260px;flex:1}
        .card.bad{border-color:#CC0000} .card h3{margin:0 0 6px;font-size:16px}
        .card .score{font-size:24px;font-weight:bold} .card .score.void{text-decoration:line-through;color:#888}
        ol.violations li{margin-bottom:3px}
        .maps{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:12px} .maps.stacked{grid-template-columns:1fr}
        figure.map{margin:0} figure.map figcaption{font-weight:bold;text-align:center}
        .map svg{max-width:100%;height:auto;border:1px solid #ddd}
        .columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px}
        ul.reasons{padding-left:0;list-style:none;margin:4px 0} ul.reasons li{margin:1px 0}
        ul.reasons summary{cursor:pointer} .details{color:#555;font-size:12px;margin:2px 0 6px 18px}
        .kind{color:#666;font-size:12px}
        footer{margin-top:32px;color:#777;font-size:12px}
        @media print{
          @page{margin:12mm}
          body{max-width:none;margin:0;padding:0;font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
          h1{font-size:16pt} h2{font-size:12pt;margin-top:14pt;break-after:avoid}
          table{font-size:8.5pt} .maps,.maps.stacked{grid-template-columns:1fr} figure.map svg{width:100%;height:auto;max-height:240mm}
          .map svg{border:none} figure.map,table,tr,.card,ol.violations li,ul.reasons li{break-inside:avoid}
          ul.reasons summary{list-style:none} ul.reasons summary::-webkit-details-marker{display:none}
          footer{font-size:8pt}
        }
        """

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        \(body)<footer>Written by plotalloc. Every layout shown was checked by the verifier from the scenario alone.</footer>
        </body>
        </html>

        """
    }

    static func statusBadge(_ tone: Tone, _ text: String) -> String {
        "<p><span class=\"badge \(tone.rawValue)\">\(e(text))</span></p>\n"
    }

    /// A layout's verdict: its status as a badge, its score (struck through and marked when it breaks rules), what
    /// it places.
    static func verdictCard(_ c: LayoutComparison.Column) -> String {
        let entry = c.entry
        guard let v = c.verification, let k = c.figures else {
            return "<div class=\"card bad\"><h3>\(e(entry.label))</h3>"
                + statusBadge(.bad, entry.status) + "<p>No layout.</p></div>\n"
        }
        let tone: Tone, badge: String
        if !v.isFeasible {
            tone = .bad
            badge = brokenText(v.violations.count)
        } else if entry.status == "given" {
            tone = .good
            badge = "keeps every rule"
        } else {
            tone = entry.status == "optimal" ? .good : .warn
            badge = entry.status + (entry.gap.map { ", gap \(ReportText.percent($0))" } ?? "")
        }
        var out = "<div class=\"card \(tone.rawValue)\"><h3>\(e(entry.label))</h3>" + statusBadge(tone, badge)
        out += "<div class=\"score\(v.isFeasible ? "" : " void")\">\(ReportText.number(v.score.total))</div>"
        out += v.isFeasible ? "<div>score</div>" : "<div class=\"alert\"><b>score not comparable</b>: the layout "
            + "breaks \(v.violations.count == 1 ? "a rule" : "rules")</div>"
        out += "<div>\(e(entry.source == "solved" ? "solved" : "given: " + entry.source))</div>"
        out += "<div>placed: \(e(placedText(k)))</div></div>\n"
        return out
    }

    /// An HTML table; the first row is the header. Cells that read as numbers are right-aligned.
    static func table(_ rows: [[String]], firstColumnIsHeader: Bool = false) -> String {
        guard let header = rows.first else { return "" }
        var out = "<table>\n<tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for row in rows.dropFirst() {
            out += "<tr>" + row.enumerated().map { i, cell in
                if i == 0 && firstColumnIsHeader { return "<th>\(e(cell))</th>" }
                let numeric = Double(cell.replacingOccurrences(of: ",", with: "")) != nil
                if cell.contains("not comparable") { return "<td class=\"alert\">\(e(cell))</td>" }
                return numeric ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    static func keyValueTable(_ rows: [[String]]) -> String {
        "<table>\n" + rows.map { "<tr><th>\(e($0[0]))</th><td>\(e($0[1]))</td></tr>\n" }.joined() + "</table>\n"
    }

    /// The SVG document without its XML declaration, for inlining.
    static func inlineSVG(_ svg: String) -> String {
        var inline = svg
        if inline.hasPrefix("<?xml"), let end = inline.range(of: "?>\n") { inline.removeSubrange(..<end.upperBound) }
        return inline
    }

    /// The map section: the SVG inline.
    static func mapSection(_ svg: String) -> String {
        "<section><h2>Map</h2>\n<div class=\"map\">\n\(inlineSVG(svg))</div></section>\n"
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
                             f.map { (sectorLabel[$0.sector] ?? $0.sector) + ($0.isIncumbent ? ", incumbent" : "") } ?? "", f.map { String($0.workers) } ?? "",
                             f.map { $0.powerKVA.formatted0 } ?? ""])
            }
        }
        let k = KeyFigures(scenario: scenario, layout: layout)
        let off = rows.count - 1 - (k.firmsPlaced + k.facilitiesPlaced)
        return "<section><h2>Layout: \(e(placedText(k))) placed</h2>\n"
            + (off > 0 ? "<p class=\"alert\">\(off) more entr\(off == 1 ? "y names a firm" : "ies name firms") "
                + "the scenario lacks (listed with the rules broken).</p>\n" : "")
            + table(rows) + "</section>\n"
    }

    /// A reason's one-line summary and the rest: a long message is cut at its first ": " or "; " and the rest folded
    /// with the details.
    static func split(_ u: UnplacedReason) -> (summary: String, rest: [String]) {
        let m = u.message
        guard m.count > 90 else { return (m, u.details) }
        let cuts = [": ", "; "].compactMap { m.range(of: $0) }.sorted { $0.lowerBound < $1.lowerBound }
        guard let cut = cuts.first else { return (m, u.details) }
        let head = String(m[..<cut.lowerBound]), tail = String(m[cut.upperBound...])
        return (head, tail.components(separatedBy: "; ").flatMap { $0.count > 100 ? $0.components(separatedBy: ", ") : [$0] }
            + u.details)
    }

    /// Unplaced firms, one line each; anything longer folded in `<details>`.
    static func unplacedList(_ unplaced: [UnplacedReason], title: String?) -> String {
        var out = title.map { "<h3>\(unplaced.count) unplaced \(e($0))</h3>\n" } ?? ""
        guard !unplaced.isEmpty else { return out + "<p>Every firm is placed.</p>\n" }
        out += "<ul class=\"reasons\">\n"
        for u in unplaced {
            let (summary, rest) = split(u)
            let line = "<b>\(e(u.firm))</b> <span class=\"kind\">"
                + "\(e(u.kind.rawValue.replacingOccurrences(of: "_", with: " ")))</span>: \(e(summary))"
            if rest.isEmpty {
                out += "<li>\(line)</li>\n"
            } else {
                out += "<li><details><summary>\(line) …</summary><div class=\"details\">"
                    + rest.map(e).joined(separator: "<br>") + "</div></details></li>\n"
            }
        }
        return out + "</ul>\n"
    }

    static func unplacedSection(_ unplaced: [UnplacedReason], title: String = "Unplaced firms") -> String {
        "<section><h2>\(e(title)): \(unplaced.count)</h2>\n"
            + unplacedList(unplaced, title: nil) + "</section>\n"
    }

    /// The changes from the first layout to another: moved firms as a table (with their sector and whether they are
    /// incumbents), then the firms added and dropped, then the count unchanged.
    static func changesSection(from a: LayoutComparison.Column, to b: LayoutComparison.Column,
                               diff: LayoutDiff?) -> String {
        var out = "<section><h2>Changes from \(e(a.entry.label)) to \(e(b.entry.label))</h2>\n"
        guard let diff else {
            return out + "<p>No layout to compare: \(e(a.entry.label)) is \(e(a.entry.status)), "
                + "\(e(b.entry.label)) is \(e(b.entry.status)).</p></section>\n"
        }
        let firms = Dictionary((b.entry.scenario.firms + a.entry.scenario.firms).map { ($0.id, $0) },
                               uniquingKeysWith: { x, _ in x })
        func who(_ id: String) -> [String] {
            guard let f = firms[id] else { return [id, "", ""] }
            return [id, f.name, f.sector + (f.isIncumbent ? ", incumbent" : "")]
        }
        let moved = diff.entries(.moved), added = diff.entries(.added), dropped = diff.entries(.dropped)
        let same = diff.entries(.unchanged)
        out += "<p>\(moved.count) moved, \(added.count) placed only in \(e(b.entry.label)), \(dropped.count) placed "
            + "only in \(e(a.entry.label)), \(same.count) unchanged.</p>\n"
        if !moved.isEmpty {
            out += "<h3>Moved: \(moved.count)</h3>\n" + table([["firm", "name", "sector", "from", "to"]]
                + moved.map { who($0.firm) + [$0.from ?? "", $0.to ?? ""] })
        }
        func mark(_ id: String) -> String { firms[id]?.isIncumbent == true ? " (incumbent)" : "" }
        if !added.isEmpty {
            out += "<h3>Placed only in \(e(b.entry.label)): \(added.count)</h3>\n"
                + "<p>" + e(added.map { "\($0.firm) on \($0.to ?? "?")\(mark($0.firm))" }.joined(separator: ", "))
                + "</p>\n"
        }
        if !dropped.isEmpty {
            out += "<h3>Placed only in \(e(a.entry.label)): \(dropped.count)</h3>\n"
                + "<p>" + e(dropped.map { "\($0.firm) from \($0.from ?? "?")\(mark($0.firm))" }.joined(separator: ", "))
                + "</p>\n"
        }
        if !same.isEmpty {
            let held = same.filter { firms[$0.firm]?.isIncumbent == true }.count
            out += "<details><summary>Unchanged: \(same.count)\(held > 0 ? " (\(held) incumbents)" : "")</summary>"
                + "<p class=\"details\">"
                + e(same.map { "\($0.firm) \($0.to ?? "")\(mark($0.firm))" }.joined(separator: ", ")) + "</p></details>\n"
        }
        return out + "</section>\n"
    }

    static func diagnosisSection(_ d: InfeasibilityDiagnosis) -> String {
        var out = "<section><h2 class=\"alert\">Why infeasible</h2>\n<p>\(e(d.summary)).</p>\n"
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

    /// The rules broken, numbered as on the map.
    static func violationsSection(_ violations: [Violation], title: String) -> String {
        var out = "<section><h2 class=\"alert\">\(e(title)): \(violations.count)</h2>\n<ol class=\"violations\">\n"
        for v in violations {
            out += "<li><b>\(e(v.rule.rawValue.replacingOccurrences(of: "_", with: " ")))</b>: \(e(v.message))</li>\n"
        }
        return out + "</ol></section>\n"
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
