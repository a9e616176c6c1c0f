import Estate

/// A test oracle for raw land and merged plots (issue 13): the best feasible layout of a tiny scenario over every cut
/// plan of its raw blocks, every set of merged runs of its plots and every assignment, judged by ``LayoutVerifier``.
///
/// It enumerates every **site plan**: per raw block, every family of disjoint kavlings on the block's module with
/// widths in range (``kavlingFamilies(of:rules:)``), and every family of disjoint runs of 2…k mergeable plots side by
/// side in one power block (``runFamilies(of:)``), at most as many derived sites as firms, every site one that some
/// firm's needs allow and the sites able to hold a firm each. For each plan it builds the effective scenario
/// (``Scenario/applying(_:)``) and tries every assignment of firms (unplaced, or on one plot or
/// derived site their needs allow, without the planners' locks) that leaves no derived site empty; the verifier's
/// fast check says whether it is feasible (locks, land use included) and what it scores.
///
/// Leaving empty derived sites out is exact, not a heuristic: an empty kavling or run changes no other plot (a kavling's
/// neighbours and distances depend on its own rectangle only; a run only removes its plots, which an empty run leaves
/// unused), adds to no capacity and only adds land (the land-use rule has an upper limit), so removing it from a
/// feasible layout keeps it feasible with the same score. Among layouts of equal score (within 1e-9) the first in
/// enumeration order is kept: plans in order (runs first, then blocks in scenario order, each family from the block's
/// start, "uncut" before "cut"), firms in scenario order, each trying "unplaced" first.
///
/// It never builds a model: the only judge is the verifier. ``run()`` skips plans and partial assignments that cannot
/// beat the best layout found so far (branch and bound on the verifier's own score), which returns the same layout as
/// trying them all.
///
/// Only for tiny inputs: it refuses more than ``ExhaustiveSearch/maxFirms`` firms or more than ``maxPlans`` site plans.
public struct CutPlanSearch: Sendable {
    /// The most site plans it accepts.
    public static let maxPlans = 200_000

    /// Thrown when the scenario is too large to enumerate.
    public struct TooLarge: Error, Sendable, Hashable, CustomStringConvertible {
        /// Why, e.g. "1,200,000 site plans; at most 200000".
        public var reason: String
        public var description: String { "exhaustive cut-plan search: \(reason)" }
    }

    /// What the enumeration found.
    public struct Outcome: Sendable, Hashable {
        /// The best feasible layout (with its derived sites), or `nil` when none is feasible.
        public var layout: Layout?
        /// The verifier's report on ``layout`` (checked by ``LayoutVerifier/verify(_:)`` on the raw scenario).
        public var report: VerificationReport?
        /// How many site plans were examined (the rest could not beat the best found before them).
        public var plansExamined: Int
        /// How many complete layouts (plan and assignment) the verifier judged (the others were skipped by the bound).
        public var layoutsExamined: Int
        /// How many of them are feasible.
        public var feasibleLayouts: Int

        /// The best score, or `nil` when no layout is feasible.
        public var bestScore: Double? { report?.score.total }
    }

    private let scenario: Scenario
    private let plans: [[DerivedSite]]

    /// Prepares the enumeration: the site plans whose every derived site some firm may take (``Eligibility``, needs
    /// only) and whose derived sites can each get a firm of its own (a matching of sites to distinct firms exists).
    ///
    /// Both filters are exact: a layout leaves no derived site empty, so each of its sites holds a firm that may take
    /// it, a different one on each.
    ///
    /// - Throws: ``TooLarge`` with more than ``ExhaustiveSearch/maxFirms`` firms or ``maxPlans`` site plans, or a raw
    ///   block without cutting rules.
    public init(scenario: Scenario) throws(TooLarge) {
        let n = scenario.firms.count
        guard n <= ExhaustiveSearch.maxFirms else {
            throw TooLarge(reason: "\(n) firms; at most \(ExhaustiveSearch.maxFirms)")
        }
        self.scenario = scenario
        let eligibility = Eligibility(scenario: scenario)
        /// The firms (bit per firm index) that may take `plot`.
        func takers(_ plot: Plot) -> UInt32 {
            var mask: UInt32 = 0
            for (i, firm) in scenario.firms.enumerated() where eligibility.needReasons(firm: firm, plot: plot).isEmpty {
                mask |= 1 << UInt32(i)
            }
            return mask
        }
        var takersOf: [String: UInt32] = [:]
        var plans: [(sites: [DerivedSite], takers: [UInt32])] = []
        for family in Self.runFamilies(of: scenario) where family.count <= n {
            let masks = family.map { site in
                if let known = takersOf[site.id] { return known }
                let mask = scenario.applying([site]).site.plots.last.map(takers) ?? 0
                takersOf[site.id] = mask
                return mask
            }
            if Self.canFill(masks) { plans.append((family, masks)) }
        }
        for block in scenario.site.rawBlocks {
            guard let rules = block.cutting(defaults: scenario.site.cutting) else {
                throw TooLarge(reason: "raw block \(block.id) has no cutting rules")
            }
            var kavlingTakers: [Kavling: UInt32] = [:]
            let families = Self.kavlingFamilies(of: block, rules: rules, atMost: n) { k in
                let mask = takers(block.plot(of: k))
                kavlingTakers[k] = mask
                return mask != 0
            }
            var next: [(sites: [DerivedSite], takers: [UInt32])] = []
            for plan in plans {
                for family in families where plan.sites.count + family.count <= n {
                    let masks = plan.takers + family.map { kavlingTakers[$0] ?? 0 }
                    guard Self.canFill(masks) else { continue }
                    next.append((plan.sites + family.map { .kavling($0) }, masks))
                    guard next.count <= Self.maxPlans else {
                        throw TooLarge(reason: "more than \(Self.maxPlans) site plans")
                    }
                }
            }
            plans = next
        }
        self.plans = plans.map(\.sites)
    }

    /// Whether each site (its takers as a bit mask of firms) can get a firm of its own: a matching that covers every
    /// site (augmenting paths; at most ``ExhaustiveSearch/maxFirms`` firms).
    static func canFill(_ takers: [UInt32]) -> Bool {
        var siteOfFirm = [Int](repeating: -1, count: 32)
        func augment(_ site: Int, _ seen: inout UInt32) -> Bool {
            var mask = takers[site] & ~seen
            while mask != 0 {
                let f = mask.trailingZeroBitCount
                mask &= mask - 1
                seen |= 1 << UInt32(f)
                if siteOfFirm[f] < 0 || augment(siteOfFirm[f], &seen) {
                    siteOfFirm[f] = site
                    return true
                }
            }
            return false
        }
        for site in takers.indices {
            var seen: UInt32 = 0
            if !augment(site, &seen) { return false }
        }
        return true
    }

    /// Every family of disjoint kavlings of `block` under `rules`, the empty family first: cuts on the module from the
    /// block's start (and at its end), widths within `min_width`…`max_width` (tolerance 1e-6 m); only kavlings
    /// `keep` accepts, and at most `atMost` of them in a family.
    public static func kavlingFamilies(
        of block: RawBlock, rules: CuttingRules, atMost: Int = .max, keep: (Kavling) -> Bool = { _ in true }
    ) -> [[Kavling]] {
        var points: [Double] = []
        var k = 0
        while Double(k) * rules.module < block.length - 1e-6 {
            points.append(Double(k) * rules.module)
            k += 1
        }
        points.append(block.length)
        // The kavlings starting at each cut point that `keep` accepts, asked once each.
        let starting: [[(end: Int, kavling: Kavling)]] = points.indices.map { i in
            guard i < points.count - 1 else { return [] }
            var out: [(end: Int, kavling: Kavling)] = []
            for j in (i + 1)..<points.count {
                let w = points[j] - points[i]
                if w > rules.maxWidth + 1e-6 { break }
                if w < rules.minWidth - 1e-6 { continue }
                let kavling = Kavling(block: block.id, start: points[i], end: points[j])
                if keep(kavling) { out.append((j, kavling)) }
            }
            return out
        }
        var out: [[Kavling]] = []
        func extend(_ i: Int, _ family: [Kavling]) {
            guard i < points.count - 1 else {
                out.append(family)
                return
            }
            extend(i + 1, family)
            guard family.count < atMost else { return }
            for (j, kavling) in starting[i] { extend(j, family + [kavling]) }
        }
        extend(0, [])
        return out
    }

    /// Every family of disjoint runs of `scenario`'s plots under `site.merging` (none without it), the empty family
    /// first: runs of 2…k mergeable plots, each beside the next (``Plot/isBeside(_:)``), all in one power block, taken
    /// in one direction (the first plot before the last in scenario order).
    public static func runFamilies(of scenario: Scenario) -> [[DerivedSite]] {
        guard let k = scenario.site.merging?.maxPlots else { return [[]] }
        let plots = scenario.site.plots
        var runs: [[Int]] = []
        func grow(_ run: [Int]) {
            if run.count >= 2, run[0] < run[run.count - 1] { runs.append(run) }
            guard run.count < k else { return }
            let last = plots[run[run.count - 1]]
            for q in plots.indices where !run.contains(q) && plots[q].mergeable && plots[q].powerBlock == last.powerBlock
                && last.isBeside(plots[q]) {
                grow(run + [q])
            }
        }
        for p in plots.indices where plots[p].mergeable { grow([p]) }
        var out: [[DerivedSite]] = []
        func choose(_ from: Int, _ used: Set<Int>, _ family: [DerivedSite]) {
            out.append(family)
            for r in from..<runs.count where used.isDisjoint(with: runs[r]) {
                choose(r + 1, used.union(runs[r]), family + [.merged(MergedRun(plots: runs[r].map { plots[$0].id }))])
            }
        }
        choose(0, [], [])
        return out
    }

    /// Tries every site plan and assignment and returns the best feasible layout.
    ///
    /// Branch and bound over the same enumeration: a plan, or a partial assignment of the first firms, is skipped
    /// when an upper bound on every layout it leads to is no better than the best found so far (within 1e-9), so
    /// the result is the one the full enumeration gives (the first best layout in enumeration order). The bound is
    /// the decided firms' score as the verifier computes it (``LayoutVerifier/unverifiedScore(plotOf:)``: placement,
    /// closeness of decided neighbouring pairs, relocation) plus, for each undecided firm, its placement value if
    /// positive and the positive closeness it could have with every other firm (sector and firm-pair ratings).
    public func run() -> Outcome {
        let firms = scenario.firms
        let n = firms.count
        let value = firms.map { max(0, scenario.rules.placementValue.value(of: $0)) }
        let lookup = ClosenessLookup(chart: scenario.closeness)
        let weights = scenario.rules.ratingWeights
        // The most closeness firms i and j can add when on neighbouring plots.
        let gain: [[Double]] = firms.map { f in
            firms.map { g in
                guard f.id != g.id else { return 0 }
                let sector = lookup.sectorRating(f.sector, g.sector).map { weights.weight($0.rating) } ?? 0
                let pair = lookup.firmRating(f.id, g.id).map { weights.weight($0.rating) } ?? 0
                return max(0, sector + pair)
            }
        }
        // rest[i]: the most the firms i..<n can add among themselves.
        var rest = [Double](repeating: 0, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            rest[i] = rest[i + 1] + value[i] + ((i + 1)..<n).reduce(0) { $0 + gain[i][$1] }
        }
        var best: (layout: Layout, total: Double)?
        var examined = 0, feasible = 0, plansExamined = 0
        for plan in plans {
            // Without a firm on some derived site the plan is skipped; with every firm placed it scores at most rest[0].
            if let best, rest[0] <= best.total + LayoutVerifier.tolerance { break }
            plansExamined += 1
            let effective = scenario.applying(plan)
            let verifier = LayoutVerifier(scenario: effective)
            let eligibility = Eligibility(scenario: effective)
            let plots = effective.site.plots
            let derived = Set(plots.indices.filter { plots[$0].derived != nil })
            let options = firms.map { firm in
                plots.indices.filter { eligibility.needReasons(firm: firm, plot: plots[$0]).isEmpty }
            }
            var plotOf = [Int?](repeating: nil, count: n)
            var used = [Bool](repeating: false, count: plots.count)
            var emptyDerived = derived.count
            var planBest: (plotOf: [Int?], total: Double)?
            func bar() -> Double { max(best?.total ?? -.infinity, planBest?.total ?? -.infinity) }
            func visit(_ i: Int) {
                guard emptyDerived <= n - i else { return }
                if i == n {
                    examined += 1
                    guard let score = verifier.feasibleScore(plotOf: plotOf) else { return }
                    feasible += 1
                    if score.total > bar() + LayoutVerifier.tolerance { planBest = (plotOf, score.total) }
                    return
                }
                if i > 0 {
                    var bound = verifier.unverifiedScore(plotOf: plotOf).total + rest[i]
                    for j in 0..<i where plotOf[j] != nil { for k in i..<n { bound += gain[j][k] } }
                    if bound <= bar() + LayoutVerifier.tolerance { return }
                }
                plotOf[i] = nil
                visit(i + 1)
                for p in options[i] where !used[p] {
                    used[p] = true
                    plotOf[i] = p
                    if derived.contains(p) { emptyDerived -= 1 }
                    visit(i + 1)
                    if derived.contains(p) { emptyDerived += 1 }
                    used[p] = false
                }
                plotOf[i] = nil
            }
            visit(0)
            guard let planBest else { continue }
            var assignments: [String: String] = [:]
            for i in 0..<n { if let p = planBest.plotOf[i] { assignments[firms[i].id] = plots[p].id } }
            best = (Layout(assignments: assignments, sites: plan), planBest.total)
        }
        guard let best else {
            return Outcome(layout: nil, report: nil, plansExamined: plansExamined, layoutsExamined: examined,
                           feasibleLayouts: 0)
        }
        let report = LayoutVerifier(scenario: scenario).verify(best.layout)
        precondition(report.isFeasible, "cut-plan search: the fast check and verify(_:) disagree: \(report.violations)")
        return Outcome(layout: best.layout, report: report, plansExamined: plansExamined, layoutsExamined: examined,
                       feasibleLayouts: feasible)
    }
}
