import Estate

/// The layout as CSV for spreadsheets: one row per placed firm, then one per unplaced firm with an empty plot; when
/// the layout cuts raw land or merges plots, a second table lists its cut plan.
///
/// Columns: `firm,name,sector,plot,area_m2,phase,power_block,power_kva,workers,placement_value`; a firm on a derived
/// site names it by its id (`R1[0-12]`, `A03+A04`) with the site's area. The cut plan follows after a blank line and
/// a `#` comment line, with the columns `site,kind,block,start_m,end_m,width_m,area_m2,firm,plots`: per raw block in
/// scenario order its kavlings along the frontage (`kind` `kavling`) and the stretches left uncut (`uncut`, no site
/// id), then each merged run (`merged`, its plots joined by `+`). `LayoutDocument` reads both tables back. Fields are
/// quoted when they hold a comma, quote or line break (RFC 4180).
public struct LayoutCSVReport: Sendable {
    private let scenario: Scenario
    private let layout: Layout

    /// Prepares the CSV of `layout`.
    public init(scenario: Scenario, layout: Layout) {
        self.scenario = scenario
        self.layout = layout
    }

    /// The CSV text with a header line, each line ending with `\n`.
    public func render() -> String {
        let effective = layout.effective(on: scenario).scenario
        let plots = Dictionary(effective.site.plots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var lines = ["firm,name,sector,plot,area_m2,phase,power_block,power_kva,workers,placement_value"]
        let placed = scenario.firms.filter { layout.plot(of: $0.id).flatMap { plots[$0] } != nil }
        let unplaced = scenario.firms.filter { layout.plot(of: $0.id).flatMap { plots[$0] } == nil }
        for firm in placed + unplaced {
            let plot = layout.plot(of: firm.id).flatMap { plots[$0] }
            let fields = [
                firm.id, firm.name, firm.sector, plot?.id ?? "", plot.map { $0.area.formatted0 } ?? "",
                plot?.phase ?? "", plot?.powerBlock ?? "", firm.powerKVA.formatted0, String(firm.workers),
                scenario.rules.placementValue.value(of: firm).formatted0,
            ]
            lines.append(fields.map(Self.quote).joined(separator: ","))
        }
        if !layout.sites.isEmpty { lines += [""] + cutPlanRows() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The cut-plan table: a comment, its header and one row per kavling, uncut stretch and merged run.
    func cutPlanRows() -> [String] {
        var firmOn: [String: [String]] = [:]
        for (firm, plot) in layout.assignments.sorted(by: { $0.key < $1.key }) { firmOn[plot, default: []].append(firm) }
        func who(_ id: String) -> String { firmOn[id]?.joined(separator: " ") ?? "" }
        func m(_ v: Double) -> String { Kavling.show(v) }
        var rows = ["# cut plan: the kavlings of each raw block, the land left uncut, the merged runs",
                    "site,kind,block,start_m,end_m,width_m,area_m2,firm,plots"]
        func row(_ fields: [String]) { rows.append(fields.map(Self.quote).joined(separator: ",")) }
        let kavlings = layout.sites.compactMap { if case .kavling(let k) = $0 { k } else { nil } }
        for block in scenario.site.rawBlocks {
            var at = 0.0
            for k in kavlings.filter({ $0.block == block.id }).sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
                if k.start > at + 1e-6 {
                    row(["", "uncut", block.id, m(at), m(k.start), m(k.start - at), ((k.start - at) * block.depth).formatted0, "", ""])
                }
                row([k.id, "kavling", block.id, m(k.start), m(k.end), m(k.width), (k.width * block.depth).formatted0, who(k.id), ""])
                at = max(at, k.end)
            }
            if block.length > at + 1e-6 {
                row(["", "uncut", block.id, m(at), m(block.length), m(block.length - at),
                     ((block.length - at) * block.depth).formatted0, "", ""])
            }
        }
        for k in kavlings where !scenario.site.rawBlocks.contains(where: { $0.id == k.block }) {
            row([k.id, "kavling", k.block, m(k.start), m(k.end), m(k.width), "", who(k.id), ""])
        }
        let areas = Dictionary(scenario.site.plots.map { ($0.id, $0.area) }, uniquingKeysWith: { a, _ in a })
        for case .merged(let run) in layout.sites {
            let area = run.plots.compactMap { areas[$0] }.reduce(0, +)
            row([run.id, "merged", "", "", "", "", area.formatted0, who(run.id), run.plots.joined(separator: "+")])
        }
        return rows
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
