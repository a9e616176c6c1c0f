@testable import Estate

/// Seeded random tiny scenarios with land to cut or to merge, for comparing the solver with the exhaustive oracle.
///
/// ``raw(seed:)``: 1–3 raw street blocks of at most 30 m of frontage (module 2 m, 20 m deep, kavlings 4–14 m wide),
/// side by side or back to back, and 3–6 firms; ``merging(seed:)``: 3–6 pre-cut plots drawn as rectangles in one or
/// two street-block rows, merging up to 2–3 plots, some plots not mergeable, and 2–5 firms. Both draw the rules of
/// ``RandomScenario`` (sector and firm ratings with X pairs, power blocks that bind, quotas, required firms, main-road
/// frontage, rents) so that every rule meets the cut. Each seed gives the same scenario everywhere (SplitMix64).
enum RandomCutScenario {
    typealias Generator = RandomScenario.Generator

    static let sectors = [
        Sector(id: "machining", label: "Machining", zones: ["general", "heavy"]),
        Sector(id: "assembly", label: "Assembly", zones: ["general"]),
        Sector(id: "plating", label: "Plating", zones: ["heavy"]),
    ]

    /// A raw-land scenario for `seed`.
    ///
    /// With `frontage`, the blocks share at most that many metres of frontage in all (each at least 4 m, a multiple
    /// of 2 m); without it each is 16–30 m long.
    static func raw(seed: UInt64, maxFirms: Int = 6, frontage: Int? = nil) -> Scenario {
        var g = Generator(seed: seed)
        let blockCount = g.int(1...3)
        var cellsLeft = (frontage ?? 0) / 2
        let powerBlocks = (0..<g.int(1...2)).map { PowerBlock(id: "PB\($0 + 1)", capacityKVA: Double(g.int(4...20) * 10)) }
        var blocks: [RawBlock] = []
        /// The block's length in 2 m cells.
        func length(_ g: inout Generator, block b: Int) -> Int {
            guard frontage != nil else { return g.int(8...15) }
            let cells = g.int(2...max(2, min(15, cellsLeft - 2 * (blockCount - b - 1))))
            cellsLeft -= cells
            return cells
        }
        for b in 0..<blockCount {
            // Block 1 at the origin; block 2 behind it (back to back) or beside it along the road; block 3 anywhere.
            let backToBack = g.chance(50)
            let x = b == 0 ? 0.0 : (backToBack ? Double(g.int(0...3) * 2) : Double(32 + g.int(0...4) * 2))
            let y = b == 0 ? 0.0 : (backToBack ? 20.0 * Double(b) : 0.0 + Double(b - 1) * 28)
            blocks.append(RawBlock(
                id: "R\(b + 1)", phase: "expansion", zone: g.pick(["general", "heavy"]),
                frontage: g.chance(40) ? .main : .local, powerBlock: powerBlocks[g.int(0...(powerBlocks.count - 1))].id,
                rent: g.chance(50) ? nil : Double(g.pick([100, 200])), x: x, y: y,
                length: Double(length(&g, block: b) * 2), depth: 20,
                minWidth: g.chance(30) ? 6 : nil, maxWidth: g.chance(30) ? 10 : nil))
        }
        let firms = randomFirms(&g, count: g.int(3...maxFirms), areaMins: [80, 120, 160], areaMaxes: [160, 200, 280])
        return finish(&g, seed: seed, name: "random raw", plots: [], rawBlocks: blocks,
                      cutting: CuttingRules(module: 2, minWidth: 4, maxWidth: 14), merging: nil,
                      powerBlocks: powerBlocks, firms: firms)
    }

    /// A pre-cut scenario with merging for `seed`.
    ///
    /// `larger` draws firms that need 240–600 m² (most need a run) instead of 120–480 m².
    static func merging(seed: UInt64, maxFirms: Int = 5, larger: Bool = false) -> Scenario {
        var g = Generator(seed: seed)
        let powerBlocks = (0..<g.int(1...2)).map { PowerBlock(id: "PB\($0 + 1)", capacityKVA: Double(g.int(4...20) * 10)) }
        var plots: [Plot] = []
        let count = g.int(3...6)
        var x = 0.0, row = 0
        for k in 0..<count {
            if k > 0 && g.chance(25) { row += 1; x = Double(g.int(0...2) * 2) }
            let width = Double(g.pick([6, 8, 10, 12]))
            plots.append(Plot(
                id: "P\(k + 1)", phase: "phase1", area: width * 20, x: x + width / 2, y: 10 + 20 * Double(row),
                width: width, depth: 20, zone: g.pick(["general", "heavy"]), frontage: g.chance(40) ? .main : .local,
                powerBlock: powerBlocks[g.int(0...(powerBlocks.count - 1))].id,
                rent: g.chance(50) ? nil : Double(g.pick([100, 200])), mergeable: g.chance(85)))
            x += width
        }
        let firms = randomFirms(&g, count: g.int(2...maxFirms), areaMins: larger ? [240, 320, 400] : [120, 160, 240],
                                areaMaxes: larger ? [320, 480, 600] : [200, 320, 480],
                                incumbentPlots: plots)
        return finish(&g, seed: seed, name: "random merging", plots: plots, rawBlocks: [], cutting: nil,
                      merging: MergingRules(maxPlots: g.int(2...3)), powerBlocks: powerBlocks, firms: firms)
    }

    static func randomFirms(_ g: inout Generator, count: Int, areaMins: [Double], areaMaxes: [Double],
                            incumbentPlots: [Plot] = []) -> [Firm] {
        var free = incumbentPlots
        return (0..<count).map { k in
            var sector = g.pick(sectors).id
            var lo = g.pick(areaMins), hi = g.pick(areaMaxes)
            var incumbent: String?
            var needsMain = g.chance(10)
            if g.chance(15), !free.isEmpty {
                let plot = free.remove(at: g.int(0...(free.count - 1)))
                incumbent = plot.id
                if !(sectors.first { $0.id == sector }!.zones.contains(plot.zone)) { sector = "machining" }
                lo = min(lo, plot.area)
                hi = max(hi, plot.area)
                if plot.frontage != .main { needsMain = false }
            }
            return Firm(
                id: "F\(k + 1)", name: "Firm \(k + 1)", sector: sector, area: AreaRange(min: min(lo, hi), max: max(lo, hi)),
                workers: g.int(0...20), turnover: Double(g.int(0...10)) * 5e8, powerKVA: Double(g.int(0...6) * 10),
                needsMainRoad: needsMain, maxRent: g.chance(15) ? 150 : nil, priority: Double(g.int(0...2)),
                tags: g.chance(40) ? ["bekasi"] : [], kind: g.chance(10) ? .sharedFacility : .firm,
                required: g.chance(8) && incumbent == nil, incumbentPlot: incumbent)
        }
    }

    static func finish(
        _ g: inout Generator, seed: UInt64, name: String, plots: [Plot], rawBlocks: [RawBlock], cutting: CuttingRules?,
        merging: MergingRules?, powerBlocks: [PowerBlock], firms: [Firm]
    ) -> Scenario {
        let closeness = RandomScenario.closenessChart(&g, sectors: sectors, firms: firms, firmPairChance: 12)
        var quotas: [Quota] = []
        if g.chance(25) { quotas.append(Quota(sector: g.pick(firms).sector, minCount: g.int(1...2))) }
        if g.chance(20) { quotas.append(Quota(tag: "bekasi", minShare: Double(g.int(1...5)) / 10)) }
        let policy: IncumbentPolicy = g.chance(50) ? .fixed : .movable(movePenalty: Double(g.int(0...20)))
        let landUse: LandUseRule? = g.chance(30) ? LandUseRule(maxPlotShare: Double(g.int(4...7)) / 10) : nil
        let phases = [Phase(id: "phase1", area: 4_000), Phase(id: "expansion", area: Double(g.int(10...30)) * 100)]
        return Scenario(
            metadata: Metadata(name: "\(name) \(seed)"),
            site: Site(phases: phases, zones: [Zone(id: "general"), Zone(id: "heavy")], powerBlocks: powerBlocks,
                       plots: plots, rawBlocks: rawBlocks, cutting: cutting, merging: merging),
            sectors: sectors,
            closeness: closeness,
            firms: firms,
            rules: Rules(adjacencyDistance: Double(g.pick([12, 16, 25])), separationDistance: Double(g.pick([10, 22, 30])),
                         incumbents: policy, quotas: quotas, landUse: landUse))
    }
}
