import PlotAllocSupport

/// Generates synthetic estates shaped like the Bekasi IKM metal-working cluster, and the two bundled Bekasi
/// scenarios, deterministically from a seed.
///
/// Every estate has the same structure: a first phase (a quarter of the plots) whose plots are held by incumbents
/// (the phase-1 layout, made by a constructive heuristic that keeps every rule), an expansion phase, clean / general /
/// heavy zones on a grid of streets, one power block per street block with a capacity below what its eligible firms
/// could draw, the eight metal-working sectors with zone rules, a sector closeness chart with reasons (six X pairs),
/// firm-pair ratings, required shared facilities (training centre and wastewater plant in phase 1, common service
/// facility and a second wastewater plant in the expansion) and quotas. Valid by construction: every firm has an
/// eligible plot, and ``GeneratedScenario/witness`` is a feasible layout. Numbers and their sources:
/// `docs/scenario-data.md`.
public struct ScenarioGenerator: Sendable {
    /// Accepted numbers of firms (applicants, incumbents and shared facilities together).
    public static let firmRange = 16...20_000
    /// Accepted numbers of plots.
    public static let plotRange = 12...20_000
    /// The seed of the bundled Bekasi scenarios (the year the cluster was started).
    public static let bekasiSeed: UInt64 = 2018

    /// Number of firms, shared facilities included.
    public let firms: Int
    /// Number of plots.
    public let plots: Int
    /// The seed; the same seed and counts always give the same scenario.
    public let seed: UInt64

    /// Prepares a generator.
    ///
    /// - Throws: ``ScenarioGeneratorError`` when `firms` or `plots` is outside ``firmRange`` or ``plotRange``.
    public init(firms: Int, plots: Int, seed: UInt64) throws(ScenarioGeneratorError) {
        guard Self.firmRange.contains(firms) else { throw .firmsOutOfRange(firms) }
        guard Self.plotRange.contains(plots) else { throw .plotsOutOfRange(plots) }
        self.firms = firms
        self.plots = plots
        self.seed = seed
    }

    /// The synthetic estate: exactly `plots` plots (about a quarter in phase 1) and `firms` firms, of which the
    /// phase-1 incumbents and four required shared facilities; the rest are applicants.
    public func generate() -> GeneratedScenario {
        Self.build(plan).full
    }

    private var plan: Plan {
        let p1 = min(plots - 6, max(6, Int((0.25 * Double(plots)).rounded())))
        let pool1 = min(Int((1.8 * Double(p1)).rounded()) + 1, firms - 4)
        return Plan(
            phase1Plots: p1, expansionPlots: plots - p1, phase1Pool: pool1, totalFirms: firms, phaseAreas: nil,
            seed: seed, preset: nil)
    }

    /// The synthetic estate with `standing` (a layout of its phase 1, e.g. phase 1 as solved) as the incumbents
    /// of the full estate instead of the generator's constructive phase-1 layout.
    ///
    /// - Throws: ``ScenarioGeneratorError/standingLayoutBreaksRules(_:)`` when `standing` names firms or plots phase 1
    ///   does not have or breaks a phase-1 rule.
    public func generate(standing: Layout) throws(ScenarioGeneratorError) -> GeneratedScenario {
        var plan = self.plan
        plan.standing = standing
        let built = Self.build(plan)
        if !built.standingViolations.isEmpty { throw .standingLayoutBreaksRules(built.standingViolations) }
        return built.full
    }

    /// The synthetic estate's phase 1 alone (the scenario a standing layout for ``generate(standing:)`` solves).
    public func generatePhase1() -> GeneratedScenario { Self.build(plan).phase1 }

    /// The bundled `scenarios/bekasi-phase1.yaml`: the 8,000 m² cluster's 24 plots and its 44 applicants (two of
    /// them the required training centre and wastewater plant), nobody placed yet.
    public static func bekasiPhase1() -> GeneratedScenario { build(bekasiPlan(preset: "bekasi-phase1")).phase1 }

    /// The bundled `scenarios/bekasi-expansion.yaml`: the phase-1 plots with their incumbents (phase 1 as solved:
    /// ``bekasiPhase1Solved``) plus the 25,000 m² expansion's 72 plots; 140 firms in all.
    public static func bekasiExpansion() -> GeneratedScenario {
        // The bundled layout keeps every phase-1 rule (a test solves phase 1 and compares), so this cannot fail.
        (try? bekasiExpansion(standing: bekasiPhase1Solved)) ?? build(bekasiPlan(preset: "bekasi-expansion")).full
    }

    /// The expansion with `standing` (a layout of ``bekasiPhase1()``) as its incumbents: the phase-1 firms it places
    /// hold their plots, the others apply again.
    ///
    /// - Throws: ``ScenarioGeneratorError/standingLayoutBreaksRules(_:)`` when `standing` names firms or plots phase 1
    ///   does not have or breaks a phase-1 rule (``LayoutVerifier``).
    public static func bekasiExpansion(standing: Layout) throws(ScenarioGeneratorError) -> GeneratedScenario {
        var plan = bekasiPlan(preset: "bekasi-expansion")
        plan.standing = standing
        let built = build(plan)
        if !built.standingViolations.isEmpty { throw .standingLayoutBreaksRules(built.standingViolations) }
        return built.full
    }

    /// Phase 1 as solved (`plotalloc solve scenarios/bekasi-phase1.yaml`: optimal, score 1007.15): the standing
    /// layout of the bundled expansion. `ScenarioGeneratorTests` solves phase 1 and checks it still gives this.
    public static let bekasiPhase1Solved = Layout(assignments: [
        "F001": "A01", "F002": "A21", "F003": "A17", "F005": "A18", "F007": "A10", "F009": "A24", "F011": "A05",
        "F012": "A13", "F014": "A03", "F015": "A16", "F016": "A04", "F018": "A12", "F020": "A22", "F023": "A08",
        "F024": "A19", "F025": "A07", "F026": "A02", "F028": "A11", "F031": "A14", "F034": "A20", "F035": "A06",
        "F038": "A09", "F041": "A15", "F044": "A23",
    ])

    // MARK: - The build

    struct Plan {
        var phase1Plots: Int
        var expansionPlots: Int
        /// Phase-1 applicants, the two phase-1 shared facilities included.
        var phase1Pool: Int
        var totalFirms: Int
        /// Fixed land of phase 1 and the expansion (m²); derived from the plots (plots = 66 %) when `nil`.
        var phaseAreas: (phase1: Double, expansion: Double)?
        var seed: UInt64
        /// `bekasi-phase1` / `bekasi-expansion`, or `nil` for a synthetic estate.
        var preset: String?
        /// The full estate's incumbents (a layout of phase 1), or `nil` for the constructive phase-1 layout.
        var standing: Layout?
    }

    static func bekasiPlan(preset: String) -> Plan {
        Plan(
            phase1Plots: 24, expansionPlots: 72, phase1Pool: 44, totalFirms: 140,
            phaseAreas: (8_000, 25_000), seed: bekasiSeed, preset: preset)
    }

    static let adjacencyDistance = EstateSiteBuilder.adjacencyDistance
    static let separationDistance = 30.0
    /// Share of a phase's land given to plots when the land is derived from the plots.
    static let plotShare = 0.66

    static func build(_ plan: Plan)
        -> (phase1: GeneratedScenario, full: GeneratedScenario, standingViolations: [String])
    {
        var rng = SeededGenerator(seed: plan.seed)

        // The site.
        let site1 = EstateSiteBuilder.build(
            phase: "phase1", idPrefix: "A", count: plan.phase1Plots, x0: 0,
            plotAreaCap: plan.phaseAreas.map { 0.68 * $0.phase1 }, rng: &rng)
        let site2 = EstateSiteBuilder.build(
            phase: "expansion", idPrefix: "B", count: plan.expansionPlots,
            x0: site1.eastEdge + EstateSiteBuilder.columnGap,
            plotAreaCap: plan.phaseAreas.map { 0.68 * $0.expansion }, rng: &rng)
        let phase1 = makePhase(id: "phase1", label: "Phase 1", plots: site1.plots, land: plan.phaseAreas?.phase1)
        let expansion = makePhase(
            id: "expansion", label: "Expansion", plots: site2.plots, land: plan.phaseAreas?.expansion)
        let zones = [
            Zone(id: "clean", label: "Clean work (assembly, tool rooms, training), front of the estate"),
            Zone(id: "general", label: "General metal-working"),
            Zone(id: "heavy", label: "Heavy work (foundry, plating, IPAL), back of the estate by the drain"),
        ]

        // The firms: phase-1 applicants, then the expansion's new applicants.
        var factory = FirmFactory(total: plan.totalFirms)
        var pool1 = [
            factory.facility("training", name: "Pusat Pelatihan IKM Logam (training centre)"),
            factory.facility("wastewater", name: "IPAL 1 (wastewater treatment plant)"),
        ]
        pool1 += metalFirms(count: plan.phase1Pool - 2, factory: &factory, rng: &rng)
        var pool2 = [
            factory.facility("service", name: "UPT common service facility (shared CNC, testing lab)"),
            factory.facility("wastewater", name: "IPAL 2 (wastewater treatment plant, expansion)"),
        ]
        pool2 += metalFirms(count: plan.totalFirms - plan.phase1Pool - 2, factory: &factory, rng: &rng)

        let sectors1 = sectorList(for: pool1)
        let sectorsAll = sectorList(for: pool1 + pool2)
        let eligibility = Eligibility(scenario: bare(sectors: sectorsAll))
        pool1 = pool1.map { ensureEligible($0, plots: site1.plots, eligibility) }
        pool2 = pool2.map { ensureEligible($0, plots: site2.plots, eligibility) }

        // Closeness: the sector chart among the sectors present, firm pairs along supply chains.
        let ids1 = Set(sectors1.map(\.id)), idsAll = Set(sectorsAll.map(\.id))
        let chart1 = SectorProfile.chart.filter { ids1.contains($0.a) && ids1.contains($0.b) }
        let chartAll = SectorProfile.chart.filter { idsAll.contains($0.a) && idsAll.contains($0.b) }
        var taken: Set<[String]> = []
        let pairs1 = firmPairs(
            count: Int((0.2 * Double(pool1.count)).rounded()), xCount: pool1.count >= 40 ? 1 : 0, among: pool1,
            mustInclude: nil, taken: &taken, rng: &rng)
        let newIDs = Set(pool2.map(\.id))
        let pairs2 = firmPairs(
            count: max(3, Int((0.2 * Double(plan.totalFirms)).rounded()) - pairs1.count),
            xCount: max(1, plan.totalFirms / 70), among: pool1 + pool2, mustInclude: newIDs, taken: &taken,
            rng: &rng)

        // Phase 1: capacities, then the phase-1 layout.
        let blocks1 = capacities(site1.blocks, plots: site1.plots)
        let rules = Rules(
            adjacencyDistance: adjacencyDistance, separationDistance: separationDistance, incumbents: .fixed)
        // The Bekasi presets carry the environmental rules (wastewater capacity, the housing buffer).
        func environment(_ phases: [Phase], _ plots: [Plot], _ firms: [Firm]) -> Rules {
            plan.preset == nil ? rules
                : withEnvironment(rules, phases: phases, plots: plots, phase1Plots: site1.plots, firms: firms)
        }
        var s1 = Scenario(
            metadata: Metadata(name: "", description: ""),
            site: Site(phases: [phase1], zones: zones, powerBlocks: blocks1, plots: site1.plots),
            sectors: sectors1, closeness: ClosenessChart(sectors: chart1, firms: pairs1), firms: pool1,
            rules: environment([phase1], site1.plots, pool1), solver: SolverSettings(timeLimit: 60))
        let placed1 = GreedyPlacer(scenario: s1).place(order: placementOrder(s1.firms, &rng), fixed: [:]) { _ in true }
        s1.rules.quotas = quotas(s1.firms, placed1)
        let witness1 = layout(s1, placed1)

        // The full estate: phase-1 firms that got a plot become incumbents; the others apply again. A standing
        // layout (phase 1 as solved) replaces the constructive one when it keeps every phase-1 rule.
        var standing = placed1
        var standingViolations: [String] = []
        if let given = plan.standing {
            let report = LayoutVerifier(scenario: s1).verify(given)
            standingViolations = report.violations.map(\.message)
            if standingViolations.isEmpty {
                let firmIndex = Dictionary(s1.firms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
                let plotIndex = Dictionary(
                    site1.plots.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
                standing = [:]
                for (f, p) in given.assignments { standing[firmIndex[f]!] = plotIndex[p]! }
            }
        }
        var firmsAll = pool1
        for (f, p) in standing { firmsAll[f].incumbentPlot = site1.plots[p].id }
        let blocks2 = capacities(site2.blocks, plots: site2.plots)
        firmsAll += pool2
        var sAll = Scenario(
            metadata: Metadata(name: "", description: ""),
            site: Site(
                phases: [phase1, expansion], zones: zones, powerBlocks: blocks1 + blocks2,
                plots: site1.plots + site2.plots),
            sectors: sectorsAll, closeness: ClosenessChart(sectors: chartAll, firms: pairs1 + pairs2),
            firms: firmsAll, rules: environment([phase1, expansion], site1.plots + site2.plots, firmsAll),
            solver: SolverSettings(timeLimit: 60))
        let applicants = Set(firmsAll.indices.filter { !firmsAll[$0].isIncumbent })
        let placedAll = GreedyPlacer(scenario: sAll).place(
            order: placementOrder(sAll.firms, &rng).filter { applicants.contains($0) }, fixed: standing
        ) { _ in true }
        sAll.rules.quotas = quotas(sAll.firms, placedAll)
        let witnessAll = layout(sAll, placedAll)

        describe(&s1, plan: plan, full: false)
        describe(&sAll, plan: plan, full: true)
        return (
            GeneratedScenario(scenario: s1, witness: witness1, notes: notes(s1, witness1, plan: plan, full: false)),
            GeneratedScenario(
                scenario: sAll, witness: witnessAll, notes: notes(sAll, witnessAll, plan: plan, full: true)),
            standingViolations
        )
    }

    // MARK: - Parts

    static func makePhase(id: String, label: String, plots: [Plot], land: Double?) -> Phase {
        let plotArea = plots.reduce(0) { $0 + $1.area }
        let area = land ?? ((plotArea / plotShare / 100).rounded(.up) * 100)
        let roads = (0.10 * area).rounded()
        let facilities = (0.08 * area).rounded()
        let green = area - plotArea - roads - facilities
        return Phase(
            id: id, label: label, area: area,
            otherLand: Phase.OtherLand(roads: roads, green: green, facilities: facilities))
    }

    /// `count` metal-working firms, sectors in proportion to their shares (largest remainder), in shuffled order.
    static func metalFirms(count: Int, factory: inout FirmFactory, rng: inout SeededGenerator) -> [Firm] {
        let profiles = SectorProfile.metalWorking
        let total = profiles.reduce(0) { $0 + $1.share }
        let exact = profiles.map { $0.share / total * Double(count) }
        var counts = exact.map { Int($0) }
        let byRemainder = profiles.indices.sorted {
            (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1)
        }
        for i in byRemainder.prefix(count - counts.reduce(0, +)) { counts[i] += 1 }
        var list: [SectorProfile] = []
        for (i, n) in counts.enumerated() { list += Array(repeating: profiles[i], count: n) }
        rng.shuffle(&list)
        return list.map { factory.firm($0, areaCap: 400, &rng) }
    }

    static func sectorList(for firms: [Firm]) -> [Sector] {
        let present = Set(firms.map(\.sector))
        return (SectorProfile.metalWorking + SectorProfile.facilities)
            .filter { present.contains($0.id) }
            .map { Sector(id: $0.id, label: $0.label, zones: $0.zones) }
    }

    /// A scenario holding only `sectors`, enough for ``Eligibility``.
    static func bare(sectors: [Sector]) -> Scenario {
        Scenario(
            metadata: Metadata(name: ""), site: Site(phases: [], zones: [], powerBlocks: [], plots: []),
            sectors: sectors, closeness: ClosenessChart(), firms: [],
            rules: Rules(adjacencyDistance: adjacencyDistance, separationDistance: separationDistance))
    }

    /// `firm`, relaxed until it may take at least one of `plots`: rent limit dropped, then main-road need, then its
    /// area range widened to the nearest plot in its zones.
    static func ensureEligible(_ firm: Firm, plots: [Plot], _ eligibility: Eligibility) -> Firm {
        func ok(_ f: Firm) -> Bool { plots.contains { eligibility.mayTake(firm: f, plot: $0) } }
        if ok(firm) { return firm }
        var f = firm
        f.maxRent = nil
        if ok(f) { return f }
        f.needsMainRoad = false
        if ok(f) { return f }
        let zones = Set(SectorProfile.byID[f.sector]!.zones)
        func gap(_ p: Plot) -> Double { max(f.area.min - p.area, p.area - f.area.max, 0) }
        if let nearest = plots.filter({ zones.contains($0.zone) }).min(by: { (gap($0), $0.id) < (gap($1), $1.id) }) {
            f.area = AreaRange(min: min(f.area.min, nearest.area), max: max(f.area.max, nearest.area))
        }
        return f
    }

    /// Firm-pair ratings along supply chains (A, E or I) plus `xCount` X pairs (a press shop next to a precision
    /// machine shop's measuring room). With `mustInclude`, every pair has at least one firm from that set.
    static func firmPairs(
        count: Int, xCount: Int, among firms: [Firm], mustInclude: Set<String>?, taken: inout Set<[String]>,
        rng: inout SeededGenerator
    ) -> [PairRating] {
        let bySector = Dictionary(grouping: firms.filter { $0.kind == .firm }, by: \.sector)
        var out: [PairRating] = []
        func add(_ s: Firm, _ c: Firm, _ rating: ClosenessRating, _ reason: String) -> Bool {
            if let must = mustInclude, !must.contains(s.id) && !must.contains(c.id) { return false }
            let key = [s.id, c.id].sorted()
            guard s.id != c.id, !taken.contains(key) else { return false }
            taken.insert(key)
            out.append(PairRating(a: s.id, b: c.id, rating: rating, reason: reason))
            return true
        }
        var made = 0, attempts = 0
        while made < count && attempts < 50 * max(count, 1) {
            attempts += 1
            let flow = rng.pick(SectorProfile.flows)
            guard let suppliers = bySector[flow.from], let customers = bySector[flow.to] else { continue }
            let s = rng.pick(suppliers), c = rng.pick(customers)
            let rating: ClosenessRating = [.a, .e, .i][rng.weightedIndex([0.25, 0.45, 0.30])]
            if add(s, c, rating, "\(s.name) \(flow.what) \(c.name)") { made += 1 }
        }
        made = 0
        attempts = 0
        while made < xCount && attempts < 200 {
            attempts += 1
            guard let presses = bySector["stamping"], let shops = bySector["machining"] else { break }
            let s = rng.pick(presses), c = rng.pick(shops)
            if add(s, c, .x, "the presses of \(s.name) shake the measuring room of \(c.name)") { made += 1 }
        }
        return out
    }

    /// Design allowance of supply per plot (kVA) by zone, the planner's assumption when ordering transformers.
    static let allowancePerPlot: [String: Double] = ["clean": 35, "general": 45, "heavy": 60]

    /// `blocks` with capacities: the largest standard transformer size at most 5 % above the block's design
    /// allowance (35 / 45 / 60 kVA per clean / general / heavy plot). Foundries (100–220 kVA) and plating shops
    /// (40–100 kVA) draw far more than the allowance, so where they compete capacity binds.
    static func capacities(_ blocks: [PowerBlock], plots: [Plot]) -> [PowerBlock] {
        blocks.map { block in
            let allowance = plots.filter { $0.powerBlock == block.id }.reduce(0.0) {
                $0 + (allowancePerPlot[$1.zone] ?? 45)
            }
            let size = EstateSiteBuilder.transformerSizes.last { $0 <= 1.05 * allowance } ?? 160
            return PowerBlock(id: block.id, capacityKVA: max(160, size))
        }
    }

    /// Required firms first (in file order), then the others by placement value with ±15 % noise.
    static func placementOrder(_ firms: [Firm], _ rng: inout SeededGenerator) -> [Int] {
        let weights = PlacementWeights()
        let keyed = firms.indices.map { i in (i, weights.value(of: firms[i]) * rng.double(in: 0.85...1.15)) }
        return keyed.sorted { a, b in
            let ra = firms[a.0].required || firms[a.0].isIncumbent, rb = firms[b.0].required || firms[b.0].isIncumbent
            if ra != rb { return ra }
            if ra { return a.0 < b.0 }
            return (a.1, -a.0) > (b.1, -b.0)
        }.map(\.0)
    }

    /// Quotas the witness meets: local (`bekasi`) firms at least a share of placed firms (the witness's share rounded
    /// down to 5 %, at most 60 %), and at least some tool-and-die firms (5 % of placed firms, at least one).
    static func quotas(_ firms: [Firm], _ placed: [Int: Int]) -> [Quota] {
        let placedFirms = placed.keys.map { firms[$0] }.filter { $0.kind == .firm }
        guard !placedFirms.isEmpty else { return [] }
        var out: [Quota] = []
        let local = placedFirms.filter { $0.tags.contains("bekasi") }.count
        let share = min(12, (Double(local) / Double(placedFirms.count) * 20).rounded(.down)) / 20
        if share > 0 { out.append(Quota(tag: "bekasi", minShare: share)) }
        let toolRooms = placedFirms.filter { $0.sector == "tooldie" }.count
        let want = max(1, Int((0.05 * Double(placedFirms.count)).rounded()))
        if toolRooms > 0 { out.append(Quota(sector: "tooldie", minCount: min(toolRooms, want))) }
        return out
    }

    static func layout(_ s: Scenario, _ placed: [Int: Int]) -> Layout {
        Layout(assignments: Dictionary(uniqueKeysWithValues: placed.map { (s.firms[$0].id, s.site.plots[$1].id) }))
    }
}
