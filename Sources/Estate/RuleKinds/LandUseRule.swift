/// `rules.land_use`: the land-use rule (``RuleKind/landUse``): per phase, the share of its land in plots and kavlings
/// is at most `max_plot_share` (Indonesian industrial estates: 0.70, Kepmenperindag 50/1997).
///
/// The share of a phase is the area of its plots (every plot, taken or empty; in a cut plan, every kavling cut)
/// divided by the phase's `area`; raw land left uncut does not count. Checked on the effective scenario of a layout
/// (``Scenario/applying(_:)``), so on pre-cut land it holds or fails whatever the assignments.
public struct LandUseRule: Sendable, Hashable, Codable {
    /// The largest share of a phase's land in plots and kavlings, 0…1.
    public var maxPlotShare: Double

    /// Makes the rule.
    public init(maxPlotShare: Double) { self.maxPlotShare = maxPlotShare }

    enum CodingKeys: String, CodingKey, CaseIterable { case maxPlotShare = "max_plot_share" }

    /// Per phase of `scenario` (in scenario order): its id, the area of its plots and kavlings (m²), its area.
    public static func plotLand(_ scenario: Scenario) -> [(phase: String, plots: Double, area: Double)] {
        var byPhase: [String: Double] = [:]
        for p in scenario.site.plots { byPhase[p.phase, default: 0] += p.area }
        return scenario.site.phases.map { ($0.id, byPhase[$0.id] ?? 0, $0.area) }
    }

    /// The phases of `scenario` whose plot land exceeds the rule, with a message each, e.g. "phase expansion:
    /// 18,000 m² in plots and kavlings of 25000 m² (72.0 %); at most 70.0 % allowed".
    public func breaches(_ scenario: Scenario) -> [(phase: String, message: String)] {
        Self.plotLand(scenario).compactMap { row in
            guard row.area > 0, row.plots > maxPlotShare * row.area + 1e-6 else { return nil }
            let share = 100 * row.plots / row.area
            return (row.phase, "phase \(row.phase): \(row.plots.formatted0) m² in plots and kavlings of "
                + "\(row.area.formatted0) m² (\(String(format: "%.1f", share)) %); at most \(String(format: "%.1f", 100 * maxPlotShare)) % allowed")
        }
    }
}
