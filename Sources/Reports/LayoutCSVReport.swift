import Estate

/// The layout as CSV for spreadsheets: one row per placed firm, then one per unplaced firm with an empty plot.
///
/// Columns: `firm,name,sector,plot,area_m2,phase,power_block,power_kva,workers,placement_value`. Fields are quoted
/// when they hold a comma, quote or line break (RFC 4180).
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
        let plots = Dictionary(scenario.site.plots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
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
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
