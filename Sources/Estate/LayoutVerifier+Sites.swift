import Foundation

extension LayoutVerifier {
    /// ``verify(_:)`` for a layout with derived sites: the cut plan's checks against this verifier's scenario
    /// (``cutPlanViolations(_:in:)``), assignments to plots merged away, then every other rule and the score on the
    /// effective scenario (``Scenario/applying(_:)``).
    func verifyDerived(_ layout: Layout) -> VerificationReport {
        var violations = Self.cutPlanViolations(layout.sites, in: scenario)
        var absorbedInto: [String: String] = [:]
        for case .merged(let run) in layout.sites { for p in run.plots where absorbedInto[p] == nil { absorbedInto[p] = run.id } }
        var kept = layout
        for (firm, plot) in layout.assignments.sorted(by: { $0.key < $1.key }) {
            guard let run = absorbedInto[plot] else { continue }
            violations.append(Violation(
                rule: Violation.Rule(.cutting),
                message: "plot \(plot) (given to \(firm)) is merged into \(run); a merged plot is taken only as its run",
                firms: [firm], plots: [plot, run]))
            kept.assignments[firm] = nil
        }
        kept.sites = []
        let effective = LayoutVerifier(scenario: scenario.applying(layout.sites))
        var report = effective.verifyAssignments(kept)
        report.violations = violations + report.violations + effective.landUseViolations()
        return report
    }

    /// What is wrong with the derived sites `sites` as cut from `scenario`'s land, in the order of `sites` (rule
    /// `cut_plan`); empty when they are a valid cut plan.
    ///
    /// Kavlings: the raw block exists; `0 ≤ start < end ≤ length`; `start` and `end` on the block's module (the
    /// block's end also counts as a cut); the width `end − start` within the block's `min_width`…`max_width`; no two
    /// kavlings of one block overlap. Merged runs: `site.merging` is declared; 2…`max_plots` plots, each known,
    /// mergeable and in no other run; each plot beside the next (``Plot/isBeside(_:)``); all in one power block. A
    /// site listed twice is reported once. Lengths compare with a tolerance of 1e-6 m. Firm tests (areas, zones,
    /// roads, rents) are the other rules', on the effective scenario.
    public static func cutPlanViolations(_ sites: [DerivedSite], in scenario: Scenario) -> [Violation] {
        let tol = 1e-6
        var out: [Violation] = []
        func fail(_ site: DerivedSite, _ message: String, plots: [String] = []) {
            out.append(Violation(rule: Violation.Rule(.cutting), message: message, plots: [site.id] + plots))
        }
        var blocks: [String: RawBlock] = [:]
        for b in scenario.site.rawBlocks where blocks[b.id] == nil { blocks[b.id] = b }
        var plots: [String: Plot] = [:]
        for p in scenario.site.plots where plots[p.id] == nil { plots[p.id] = p }
        var seen = Set<String>()
        var cut: [String: [Kavling]] = [:]
        var merged: [String: String] = [:]
        for site in sites {
            guard seen.insert(site.id).inserted else {
                fail(site, "site \(site.id) is listed twice; expected each derived site once")
                continue
            }
            switch site {
            case .kavling(let k):
                guard let block = blocks[k.block] else {
                    let known = scenario.site.rawBlocks.map(\.id)
                    let hint = DidYouMean.suggestion(for: k.block, among: known).map { "; did you mean \"\($0)\"?" }
                        ?? (known.isEmpty ? "; the scenario has no raw blocks" : "; expected " + DidYouMean.oneOf(known))
                    fail(site, "kavling \(k.id) is cut from unknown raw block \"\(k.block)\"" + hint)
                    continue
                }
                guard k.start.isFinite, k.end.isFinite, k.start >= -tol, k.end <= block.length + tol,
                      k.end > k.start + tol else {
                    fail(site, "kavling \(k.id) is not inside block \(k.block) (0–\(block.length.formatted0) m of "
                        + "frontage); expected 0 ≤ start < end ≤ \(block.length.formatted0)")
                    continue
                }
                cut[k.block, default: []].append(k)
                guard let rules = block.cutting(defaults: scenario.site.cutting) else { continue }
                func onModule(_ v: Double) -> Bool {
                    abs(v - block.length) <= tol || abs(v / rules.module - (v / rules.module).rounded()) * rules.module <= tol
                }
                if !onModule(k.start) || !onModule(k.end) {
                    fail(site, "kavling \(k.id) is cut off the \(rules.module.formatted0) m module of block "
                        + "\(k.block); expected cuts at multiples of \(rules.module.formatted0) m from its start")
                }
                if k.width < rules.minWidth - tol || k.width > rules.maxWidth + tol {
                    fail(site, "kavling \(k.id) is \(k.width.formatted0) m wide; block \(k.block) allows "
                        + "\(rules.minWidth.formatted0)–\(rules.maxWidth.formatted0) m")
                }
            case .merged(let run):
                guard let merging = scenario.site.merging else {
                    fail(site, "run \(run.id) merges plots but the scenario has no site.merging; expected single plots")
                    continue
                }
                if run.plots.count < 2 || run.plots.count > merging.maxPlots {
                    fail(site, "run \(run.id) has \(run.plots.count) plot\(run.plots.count == 1 ? "" : "s"); "
                        + "expected 2 to \(merging.maxPlots)")
                }
                var parts: [Plot] = []
                for id in run.plots {
                    guard let p = plots[id] else {
                        fail(site, "run \(run.id) names unknown plot \"\(id)\"")
                        continue
                    }
                    if let other = merged[id] {
                        fail(site, "plot \(id) is in runs \(other) and \(run.id); expected each plot in one run at most",
                             plots: [id])
                    }
                    merged[id] = run.id
                    if !p.mergeable { fail(site, "plot \(id) of run \(run.id) is not mergeable", plots: [id]) }
                    parts.append(p)
                }
                guard parts.count == run.plots.count else { continue }
                for (a, b) in zip(parts, parts.dropFirst()) where !a.isBeside(b) {
                    fail(site, "plots \(a.id) and \(b.id) of run \(run.id) are not side by side on one street block",
                         plots: [a.id, b.id])
                }
                let blocksOfRun = Set(parts.map(\.powerBlock))
                if blocksOfRun.count > 1 {
                    fail(site, "run \(run.id) spans power blocks \(blocksOfRun.sorted().joined(separator: ", ")); "
                        + "expected one power block")
                }
            }
        }
        for (block, kavlings) in cut.sorted(by: { $0.key < $1.key }) {
            let sorted = kavlings.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.start < a.end - tol {
                out.append(Violation(
                    rule: Violation.Rule(.cutting),
                    message: "kavlings \(a.id) and \(b.id) of block \(block) overlap; expected disjoint kavlings",
                    plots: [a.id, b.id]))
            }
        }
        return out
    }
}
