@testable import Estate

/// Tutorial-sized scenarios built in code for the allocation tests, and an independent brute-force scorer.
///
/// Plots lie on a line, `spacing` metres apart: with adjacency 25 m and separation 45 m at spacing 20 m, consecutive
/// plots are neighbours and plots up to two apart are too close for an X pair.
enum AllocationTestScenarios {
    static let sectors = [
        Sector(id: "foundry", label: "Foundry", zones: ["heavy"]),
        Sector(id: "machining", label: "Machining", zones: ["heavy", "general"]),
        Sector(id: "assembly", label: "Assembly", zones: ["general"]),
    ]

    /// A line of plots: `areas[i]` m², zone heavy for the first `heavy` plots, general after; all main road.
    static func plots(_ areas: [Double], heavy: Int, spacing: Double = 20, block: (Int) -> String = { _ in "B1" })
        -> [Plot]
    {
        areas.enumerated().map { i, a in
            Plot(
                id: "P\(i + 1)", phase: "phase1", area: a, x: Double(i) * spacing, y: 0,
                zone: i < heavy ? "heavy" : "general", frontage: .main, powerBlock: block(i))
        }
    }

    static func firm(
        _ id: String, _ sector: String, area: ClosedRange<Double> = 100...400, workers: Int = 10, kva: Double = 10,
        required: Bool = false, incumbent: String? = nil, kind: FirmKind = .firm, tags: [String] = []
    ) -> Firm {
        Firm(
            id: id, name: id, sector: sector, area: AreaRange(min: area.lowerBound, max: area.upperBound),
            workers: workers, turnover: 2e9, powerKVA: kva, tags: tags, kind: kind, required: required,
            incumbentPlot: incumbent)
    }

    static func scenario(
        plots: [Plot], firms: [Firm], sectorRatings: [PairRating] = [], firmRatings: [PairRating] = [],
        blocks: [PowerBlock] = [PowerBlock(id: "B1", capacityKVA: 1000)], incumbents: IncumbentPolicy = .fixed,
        quotas: [Quota] = [], weights: RatingWeights = RatingWeights()
    ) -> Scenario {
        Scenario(
            metadata: Metadata(name: "test"),
            site: Site(
                phases: [Phase(id: "phase1", area: 10_000)],
                zones: [Zone(id: "heavy"), Zone(id: "general")], powerBlocks: blocks, plots: plots),
            sectors: sectors,
            closeness: ClosenessChart(sectors: sectorRatings, firms: firmRatings),
            firms: firms,
            rules: Rules(
                adjacencyDistance: 25, separationDistance: 45, ratingWeights: weights, incumbents: incumbents,
                quotas: quotas))
    }

    /// The standard small case: 5 plots (2 heavy), foundry/machining/assembly firms, A foundry–machining,
    /// E machining–assembly, X foundry–assembly, I machining–machining.
    static func small(incumbents: IncumbentPolicy = .fixed, extraFirms: [Firm] = []) -> Scenario {
        scenario(
            plots: plots([300, 300, 200, 200, 150], heavy: 2),
            firms: [
                firm("F1", "foundry", area: 250...400, workers: 14),
                firm("F2", "machining", area: 150...300, workers: 12),
                firm("F3", "machining", area: 150...300, workers: 9),
                firm("F4", "assembly", area: 100...250, workers: 11),
                firm("F5", "assembly", area: 100...200, workers: 6),
            ] + extraFirms,
            sectorRatings: [
                PairRating(a: "foundry", b: "machining", rating: .a),
                PairRating(a: "machining", b: "assembly", rating: .e),
                PairRating(a: "foundry", b: "assembly", rating: .x),
                PairRating(a: "machining", b: "machining", rating: .i),
            ],
            incumbents: incumbents)
    }

    // MARK: - Independent rules and score, written from issue 4's text (not from the formulation)

    /// The score of `layout` if it is feasible, else `nil`; written straight from the rules.
    static func referenceScore(_ s: Scenario, _ layout: [String: String]) -> Double? {
        let plotByID = Dictionary(uniqueKeysWithValues: s.site.plots.map { ($0.id, $0) })
        let firmByID = Dictionary(uniqueKeysWithValues: s.firms.map { ($0.id, $0) })
        let zones = Dictionary(uniqueKeysWithValues: s.sectors.map { ($0.id, Set($0.zones)) })
        if Set(layout.values).count != layout.count { return nil }
        for (fid, pid) in layout {
            guard let f = firmByID[fid], let p = plotByID[pid] else { return nil }
            if p.area < f.area.min || p.area > f.area.max { return nil }
            if !(zones[f.sector]?.contains(p.zone) ?? false) { return nil }
            if f.needsMainRoad && p.frontage != .main { return nil }
            if let m = f.maxRent, let r = p.rent, r > m { return nil }
        }
        for f in s.firms where f.required || f.isIncumbent {
            guard let pid = layout[f.id] else { return nil }
            if case .fixed = s.rules.incumbents, let own = f.incumbentPlot, own != pid { return nil }
        }
        for b in s.site.powerBlocks {
            let used = layout.filter { plotByID[$0.value]!.powerBlock == b.id }.map { firmByID[$0.key]!.powerKVA }
            if used.reduce(0, +) > b.capacityKVA + 1e-9 { return nil }
        }
        func rating(_ a: String, _ b: String, in list: [PairRating]) -> ClosenessRating? {
            list.first { ($0.a == a && $0.b == b) || ($0.a == b && $0.b == a) }?.rating
        }
        let placed = layout.keys.sorted()
        var closeness = 0.0
        for (i, a) in placed.enumerated() {
            for b in placed[(i + 1)...] {
                let fa = firmByID[a]!, fb = firmByID[b]!
                let pa = plotByID[layout[a]!]!, pb = plotByID[layout[b]!]!
                let d = pa.distance(to: pb)
                let sr = rating(fa.sector, fb.sector, in: s.closeness.sectors)
                let fr = rating(a, b, in: s.closeness.firms)
                if (sr == .x || fr == .x) && d < s.rules.separationDistance - 1e-9 { return nil }
                if d <= s.rules.adjacencyDistance + 1e-9 {
                    closeness += s.rules.ratingWeights.weight(sr) + s.rules.ratingWeights.weight(fr)
                }
            }
        }
        for q in s.rules.quotas {
            let firmsPlaced = placed.map { firmByID[$0]! }.filter { $0.kind == .firm }
            let group = firmsPlaced.filter { q.counts($0) }.count
            if let c = q.minCount, group < c { return nil }
            if let sh = q.minShare, Double(group) < sh * Double(firmsPlaced.count) - 1e-9 { return nil }
        }
        let placement = placed.map { s.rules.placementValue.value(of: firmByID[$0]!) }.reduce(0, +)
        let moved = s.firms.filter { f in f.incumbentPlot != nil && layout[f.id] != nil && layout[f.id] != f.incumbentPlot }
        return placement + closeness - s.rules.incumbents.movePenalty * Double(moved.count)
    }

    /// Every layout (each firm on no plot or one plot, each plot at most one firm), for ≤ 7 firms and plots.
    static func allLayouts(_ s: Scenario) -> [[String: String]] {
        var out: [[String: String]] = []
        var current: [String: String] = [:]
        var used = Set<String>()
        func go(_ i: Int) {
            if i == s.firms.count {
                out.append(current)
                return
            }
            go(i + 1)
            for p in s.site.plots where !used.contains(p.id) {
                current[s.firms[i].id] = p.id
                used.insert(p.id)
                go(i + 1)
                used.remove(p.id)
                current[s.firms[i].id] = nil
            }
        }
        go(0)
        return out
    }

    /// The best feasible score by enumeration, or `nil` when no layout is feasible.
    static func bruteForceOptimum(_ s: Scenario) -> Double? {
        allLayouts(s).compactMap { referenceScore(s, $0) }.max()
    }
}
