/// The generator's constructive layout: places firms one by one on the free eligible plot that keeps every rule
/// (power per block, X separation) and gains the most closeness with firms already placed, wasting the least area.
///
/// Used to make the incumbents' phase-1 layout and a witness that a generated scenario is feasible; not an optimiser.
struct GreedyPlacer {
    private let scenario: Scenario
    private let eligibility: Eligibility
    private let geometry: SiteGeometry
    private let lookup: ClosenessLookup
    private let capacities: CapacityTable
    private let neighbours: [[Int]]
    private let tooClose: [[Int]]

    /// Prepares the lookups for `scenario` (its quotas are ignored).
    init(scenario: Scenario) {
        self.scenario = scenario
        eligibility = Eligibility(scenario: scenario)
        geometry = SiteGeometry(scenario: scenario)
        lookup = ClosenessLookup(chart: scenario.closeness)
        capacities = CapacityTable(scenario: scenario)
        neighbours = geometry.neighboursOf
        tooClose = geometry.tooCloseTo
    }

    /// Places the firms at indices `order` (in that order) around the `fixed` firm index → plot index placements,
    /// using only plots for which `allowed` is true. Firms that fit nowhere stay unplaced.
    func place(order: [Int], fixed: [Int: Int], allowed: (Plot) -> Bool) -> [Int: Int] {
        let firms = scenario.firms
        let plots = scenario.site.plots
        var occupant = [Int?](repeating: nil, count: plots.count)
        var loads = CapacityTable.Loads(capacities)
        var placed = fixed
        for (f, p) in fixed {
            occupant[p] = f
            loads.add(capacities, f, p)
        }
        let weights = scenario.rules.ratingWeights
        for f in order where placed[f] == nil {
            let firm = firms[f]
            var best: (gain: Double, waste: Double, plot: Int)?
            for (p, plot) in plots.enumerated() where occupant[p] == nil && allowed(plot) {
                guard eligibility.mayTake(firm: firm, plot: plot) else { continue }
                guard loads.fits(capacities, f, p, tolerance: 0) else { continue }
                if tooClose[p].contains(where: { q in occupant[q].map { lookup.isXPair(firm, firms[$0]) } ?? false }) {
                    continue
                }
                var gain = 0.0
                for q in neighbours[p] {
                    guard let g = occupant[q] else { continue }
                    gain += weights.weight(lookup.sectorRating(firm.sector, firms[g].sector)?.rating)
                    gain += weights.weight(lookup.firmRating(firm.id, firms[g].id)?.rating)
                }
                let waste = plot.area - firm.area.min
                if best == nil || gain > best!.gain || (gain == best!.gain && waste < best!.waste) {
                    best = (gain, waste, p)
                }
            }
            if let best {
                placed[f] = best.plot
                occupant[best.plot] = f
                loads.add(capacities, f, best.plot)
            }
        }
        return placed
    }
}
