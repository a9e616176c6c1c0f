@testable import Estate

/// Seeded random tiny scenarios (≤ 7 firms, ≤ 7 plots) for comparing the solver with ``ExhaustiveSearch``.
///
/// Each seed gives the same scenario on every run and platform (SplitMix64, no `Double.random`). The scenarios cover
/// every rule: sector and firm-pair X ratings at a separation that sometimes bites, A–U ratings between neighbours,
/// power blocks that sometimes bind, quotas by sector count and by tag share, shared facilities, required firms,
/// incumbents under the fixed or the movable policy, main-road frontage and maximum rents. They are valid as the
/// loader defines it: unique ids, every sector has a zone, incumbents on distinct plots they may take.
struct RandomScenario {
    /// A seeded SplitMix64 generator.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        /// Seeds the state through the mixing function, so nearby seeds give unrelated sequences.
        init(seed: UInt64) { state = Self.mix(seed ^ 0x5851_F42D_4C95_7F2D) }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return Self.mix(state)
        }
        static func mix(_ x: UInt64) -> UInt64 {
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// A uniform integer in `range`.
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
        /// `true` with probability `percent`/100.
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
        /// One element of `items`.
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    /// The scenario for `seed`, with `firms` and `plots` counts drawn from the given ranges; with `catalogueRules`,
    /// also the newer rules of the catalogue (a wastewater treatment unit that sometimes binds, a buffer from a
    /// sensitive point or line), drawn after every
    /// other choice so that the rest of the scenario is the same as without them.
    /// Draws a closeness chart: each sector pair (a sector with itself included) rated with chance 60 %, each firm
    /// pair with chance `firmPairChance` %, ratings uniform over A, E, I, O, U, X. Shared by ``RandomCutScenario``.
    static func closenessChart(
        _ g: inout Generator, sectors: [Sector], firms: [Firm], firmPairChance: Int
    ) -> ClosenessChart {
        let ratings: [ClosenessRating] = [.a, .e, .i, .o, .u, .x]
        var sectorRatings: [PairRating] = []
        for (i, a) in sectors.enumerated() {
            for b in sectors[i...] where g.chance(60) {
                sectorRatings.append(PairRating(a: a.id, b: b.id, rating: g.pick(ratings)))
            }
        }
        var firmRatings: [PairRating] = []
        for i in firms.indices {
            for j in firms.indices where j > i && g.chance(firmPairChance) {
                firmRatings.append(PairRating(a: firms[i].id, b: firms[j].id, rating: g.pick(ratings)))
            }
        }
        return ClosenessChart(sectors: sectorRatings, firms: firmRatings)
    }

    static func make(seed: UInt64, firms firmRange: ClosedRange<Int> = 2...7, plots plotRange: ClosedRange<Int> = 2...7,
                     catalogueRules: Bool = false) -> Scenario
    {
        var g = Generator(seed: seed)
        let zones = ["general", "heavy"]
        let sectors = [
            Sector(id: "machining", label: "Machining", zones: ["general", "heavy"]),
            Sector(id: "assembly", label: "Assembly", zones: ["general"]),
            Sector(id: "plating", label: "Plating", zones: ["heavy"]),
        ]
        let areas: [Double] = [200, 300, 400, 500, 600]
        let blockCount = g.int(1...2)
        let blocks = (0..<blockCount).map { PowerBlock(id: "PB\($0 + 1)", capacityKVA: Double(g.int(6...30) * 10)) }

        // Plots on a 3-wide grid, 20 m apart, jittered by 0–5 m: neighbours at 25 m are mostly grid neighbours.
        let plotCount = g.int(plotRange)
        var plots: [Plot] = []
        for k in 0..<plotCount {
            plots.append(Plot(
                id: "P\(k + 1)", phase: "phase1", area: g.pick(areas),
                x: Double((k % 3) * 20 + g.int(0...5)), y: Double((k / 3) * 20 + g.int(0...5)),
                zone: g.pick(zones), frontage: g.chance(40) ? .main : .local,
                powerBlock: blocks[g.int(0...(blockCount - 1))].id,
                rent: g.chance(50) ? nil : Double(g.pick([100, 200]))))
        }

        let firmCount = g.int(firmRange)
        var firms: [Firm] = []
        var freeForIncumbents = Array(plots.indices)
        for k in 0..<firmCount {
            var sector = g.pick(sectors).id
            var lo: Double = g.pick([200, 300, 400]), hi: Double = g.pick([400, 500, 600])
            var needsMainRoad = g.chance(10)
            var maxRent: Double? = g.chance(15) ? 150 : nil
            var incumbentPlot: String?
            if g.chance(15), !freeForIncumbents.isEmpty {
                // An incumbent whose own plot it may take.
                let p = freeForIncumbents.remove(at: g.int(0...(freeForIncumbents.count - 1)))
                let plot = plots[p]
                incumbentPlot = plot.id
                if !(sectors.first { $0.id == sector }!.zones.contains(plot.zone)) { sector = "machining" }
                lo = min(lo, plot.area)
                hi = max(hi, plot.area)
                if plot.frontage != .main { needsMainRoad = false }
                if let rent = plot.rent, let m = maxRent, rent > m { maxRent = nil }
            }
            firms.append(Firm(
                id: "F\(k + 1)", name: "Firm \(k + 1)", sector: sector, area: AreaRange(min: lo, max: hi),
                workers: g.int(0...20), turnover: Double(g.int(0...10)) * 5e8, powerKVA: Double(g.int(0...10) * 10),
                needsMainRoad: needsMainRoad, maxRent: maxRent, priority: Double(g.int(0...2)),
                tags: g.chance(40) ? ["bekasi"] : [], kind: g.chance(15) ? .sharedFacility : .firm,
                required: g.chance(8), incumbentPlot: incumbentPlot))
        }

        let closeness = closenessChart(&g, sectors: sectors, firms: firms, firmPairChance: 15)

        var quotas: [Quota] = []
        if g.chance(30) { quotas.append(Quota(sector: g.pick(firms).sector, minCount: g.int(1...2))) }
        if g.chance(25) { quotas.append(Quota(tag: "bekasi", minShare: Double(g.int(1...5)) / 10)) }

        var weights = RatingWeights()
        if g.chance(20) { weights.x = -2 }
        let policy: IncumbentPolicy = g.chance(50) ? .fixed : .movable(movePenalty: Double(g.int(0...20)))
        var wastewater: Wastewater?
        if catalogueRules {
            let drained = plots.filter { _ in g.chance(70) }.map(\.id)
            wastewater = Wastewater(
                units: [.init(id: "U1", capacityM3PerDay: Double(g.int(2...12)), plots: drained.isEmpty ? ["P1"] : drained)],
                discharge: firms.filter { _ in g.chance(60) }.map { .init(firm: $0.id, m3PerDay: Double(g.int(1...8))) })
        }
        var buffers: [SensitivePlace] = []
        if catalogueRules && g.chance(70) {
            let points = (0..<g.int(1...2)).map { _ in MapPoint(x: Double(g.int(-10...50)), y: Double(g.int(-15...45))) }
            buffers = [SensitivePlace(id: "H1", points: points, keepOut: [
                .init(sector: g.pick(["plating", "machining"]), distance: Double(g.int(5...30)))])]
        }
        return Scenario(
            metadata: Metadata(name: "random \(seed)"),
            site: Site(phases: [Phase(id: "phase1", area: 10_000)], zones: zones.map { Zone(id: $0) },
                       powerBlocks: blocks, plots: plots),
            sectors: sectors,
            closeness: closeness,
            firms: firms,
            rules: Rules(adjacencyDistance: 25, separationDistance: Double(g.pick([22, 30, 45])),
                         ratingWeights: weights, incumbents: policy, quotas: quotas, wastewater: wastewater, buffers: buffers))
    }
}
