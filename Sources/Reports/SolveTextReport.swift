import Foundation
import MIPModel
import Estate
import Allocation

/// Renders an allocation result as the text `plotalloc solve` prints: status, layout with neighbours, unplaced
/// firms with reasons, the score by part and by rating, key figures, model size and time per phase.
public struct SolveTextReport: Sendable {
    /// The scenario, or `nil` when the run stopped before it was read.
    private let scenario: Scenario?
    /// The file of a scenario that was not read, named instead of it.
    private let unreadFile: String?
    /// Where reading stopped, for a scenario that was not read.
    private let loadStage: LoadStop.Stage?
    private let result: AllocationResult
    private let unplaced: [UnplacedReason]

    /// Prepares the report; `unplaced` are the reasons for the firms the layout leaves out.
    public init(scenario: Scenario, result: AllocationResult, unplaced: [UnplacedReason]) {
        self.scenario = scenario
        unreadFile = nil
        loadStage = nil
        self.result = result
        self.unplaced = unplaced
    }

    /// The report of a run stopped while it read its scenario: the file, the status (`no_solution`, stopped
    /// during reading the scenario, and at which stage), the time.
    public init(stoppedLoading stopped: SolveSession.StoppedLoading) {
        scenario = nil
        unreadFile = stopped.file
        loadStage = stopped.stop.stage
        result = stopped.result
        unplaced = []
    }

    /// The report, ending with a newline.
    public func render() -> String {
        var out: [String] = []
        out.append("Scenario: \(scenario?.metadata.name ?? "not read (\(unreadFile ?? "?"))")")
        out.append(statusLine())
        for c in result.structuralConflicts { out.append("  conflict: \(c)") }
        if let scenario, let layout = result.layout, let report = result.report {
            out.append("")
            out += layoutLines(layout, of: scenario)
            let cut = CutPlanText.lines(scenario: scenario, layout: layout)
            if !cut.isEmpty { out += [""] + cut }
            out.append("")
            out += unplacedLines()
            out.append("")
            out += scoreLines(report.score)
            out.append("")
            let effective = layout.effective(on: scenario)
            out += figureLines(KeyFigures(scenario: effective.scenario, layout: effective.layout))
        }
        out.append("")
        let m = result.modelSize
        if result.rawLand?.method != .decomposition { out.append("Model: \(m.variables) variables (\(m.binaries) binary), \(m.constraints) constraints, "
            + "\(m.nonzeros) non-zeros; \(result.nodes) branch-and-bound nodes") }
        if let raw = result.rawLand, raw.method == .decomposition {
            // The decomposition search: no single model, its own counts.
            let start = raw.startScore.map { " (best \(fmt($0)))" } ?? ""
            out.append("Raw land: \(raw.candidateKavlings) candidate kavlings, too many for the exact model: cut by the "
                + "decomposition search: \(raw.starts) cuts solved (default and refits)\(start), \(raw.inserted) firms "
                + "inserted, \(raw.exchanged) exchanges, \(raw.neighbourhoods) windows re-cut, \(raw.improvements) "
                + "improving; "
                + (raw.boundIterations.map { "bound from the raw street blocks after \($0) price updates" }
                    ?? "no bound computed"))
        } else if let h = result.heuristic.score {
            let accepted = result.heuristic.acceptedBySolver.map { $0 ? ", accepted as start" : ", not better" } ?? ""
            var how = ""
            if let c = result.heuristic.constructionScore, result.heuristic.iterations > 0 {
                how = " (construction \(fmt(c)), then \(result.heuristic.iterations) neighbourhood sub-problems, "
                    + "\(result.heuristic.improvements) improving)"
            }
            out.append("Warm start: heuristic layout scoring \(fmt(h))\(how)\(accepted)")
        } else if let why = result.heuristic.rejected {
            out.append("Warm start: none (\(why))")
        }
        if let b = result.blockBound {
            var parts: [String] = []
            if let lp = b.lpBound { parts.append("LP relaxation \(fmt(lp))") }
            if let l = b.lagrangianBound {
                let kind = b.relaxedBlocks ? " (blocks solved as LPs; the model is too large to wait for its LP)" : ""
                parts.append("Lagrangian \(fmt(l)) after \(b.iterations) iterations over \(b.blocks) blocks "
                    + "(\(b.linkingRows) linking rows priced)\(kind)")
            }
            if parts.isEmpty { parts.append("none (\(b.note ?? "stopped before the LP relaxation was solved"))") }
            let used = result.boundSource == .blocks ? "; it gives the bound" : ""
            out.append("Block bound (second thread, \(sec(b.seconds))): " + parts.joined(separator: ", ") + used)
        }
        let t = result.timing
        out.append("Time: load \(sec(t.load)), formulate \(sec(t.formulate)), heuristic \(sec(t.heuristic)), "
            + "solve \(sec(t.solve)), verify \(sec(t.verify)); total \(sec(t.total))")
        return out.joined(separator: "\n") + "\n"
    }

    private func statusLine() -> String {
        switch result.status {
        case .optimal:
            let how = result.boundSource == .blocks ? " by the block bound" : ""
            return "Status: optimal (proven\(how)); score \(fmt(result.objective ?? 0))"
                + (result.source == .lottery ? " (among the layouts of this score, the one the lot chose)" : "")
        case .feasible:
            let phase = result.stoppedIn.map { " during \($0.phrase)" } ?? ""
            let why: String = switch result.termination {
            case .interrupted: "INTERRUPTED (Ctrl-C or a stop signal)\(phase): the best layout found so far"
            case .timeLimit: "stopped at the time limit\(phase)"
            case .workLimit: "stopped at the work limit\(phase)"
            case .gapLimit: "stopped within the requested gap"
            default: "stopped early (\(result.termination.rawValue))"
            }
            var line = "Status: feasible, not proven optimal: \(why); score \(fmt(result.objective ?? 0))"
            if let b = result.bound {
                line += ", bound \(fmt(b))" + (result.boundSource == .rawLand ? " (raw-land bound)" : "")
            } else {
                line += ", bound unknown"
            }
            if let g = result.gap { line += ", gap \(String(format: "%.2f", 100 * g)) %" }
            if result.source == .heuristic { line += " (layout from plotalloc's search; GLPK found nothing better)" }
            if result.source == .lottery { line += " (the layout the lot chose among those scoring at least this)" }
            if result.source == .decomposition { line += " (cut plan from the decomposition search)" }
            return line
        case .infeasible:
            return "Status: infeasible: no layout meets every rule"
        case .noSolution:
            let stage = loadStage.map { " (\($0.phrase))" } ?? ""
            let phase = result.stoppedIn.map { " during \($0.phrase)\(stage)" } ?? ""
            let cause = switch result.termination {
            case .interrupted: "interrupted (Ctrl-C or a stop signal)"
            case .workLimit: "stopped at the work limit"
            default: "stopped at the time limit"
            }
            let why = cause + phase
            var line = "Status: no_solution: \(why) before any layout was found"
            if let b = result.bound { line += "; bound \(fmt(b))" }
            return line
        }
    }

    private func layoutLines(_ given: Layout, of original: Scenario) -> [String] {
        let (scenario, layout) = given.effective(on: original)
        let plots = scenario.site.plots
        let firmByID = Dictionary(scenario.firms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let lookup = ClosenessLookup(chart: scenario.closeness)
        let geometry = SiteGeometry(scenario: scenario)
        var firmOnPlot = [String?](repeating: nil, count: plots.count)
        let plotIndex = Dictionary(plots.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (f, p) in layout.assignments { if let i = plotIndex[p] { firmOnPlot[i] = f } }
        var rows: [[String]] = [["plot", "firm", "name", "sector", "area m²", "neighbours (rating)"]]
        for (i, plot) in plots.enumerated() {
            guard let fid = firmOnPlot[i], let firm = firmByID[fid] else { continue }
            var near: [String] = []
            for j in plots.indices where j != i && geometry.areNeighbours(i, j) {
                guard let gid = firmOnPlot[j], let g = firmByID[gid] else { continue }
                var ratings: [String] = []
                if let r = lookup.sectorRating(firm.sector, g.sector) { ratings.append(r.rating.rawValue) }
                if let r = lookup.firmRating(firm.id, g.id) { ratings.append("firm \(r.rating.rawValue)") }
                near.append("\(g.id) (\(ratings.isEmpty ? "-" : ratings.joined(separator: ", ")))")
            }
            rows.append([plot.id, firm.id, firm.name, firm.sector, plot.area.formatted0,
                         near.isEmpty ? "-" : near.joined(separator: ", ")])
        }
        return ["Layout: \(layout.assignments.count) firms on \(plots.count) plots"] + table(rows)
            + [Self.neighbourNotation(adjacency: scenario.rules.adjacencyDistance)]
    }

    /// The line under the layout table that explains its last column.
    static func neighbourNotation(adjacency: Double) -> String {
        "  (neighbours: the firms on plots whose centroids are at most \(adjacency.formatted0) m away; in brackets the "
            + "closeness rating of the two sectors (A absolutely necessary, E especially important, I important, "
            + "O ordinary, U unimportant, X keep apart) and \"firm E\" for a rating of the two firms themselves, both "
            + "counted; \"-\" neither is rated)"
    }

    private func unplacedLines() -> [String] {
        guard !unplaced.isEmpty else { return ["Unplaced firms: none"] }
        var out = ["Unplaced firms: \(unplaced.count)"]
        let unexplained = unplaced.filter { $0.kind == .notExplained }.map(\.firm)
        for u in unplaced where u.kind != .notExplained { out.append("  \(u.firm): \(u.message)") }
        if !unexplained.isEmpty {
            out.append("  reasons not worked out (the run was interrupted): " + unexplained.joined(separator: ", "))
        }
        return out
    }

    private func scoreLines(_ s: ScoreBreakdown) -> [String] {
        var out = ["Score: \(fmt(s.total)) = placement \(fmt(s.placement)) + closeness \(fmt(s.closeness)) "
            + "- relocation \(fmt(s.relocation))"]
        let order = ClosenessRating.allCases.map(\.rawValue)
        let parts = s.closenessByRating.sorted { (order.firstIndex(of: $0.key) ?? 9) < (order.firstIndex(of: $1.key) ?? 9) }
        if !parts.isEmpty {
            out.append("  closeness by rating: " + parts.map { "\($0.key) \(fmt($0.value))" }.joined(separator: ", "))
        }
        return out
    }

    private func figureLines(_ k: KeyFigures) -> [String] {
        var out = ["Key figures:"]
        var placed = "  firms placed: \(k.firmsPlaced) of \(k.firms)"
        if k.facilities > 0 { placed += "; shared facilities: \(k.facilitiesPlaced) of \(k.facilities)" }
        out.append(placed)
        out.append("  workers: \(k.workers); turnover: Rp \(String(format: "%.1f", k.turnover / 1e9)) billion a year")
        for p in k.phases {
            let share = p.phaseArea > 0 ? 100 * p.usedPlotArea / p.phaseArea : 0
            out.append("  land use \(p.phase): \(p.plotsUsed) of \(p.plots) plots, \(p.usedPlotArea.formatted0) of "
                + "\(p.plotArea.formatted0) m² of plots used (\(String(format: "%.1f", share)) % of the phase's "
                + "\(p.phaseArea.formatted0) m²)")
        }
        for b in k.powerBlocks {
            out.append("  power \(b.block): \(b.used.formatted0) of \(b.capacity.formatted0) kVA")
        }
        return out
    }

    private func table(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        var widths = first.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            "  " + r.enumerated().map { i, c in
                i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count)
            }.joined(separator: "  ")
        }
    }

    private func fmt(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.2f", x)
    }

    private func sec(_ x: Double) -> String { String(format: "%.2f s", x) }
}
