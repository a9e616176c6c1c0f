import Estate

/// The key figures of a layout: firms placed, workers, turnover, land use by phase and power use by block.
///
/// Computed from the scenario and the layout alone; ids that do not resolve are ignored.
public struct KeyFigures: Sendable, Hashable, Codable {
    /// Land use of one phase.
    public struct PhaseUse: Sendable, Hashable, Codable {
        /// The phase id.
        public var phase: String
        /// Area of its plots given to firms, m².
        public var usedPlotArea: Double
        /// Area of all its plots, m².
        public var plotArea: Double
        /// The phase's total land, m².
        public var phaseArea: Double
        /// Plots used / plots in the phase.
        public var plotsUsed: Int
        /// Plots in the phase.
        public var plots: Int

        enum CodingKeys: String, CodingKey {
            case phase, plots, usedPlotArea = "used_plot_area_m2", plotArea = "plot_area_m2"
            case phaseArea = "phase_area_m2", plotsUsed = "plots_used"
        }
    }

    /// Power use of one block.
    public struct BlockUse: Sendable, Hashable, Codable {
        /// The block id.
        public var block: String
        /// kVA of the firms placed on its plots.
        public var used: Double
        /// Its capacity, kVA.
        public var capacity: Double

        enum CodingKeys: String, CodingKey { case block, used = "used_kva", capacity = "capacity_kva" }
    }

    /// Placed entities of kind `firm`.
    public var firmsPlaced: Int
    /// Entities of kind `firm` in the scenario.
    public var firms: Int
    /// Placed shared facilities.
    public var facilitiesPlaced: Int
    /// Shared facilities in the scenario.
    public var facilities: Int
    /// Workers of the placed firms and facilities.
    public var workers: Int
    /// Yearly turnover of the placed firms and facilities, IDR.
    public var turnover: Double
    /// Land use per phase, in scenario order.
    public var phases: [PhaseUse]
    /// Power use per block, in scenario order.
    public var powerBlocks: [BlockUse]

    enum CodingKeys: String, CodingKey {
        case firmsPlaced = "firms_placed", firms, facilitiesPlaced = "facilities_placed", facilities, workers
        case turnover = "turnover_idr", phases, powerBlocks = "power_blocks"
    }

    /// Computes the figures of `layout` in `scenario`.
    public init(scenario: Scenario, layout: Layout) {
        let plotByID = Dictionary(scenario.site.plots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var placed: [(Firm, Plot)] = []
        for firm in scenario.firms {
            if let pid = layout.plot(of: firm.id), let plot = plotByID[pid] { placed.append((firm, plot)) }
        }
        firms = scenario.firms.filter { $0.kind == .firm }.count
        facilities = scenario.firms.count - firms
        firmsPlaced = placed.filter { $0.0.kind == .firm }.count
        facilitiesPlaced = placed.count - firmsPlaced
        workers = placed.reduce(0) { $0 + $1.0.workers }
        turnover = placed.reduce(0) { $0 + $1.0.turnover }
        let usedPlots = Set(placed.map(\.1.id))
        phases = scenario.site.phases.map { phase in
            let plots = scenario.site.plots.filter { $0.phase == phase.id }
            let used = plots.filter { usedPlots.contains($0.id) }
            return PhaseUse(
                phase: phase.id, usedPlotArea: used.reduce(0) { $0 + $1.area },
                plotArea: plots.reduce(0) { $0 + $1.area }, phaseArea: phase.area, plotsUsed: used.count,
                plots: plots.count)
        }
        powerBlocks = scenario.site.powerBlocks.map { block in
            BlockUse(
                block: block.id,
                used: placed.filter { $0.1.powerBlock == block.id }.reduce(0) { $0 + $1.0.powerKVA },
                capacity: block.capacityKVA)
        }
    }
}
