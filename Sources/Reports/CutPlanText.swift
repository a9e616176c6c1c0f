import Estate

/// The cut plan of a layout (issue 13) in words: per raw block its kavlings (position, width, area, firm) and the
/// land left uncut, then the merged runs, as `solve` and `score` print them.
enum CutPlanText {
    /// The lines, none when the layout has no derived sites:
    ///
    /// ```
    /// Cut plan: 3 kavlings of 1200 m² raw land cut into 840 m² (70.0 %); 1 merged run
    ///   R1 (30 × 20 m): 0–12 m: 12 m, 240 m², F1; 12–30 m: 18 m, 360 m², F2
    ///   R2 (30 × 20 m): 0–12 m: 12 m, 240 m², empty; uncut 18 m
    ///   run P1+P2: 2 plots, 400 m², F3
    /// ```
    static func lines(scenario: Scenario, layout: Layout) -> [String] {
        guard !layout.sites.isEmpty else { return [] }
        var firmOn: [String: [String]] = [:]
        for (firm, plot) in layout.assignments.sorted(by: { $0.key < $1.key }) { firmOn[plot, default: []].append(firm) }
        func who(_ id: String) -> String { firmOn[id]?.joined(separator: ", ") ?? "empty" }
        let kavlings = layout.sites.compactMap { if case .kavling(let k) = $0 { k } else { nil } }
        let runs = layout.sites.compactMap { if case .merged(let r) = $0 { r } else { nil } }
        let blocks = scenario.site.rawBlocks
        let raw = blocks.reduce(0) { $0 + $1.area }
        var cut = 0.0
        var out: [String] = []
        for block in blocks {
            let mine = kavlings.filter { $0.block == block.id }.sorted { $0.start < $1.start }
            let area = mine.reduce(0) { $0 + $1.width * block.depth }
            cut += area
            let uncut = block.length - mine.reduce(0) { $0 + $1.width }
            var parts = mine.map { k in
                "\(m(k.start))–\(m(k.end)) m: \(m(k.width)) m, \((k.width * block.depth).formatted0) m², \(who(k.id))"
            }
            if uncut > 1e-6 { parts.append("uncut \(m(uncut)) m") }
            out.append("  \(block.id) (\(m(block.length)) × \(m(block.depth)) m): " + parts.joined(separator: "; "))
        }
        let unknown = kavlings.filter { k in !blocks.contains { $0.id == k.block } }
        for k in unknown { out.append("  \(k.id): not a raw block of the scenario, \(who(k.id))") }
        let plots = Dictionary(scenario.site.plots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for r in runs {
            let area = r.plots.compactMap { plots[$0]?.area }.reduce(0, +)
            out.append("  run \(r.id): \(r.plots.count) plots, \(area.formatted0) m², \(who(r.id))")
        }
        var head = "Cut plan: \(kavlings.count) kavling\(kavlings.count == 1 ? "" : "s")"
        if raw > 0 {
            head += " of \(raw.formatted0) m² raw land cut into \(cut.formatted0) m² (\(ReportText.percent(cut / raw)))"
        }
        if !runs.isEmpty { head += "; \(runs.count) merged run\(runs.count == 1 ? "" : "s")" }
        return [head] + out
    }

    private static func m(_ v: Double) -> String { v.formatted0 }
}

extension Layout {
    /// The scenario and layout to draw and describe `self` on: `scenario` with the derived sites as plots
    /// (``Scenario/applying(_:)``) and the layout without them; unchanged when there are none.
    func effective(on scenario: Scenario) -> (scenario: Scenario, layout: Layout) {
        guard !sites.isEmpty else { return (scenario, self) }
        return (scenario.applying(sites), Layout(assignments: assignments))
    }
}

/// One derived site in a JSON report (`sites`): `{"id", "kind": "kavling", "block", "start", "end", "width",
/// "area"}` or `{"id", "kind": "merged", "plots", "area"}`; `area` in m², lengths in m.
struct CutSiteJSON: Encodable {
    var id: String
    var kind: String
    var block: String?
    var start: Double?
    var end: Double?
    var width: Double?
    var plots: [String]?
    var area: Double?

    init(_ site: DerivedSite, scenario: Scenario) {
        id = site.id
        switch site {
        case .kavling(let k):
            kind = "kavling"
            (block, start, end, width) = (k.block, k.start, k.end, k.width)
            area = scenario.site.rawBlocks.first { $0.id == k.block }.map { $0.depth * k.width }
        case .merged(let r):
            kind = "merged"
            plots = r.plots
            let byID = Dictionary(scenario.site.plots.map { ($0.id, $0.area) }, uniquingKeysWith: { a, _ in a })
            area = r.plots.compactMap { byID[$0] }.reduce(0, +)
        }
    }
}
