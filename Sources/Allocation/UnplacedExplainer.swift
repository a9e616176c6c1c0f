import Estate

/// Explains, for each firm a layout leaves out, why: no eligible plot, outcompeted, blocked by a rule, or not chosen.
///
/// Works from the scenario and the layout alone, with the single definitions of the rules (``Eligibility``,
/// ``SiteGeometry``, ``ClosenessLookup``) and ``LayoutVerifier`` for score changes. The reason is about the layout as
/// given: a plot counts as taken when any firm (even one not in the scenario) is on it, and a firm on a plot id that
/// does not resolve counts as not placed. For a feasible layout, a free eligible plot is reported as blocked exactly
/// when adding the firm there would make the layout infeasible (power, separation or a quota's share).
public struct UnplacedExplainer: Sendable {
    private let scenario: Scenario
    private let eligibility: Eligibility
    private let geometry: SiteGeometry
    private let closeness: ClosenessLookup
    private let verifier: LayoutVerifier
    private let capacities: CapacityTable
    /// The verifier's firm and plot positions (one lookup for both).
    private var firmIndex: [String: Int] { verifier.firmIndex }
    private var plotIndex: [String: Int] { verifier.plotIndex }

    /// Prepares the lookups for `scenario`.
    public init(scenario: Scenario) {
        self.scenario = scenario
        eligibility = Eligibility(scenario: scenario)
        geometry = SiteGeometry(scenario: scenario)
        closeness = ClosenessLookup(chart: scenario.closeness)
        verifier = LayoutVerifier(scenario: scenario)
        capacities = CapacityTable(scenario: scenario)
    }

    /// A reason for every scenario firm that `layout` does not place on a known plot, in scenario order.
    ///
    /// With derived sites or raw land, the reasons are those of the layout's effective scenario
    /// (``Scenario/applying(_:)``), and a firm that raw land could hold is also told, in cutting terms, whether a free
    /// run of frontage wide enough for it was left in a block it may use (``RawFrontage``).
    public func explain(_ layout: Layout) -> [UnplacedReason] {
        if let cut = cutExplanation(layout) { return cut.explainer.explain(cut.layout).map(cut.frontage.amend) }
        let facts = Facts(layout, self)
        return scenario.firms.compactMap { explain(firm: $0.id, in: layout, facts) }
    }

    /// The reason `firmID` is not in `layout`; `nil` when it is placed on a known plot or is not in the scenario.
    public func explain(firm firmID: String, in layout: Layout) -> UnplacedReason? {
        if let cut = cutExplanation(layout) {
            return cut.explainer.explain(firm: firmID, in: cut.layout).map(cut.frontage.amend)
        }
        guard firmIndex[firmID] != nil else { return nil }
        if let plotID = layout.plot(of: firmID), plotIndex[plotID] != nil { return nil }
        return explain(firm: firmID, in: layout, Facts(layout, self))
    }

    /// Who is where in a layout, worked out once for all its unplaced firms (per firm it made explaining a
    /// 1,600-firm layout quadratic).
    private struct Facts {
        /// Per plot, the ids on it (known firms on known plots; any id occupies a plot), in firm order.
        var occupants: [[String]]
        /// Known firms on known plots, in firm order.
        var placed: [(firm: Int, plot: Int)]
        /// Per plot, its occupants as the reasons name them, e.g. "F3 (foundry)".
        var occupantText: [String] = []
        /// Per plot, the known firms on it.
        var firmsOn: [[Int]]
        /// What the placed firms use of each capacity resource (power blocks, …).
        var loads: CapacityTable.Loads
        /// The layout's verified score.
        var score: Double
        /// Placed firms of kind `firm` (those a quota's share counts), and per quota of the rules how many of them
        /// are in its group.
        var countedFirms = 0
        var quotaGroups: [Int] = []

        init(_ layout: Layout, _ e: UnplacedExplainer) {
            let plots = e.scenario.site.plots
            occupants = [[String]](repeating: [], count: plots.count)
            placed = []
            firmsOn = [[Int]](repeating: [], count: plots.count)
            loads = CapacityTable.Loads(e.capacities)
            for (fid, pid) in layout.assignments.sorted(by: { $0.key < $1.key }) {
                guard let p = e.plotIndex[pid] else { continue }
                occupants[p].append(fid)
                if let j = e.firmIndex[fid] { placed.append((j, p)) }
            }
            placed.sort { $0.firm < $1.firm }
            for (j, p) in placed {
                firmsOn[p].append(j)
                loads.add(e.capacities, j, p)
            }
            let index = e.firmIndex
            for p in occupants.indices { occupants[p].sort { (index[$0] ?? .max, $0) < (index[$1] ?? .max, $1) } }
            occupantText = occupants.map { $0.map(e.label).joined(separator: ", ") }
            let quotas = e.scenario.rules.quotas
            quotaGroups = [Int](repeating: 0, count: quotas.count)
            for (j, _) in placed where e.scenario.firms[j].kind == .firm {
                countedFirms += 1
                for (k, quota) in quotas.enumerated() where quota.counts(e.scenario.firms[j]) { quotaGroups[k] += 1 }
            }
            score = e.verifier.verify(layout).score.total
        }
    }

    private func explain(firm firmID: String, in layout: Layout, _ facts: Facts) -> UnplacedReason? {
        guard let i = firmIndex[firmID] else { return nil }
        if let plotID = layout.plot(of: firmID), plotIndex[plotID] != nil { return nil }
        let firm = scenario.firms[i]
        let plots = scenario.site.plots
        let eligible = plots.indices.filter { eligibility.mayTake(firm: firm, plot: plots[$0]) }
        guard !eligible.isEmpty else { return noEligiblePlot(firm) }
        let occupants = facts.occupants

        let taken = eligible.filter { !occupants[$0].isEmpty }
        let free = eligible.filter { occupants[$0].isEmpty }
        let takenLines = taken.map { "\(plots[$0].id) went to " + facts.occupantText[$0] }
        let takers = orderedFirms(taken.flatMap { occupants[$0] })

        if free.isEmpty {
            let message: String
            if taken.count == 1 {
                message = "the only plot it may take, \(plots[taken[0]].id), went to "
                    + facts.occupantText[taken[0]]
            } else {
                let all = taken.count == 2 ? "both plots" : "all \(taken.count) plots"
                message = "\(all) it may take went to others: " + taken.map {
                    "\(plots[$0].id) to " + facts.occupantText[$0]
                }.joined(separator: ", ")
            }
            return UnplacedReason(firm: firm.id, kind: .outcompeted, message: message, details: takenLines,
                                  plots: eligible.map { plots[$0].id }, firms: takers)
        }

        // Rules that stop the firm on every plot: a quota's share.
        let quotaBlocks = quotaBlocks(firm, facts: facts)
        // Rules that stop it on one plot: power and separation.
        var blocksByPlot: [Int: [String]] = [:]
        var blockers: [String] = []
        for p in free {
            let (lines, names) = plotBlocks(firm, index: i, plot: p, facts: facts)
            blocksByPlot[p] = lines
            blockers += names
        }
        let open = free.filter { blocksByPlot[$0]!.isEmpty && quotaBlocks.isEmpty }
        if !open.isEmpty {
            // Not chosen: say what placing it on the best open plot would do to the score.
            let before = facts.score
            var bestPlot = open[0], bestDelta = -Double.infinity
            for p in open {
                var with = layout
                with.assignments[firm.id] = plots[p].id
                let delta = verifier.verify(with).score.total - before
                if delta > bestDelta + LayoutVerifier.tolerance { bestPlot = p; bestDelta = delta }
            }
            let ids = open.map { plots[$0].id }
            let list = ids.count == 1 ? "\(ids[0]) is free and open to it"
                : "\(listed(ids)) are free and open to it"
            let effect: String
            if abs(bestDelta) <= LayoutVerifier.tolerance {
                effect = "placing it on \(plots[bestPlot].id) would not change the score"
            } else if bestDelta > 0 {
                effect = "placing it on \(plots[bestPlot].id) would add \(bestDelta.formatted0) to the score"
            } else {
                effect = "placing it on \(plots[bestPlot].id) would lower the score by \((-bestDelta).formatted0)"
            }
            return UnplacedReason(
                firm: firm.id, kind: .notChosen, message: "\(list) and no rule stops it; \(effect)",
                details: free.map { p in
                    blocksByPlot[p]!.isEmpty && quotaBlocks.isEmpty ? "\(plots[p].id) is free"
                        : "\(plots[p].id) is free but " + (blocksByPlot[p]! + quotaBlocks).joined(separator: ", and ")
                } + takenLines,
                plots: eligible.map { plots[$0].id }, firms: takers)
        }

        // Free plots blocked for the same reasons are named together.
        var groups: [(plots: [String], blocks: [String])] = []
        for p in free where !blocksByPlot[p]!.isEmpty {
            if let g = groups.firstIndex(where: { $0.blocks == blocksByPlot[p]! }) { groups[g].plots.append(plots[p].id) }
            else { groups.append(([plots[p].id], blocksByPlot[p]!)) }
        }
        var parts = groups.map { g in
            (g.plots.count == 1 ? "\(g.plots[0]) is free but " : "\(listed(g.plots)) are free but ")
                + g.blocks.joined(separator: ", and ")
        }
        if !quotaBlocks.isEmpty {
            let ids = free.map { plots[$0].id }
            parts.append((ids.count == 1 ? "\(ids[0]) is free but" : "\(listed(ids)) are free but")
                + " placing it would break " + quotaBlocks.joined(separator: ", and "))
        }
        parts += takenLines
        var details = free.map { p in
            "\(plots[p].id) is free but " + (blocksByPlot[p]! + quotaBlocks).joined(separator: ", and ")
        }
        details += takenLines
        return UnplacedReason(firm: firm.id, kind: .blocked, message: parts.joined(separator: "; "),
                              details: details, plots: eligible.map { plots[$0].id },
                              firms: orderedFirms(takers + blockers))
    }

    // MARK: - Blocks

    /// Capacity (power, …) and separation reasons that stop firm `i` on free plot `p`, and the firms named.
    private func plotBlocks(_ firm: Firm, index i: Int, plot p: Int, facts: Facts)
        -> (lines: [String], firms: [String])
    {
        let plots = scenario.site.plots
        let plot = plots[p]
        var lines: [String] = []
        var names: [String] = []
        // Capacity rules (power blocks, …).
        for e in capacities.ofPlot[p] {
            let load = facts.loads.load[e]
            if load + capacities.use(e, i) > capacities.entries[e].resource.capacity + LayoutVerifier.tolerance {
                lines.append(capacities.shortfall(e, load: load, firm: i, firmID: firm.id))
            }
        }
        let separation = scenario.rules.separationDistance
        // Placed firms on plots too close to p, in firm order.
        var near: [(firm: Int, plot: Int)] = []
        for q in geometry.tooCloseTo[p] { near += facts.firmsOn[q].map { ($0, q) } }
        near.sort { $0.firm < $1.firm }
        for (j, q) in near where j != i && closeness.isXPair(firm, scenario.firms[j]) {
            let other = scenario.firms[j]
            lines.append("it would be \(plot.distance(to: plots[q]).formatted0) m from \(other.id) (\(other.sector)) on "
                + "\(plots[q].id), X-rated with it (minimum \(separation.formatted0) m)")
            names.append(other.id)
        }
        return (lines, names)
    }

    /// Quota shares that hold in the layout and would fail with `firm` added (it adds to the total, not the group).
    private func quotaBlocks(_ firm: Firm, facts: Facts) -> [String] {
        guard firm.kind == .firm else { return [] }
        // Counted once per layout (in Facts): per firm it copied every placed firm for every unplaced one.
        let counted = facts.countedFirms
        var out: [String] = []
        for (k, quota) in scenario.rules.quotas.enumerated() {
            guard let share = quota.minShare, !quota.counts(firm) else { continue }
            let group = facts.quotaGroups[k]
            let tol = LayoutVerifier.tolerance
            guard Double(group) >= share * Double(counted) - tol,
                  Double(group) < share * Double(counted + 1) - tol else { continue }
            let after = 100 * Double(group) / Double(counted + 1)
            out.append("quota \(quota.groupDescription) (it would make \(group) of \(counted + 1) placed firms, "
                + "\(after.formatted0)%; at least \((100 * share).formatted0)% required)")
        }
        return out
    }

    // MARK: - No eligible plot

    private func noEligiblePlot(_ firm: Firm) -> UnplacedReason {
        let plots = scenario.site.plots
        let sectorZones = scenario.sectors.first { $0.id == firm.sector }?.zones ?? []
        let families = plots.map { Set(eligibility.reasons(firm: firm, plot: $0).map(\.family)) }
        let inZone = plots.indices.filter { !families[$0].contains(.zone) }
        let scope = "open to \(firm.sector)"
        var clauses: [String] = []
        let range = firm.area.min == firm.area.max ? "\(firm.area.min.formatted0) m²"
            : "\(firm.area.min.formatted0)–\(firm.area.max.formatted0) m²"

        if plots.isEmpty {
            clauses.append("the site has no plots")
        } else if inZone.isEmpty {
            let zones = sectorZones.isEmpty ? "no zone is open to \(firm.sector)"
                : "\(firm.sector) may use only \(sectorZones.count == 1 ? "zone" : "zones") \(listed(sectorZones))"
            clauses.append("no plot is in a zone open to \(firm.sector): \(zones)")
        } else {
            let areas = inZone.map { plots[$0].area }
            if inZone.allSatisfy({ families[$0].contains(.area) }) {
                if areas.allSatisfy({ $0 < firm.area.min }) {
                    clauses.append("needs \(range), the largest plot \(scope) is \(areas.max()!.formatted0) m²")
                } else if areas.allSatisfy({ $0 > firm.area.max }) {
                    clauses.append("needs \(range), the smallest plot \(scope) is \(areas.min()!.formatted0) m²")
                } else {
                    let below = areas.filter { $0 < firm.area.min }.max()!
                    let above = areas.filter { $0 > firm.area.max }.min()!
                    clauses.append("needs \(range); no plot \(scope) is in that range (the nearest are "
                        + "\(below.formatted0) m² and \(above.formatted0) m²)")
                }
            }
            if firm.needsMainRoad && inZone.allSatisfy({ families[$0].contains(.frontage) }) {
                let mainZones = orderedUnique(plots.filter { $0.frontage == .main }.map(\.zone))
                if mainZones.isEmpty {
                    clauses.append("needs main-road frontage; no plot has it")
                } else {
                    clauses.append("needs main-road frontage; all such plots are in the "
                        + (mainZones.count == 1 ? "\(mainZones[0]) zone, which \(firm.sector) may not use"
                            : "\(listed(mainZones)) zones, which \(firm.sector) may not use"))
                }
            }
            if let maxRent = firm.maxRent, inZone.allSatisfy({ families[$0].contains(.rent) }) {
                let cheapest = inZone.compactMap { plots[$0].rent }.min()!
                clauses.append("can pay at most \(maxRent.formatted0) IDR/m²; the cheapest plot \(scope) costs "
                    + "\(cheapest.formatted0) IDR/m²")
            }
            // Plots that pass every base test are all ruled out by exclusion rules (buffers, …).
            let fitting = plots.indices.filter { families[$0] == [.excluded] }
            if clauses.isEmpty, !fitting.isEmpty {
                if let (_, clause) = eligibility.excludingRule(firm: firm, plots: fitting.map { plots[$0] }) {
                    clauses.append("every plot it fits is \(clause)")
                } else {
                    let kinds = orderedUnique(fitting.flatMap { p in
                        eligibility.reasons(firm: firm, plot: plots[p]).compactMap { r -> String? in
                            if case .excluded(let kind, _) = r { kind.label } else { nil }
                        }
                    })
                    clauses.append("every plot it fits is ruled out by " + listed(kinds))
                }
            }
            if clauses.isEmpty {
                var needs = [range]
                if firm.needsMainRoad { needs.append("main-road frontage") }
                if let maxRent = firm.maxRent { needs.append("rent at most \(maxRent.formatted0) IDR/m²") }
                clauses.append("no plot \(scope) meets all its needs at once (\(needs.joined(separator: ", ")))")
            }
        }

        // Details: plots grouped by the set of tests that rule them out, in scenario order of first appearance.
        var groups: [(families: [IneligibilityReason.Family], plots: [Int])] = []
        for p in plots.indices {
            let key = families[p].sorted()
            if let g = groups.firstIndex(where: { $0.families == key }) { groups[g].plots.append(p) }
            else { groups.append((key, [p])) }
        }
        let details = groups.map { group -> String in
            let ps = group.plots
            let what = group.families.map { family -> String in
                switch family {
                case .zone:
                    let zones = orderedUnique(ps.map { plots[$0].zone })
                    return (zones.count == 1 ? "zone " : "zones ") + listed(zones) + " not open to \(firm.sector)"
                case .area:
                    return "area " + listed(orderedUnique(ps.map { plots[$0].area.formatted0 + " m²" }))
                        + " outside \(range)"
                case .frontage:
                    return "no main-road frontage"
                case .rent:
                    return "rent " + listed(orderedUnique(ps.compactMap { plots[$0].rent?.formatted0 }))
                        + " IDR/m² above \((firm.maxRent ?? 0).formatted0)"
                case .excluded:
                    // Exclusion rules (buffers, …): their own reasons, plot by plot.
                    return orderedUnique(ps.flatMap { p in
                        eligibility.reasons(firm: firm, plot: plots[p]).filter { $0.family == .excluded }.map(\.description)
                    }).joined(separator: "; ")
                }
            }
            return ps.map { plots[$0].id }.joined(separator: ", ") + ": " + what.joined(separator: "; ")
        }
        return UnplacedReason(firm: firm.id, kind: .noEligiblePlot, message: clauses.joined(separator: "; "),
                              details: details)
    }

    /// For a layout with derived sites, or a scenario with raw land: the explainer of its effective scenario, the
    /// layout on it (sites applied) and the raw frontage left free; `nil` otherwise.
    private func cutExplanation(_ layout: Layout)
        -> (explainer: UnplacedExplainer, layout: Layout, frontage: RawFrontage)?
    {
        guard !layout.sites.isEmpty || !scenario.site.rawBlocks.isEmpty || scenario.site.merging != nil else { return nil }
        var onEffective = layout
        onEffective.sites = []
        // The effective scenario's runs are plots already; without raw land or merging it is explained plainly.
        var effective = scenario.applying(layout.sites)
        effective.site.merging = nil
        return (UnplacedExplainer(scenario: effective), onEffective,
                RawFrontage(scenario: scenario, layout: layout))
    }

    // MARK: - Helpers

    private func label(_ id: String) -> String {
        guard let i = firmIndex[id] else { return id }
        return "\(id) (\(scenario.firms[i].sector))"
    }

    private func orderedFirms(_ ids: [String]) -> [String] {
        // Each id's firm index looked up once, not at every comparison.
        orderedUnique(ids).map { (firmIndex[$0] ?? .max, $0) }.sorted { $0 < $1 }.map(\.1)
    }

    private func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// "a", "a and b", "a, b and c".
    private func listed(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

/// The frontage of raw street blocks a cut plan leaves free, and the pre-cut plots it leaves free to merge, for
/// explaining unplaced firms in cutting terms ("no run of 24 m of frontage was left in a zone it may use").
struct RawFrontage {
    let scenario: Scenario
    let layout: Layout
    let eligibility: Eligibility
    /// Per raw block: its cutting rules and the free runs `[a, b)` between the layout's kavlings (and the ends).
    let free: [(block: RawBlock, rules: CuttingRules, runs: [(Double, Double)])]

    /// The verifier of `scenario` and its report on `layout`, for what adding a site would do.
    let verifier: LayoutVerifier
    let baseline: VerificationReport

    init(scenario: Scenario, layout: Layout) {
        self.scenario = scenario
        self.layout = layout
        eligibility = Eligibility(scenario: scenario)
        verifier = LayoutVerifier(scenario: scenario)
        baseline = verifier.verify(layout)
        let cut = Self.kavlingsByBlock(layout)
        free = scenario.site.rawBlocks.compactMap { block in
            guard let rules = block.cutting(defaults: scenario.site.cutting) else { return nil }
            let runs = Self.gaps(of: block, kavlings: cut[block.id] ?? []).filter { $0.end > $0.start + 1e-9 }
            return (block, rules, runs.map { ($0.start, $0.end) })
        }
    }

    /// The kavlings `layout` cuts, per raw block id, in frontage order.
    static func kavlingsByBlock(_ layout: Layout) -> [String: [Kavling]] {
        var cut: [String: [Kavling]] = [:]
        for case .kavling(let k) in layout.sites { cut[k.block, default: []].append(k) }
        return cut.mapValues { $0.sorted { $0.start < $1.start } }
    }

    /// A stretch of a raw block's frontage between two consecutive kavlings of a cut plan (or a kavling and the
    /// block's end): `[start, end)` with the kavlings on either side, if any. Empty (`start == end`) between two
    /// kavlings that touch.
    struct Gap {
        var start: Double
        var end: Double
        var left: Kavling?
        var right: Kavling?
    }

    /// The gaps of `block`'s frontage around `kavlings` (in frontage order, not overlapping): one before the first,
    /// one between each two consecutive, one after the last (each possibly empty); one gap, the whole frontage, when
    /// there are none.
    static func gaps(of block: RawBlock, kavlings: [Kavling]) -> [Gap] {
        var out: [Gap] = []
        var at = 0.0
        var previous: Kavling?
        for k in kavlings {
            out.append(Gap(start: at, end: max(at, k.start), left: previous, right: k))
            at = max(at, k.end)
            previous = k
        }
        out.append(Gap(start: at, end: max(at, block.length), left: previous, right: nil))
        return out
    }

    /// The narrowest kavling `firm` could take in `block` (on the module, within the block's widths and the firm's
    /// area range), or `nil` when none.
    func narrowest(_ firm: Firm, _ block: RawBlock, _ rules: CuttingRules) -> Double? {
        Self.narrowest(firm, block, rules, eligibility)
    }

    /// The narrowest kavling `firm` could take in `block` (on the module, within the block's widths and the firm's
    /// area range, passing `eligibility` at the block's start), or `nil` when none.
    static func narrowest(_ firm: Firm, _ block: RawBlock, _ rules: CuttingRules, _ eligibility: Eligibility) -> Double? {
        let least = max(rules.minWidth, firm.area.min / block.depth)
        var w = (least / rules.module - 1e-9).rounded(.up) * rules.module
        while w <= min(rules.maxWidth, firm.area.max / block.depth) + 1e-9 {
            if eligibility.mayTake(firm: firm, plot: block.plot(of: Kavling(block: block.id, start: 0, end: w))) {
                return w
            }
            w += rules.module
        }
        return nil
    }

    /// Runs of 2…`site.merging.max_plots` mergeable plots side by side in one power block whose every plot passes
    /// `firm`'s tests other than area (zone, road, rent, exclusions), among `among` (plot ids; `nil`: every plot),
    /// with their total areas; empty without `site.merging`.
    func mergeableRuns(for firm: Firm, among: Set<String>?) -> [(run: MergedRun, area: Double)] {
        guard let k = scenario.site.merging?.maxPlots else { return [] }
        let plots = scenario.site.plots.filter { p in
            p.mergeable && (among?.contains(p.id) ?? true)
                && eligibility.reasons(firm: firm, plot: p).allSatisfy { $0.family == .area }
        }
        var out: [(run: MergedRun, area: Double)] = []
        func grow(_ run: [Int], _ area: Double) {
            if run.count >= 2, run[0] < run[run.count - 1] {
                out.append((MergedRun(plots: run.map { plots[$0].id }), area))
            }
            guard run.count < k else { return }
            let last = plots[run[run.count - 1]]
            for q in plots.indices where !run.contains(q) && plots[q].powerBlock == last.powerBlock
                && last.isBeside(plots[q]) {
                grow(run + [q], area + plots[q].area)
            }
        }
        for p in plots.indices { grow([p], plots[p].area) }
        return out
    }

    /// Whether `firm` could take some kavling of the raw land or some run of merged plots, whatever the layout.
    func couldTakeADerivedSite(_ firm: Firm) -> Bool {
        free.contains { narrowest(firm, $0.block, $0.rules) != nil }
            || mergeableRuns(for: firm, among: nil).contains { firm.area.contains($0.area) }
    }

    /// `reason` with what the raw land and the plots free to merge offer the firm: per raw block it may use, the
    /// frontage left uncut (details); whether a free run of frontage is wide enough for it (and if so, what cutting
    /// a kavling there would do), or that none is ("no run of 24 m of frontage was left in a zone it may use"); and,
    /// under `site.merging`, for a firm no single plot holds, whether free plots side by side could be merged for
    /// it.
    func amend(_ reason: UnplacedReason) -> UnplacedReason {
        guard let firm = scenario.firms.first(where: { $0.id == reason.firm }) else { return reason }
        var out = reason
        var usable: [(block: String, need: Double, uncut: Double, longest: (Double, Double))] = []
        for (block, rules, runs) in free {
            guard let need = narrowest(firm, block, rules) else { continue }
            let longest = runs.max { $0.1 - $0.0 < $1.1 - $1.0 } ?? (0, 0)
            usable.append((block.id, need, runs.reduce(0) { $0 + $1.1 - $1.0 }, longest))
        }
        if !usable.isEmpty {
            out.details.append("raw blocks it may use: " + usable.map { u in
                "\(u.block) \(u.uncut.formatted0) m uncut (longest free run \((u.longest.1 - u.longest.0).formatted0) "
                    + "m; it needs \(u.need.formatted0) m)"
            }.joined(separator: ", "))
            if let fit = usable.first(where: { $0.longest.1 - $0.longest.0 >= $0.need - 1e-9 }) {
                let clause = "raw block \(fit.block) still has a free run of "
                    + "\((fit.longest.1 - fit.longest.0).formatted0) m of frontage, enough for the \(fit.need.formatted0) m "
                    + "it needs"
                let kavling = Kavling(block: fit.block, start: fit.longest.0, end: fit.longest.0 + fit.need)
                out = tried(out, firm: firm, site: .kavling(kavling), clause: clause, verb: "cutting")
            } else {
                let need = usable.map(\.need).min()!
                let longest = usable.max { $0.longest.1 - $0.longest.0 < $1.longest.1 - $1.longest.0 }!
                let clause = "no run of \(need.formatted0) m of frontage was left in a zone it may use (the longest free "
                    + "run in a raw block it may use is \((longest.longest.1 - longest.longest.0).formatted0) m, in "
                    + "\(longest.block))"
                out.message = reason.kind == .noEligiblePlot ? clause : reason.message + "; " + clause
                if reason.kind == .noEligiblePlot { out.kind = .outcompeted }
                out.details.append(clause)
            }
        }
        guard scenario.site.merging != nil, out.kind == .noEligiblePlot || out.kind == .outcompeted else { return out }
        // Plots a run could take: not occupied and not merged already.
        var busy = Set(layout.assignments.values)
        for case .merged(let run) in layout.sites { busy.formUnion(run.plots) }
        let freePlots = Set(scenario.site.plots.map(\.id).filter { !busy.contains($0) })
        let singleFits = scenario.site.plots.contains { freePlots.contains($0.id) && eligibility.mayTake(firm: firm, plot: $0) }
        guard !singleFits else { return out }
        let runs = mergeableRuns(for: firm, among: freePlots)
        if let fit = runs.filter({ firm.area.contains($0.area) }).min(by: { ($0.area, $0.run.plots.count) < ($1.area, $1.run.plots.count) }) {
            let clause = "the free plots \(fit.run.id) (\(fit.area.formatted0) m²) lie side by side and may be merged for "
                + "it"
            return tried(out, firm: firm, site: .merged(fit.run), clause: clause, verb: "merging")
        }
        let range = "\(firm.area.min.formatted0)–\(firm.area.max.formatted0) m²"
        var clause = "no run of adjacent mergeable plots of \(range) was free in a zone it may use"
        if let largest = runs.max(by: { $0.area < $1.area }) {
            clause += " (the largest free run is \(largest.run.id), \(largest.area.formatted0) m²)"
        } else {
            clause += " (no free mergeable plots it may use lie side by side)"
        }
        out.message = out.message + "; " + clause
        out.details.append(clause)
        return out
    }

    /// `reason` for a firm that `site` (a kavling of free frontage, or a run of free plots) could hold: when no plot
    /// of the layout holds it (no eligible plot, or all taken), what adding `site` with the firm on it would do, as
    /// the verifier finds it: break no rule (not chosen, with the score's change) or break some (blocked); otherwise
    /// `clause` is added to the details.
    private func tried(_ reason: UnplacedReason, firm: Firm, site: DerivedSite, clause: String, verb: String)
        -> UnplacedReason
    {
        var out = reason
        out.details.append(clause)
        guard reason.kind == .noEligiblePlot || reason.kind == .outcompeted else { return out }
        var with = layout
        with.sites.append(site)
        with.assignments[firm.id] = site.id
        let before = baseline
        let after = verifier.verify(with)
        // Rules the layout already breaks (a hand-made one) are not the site's doing.
        let known = Set(before.violations.map(\.message))
        let broken = after.violations.filter { !known.contains($0.message) }
        let lead = reason.kind == .noEligiblePlot ? "" : reason.message + "; "
        if broken.isEmpty {
            let delta = after.score.total - before.score.total
            let effect = abs(delta) <= LayoutVerifier.tolerance ? "would not change the score"
                : delta > 0 ? "would add \(delta.formatted0) to the score"
                : "would lower the score by \((-delta).formatted0)"
            out.kind = .notChosen
            out.message = lead + clause + "; \(verb) \(site.id) for it breaks no rule and " + effect
        } else {
            out.kind = .blocked
            out.message = lead + clause + ", but \(verb) \(site.id) for it would break a rule: "
                + broken.prefix(2).map(\.message).joined(separator: "; ")
            out.details += broken.map(\.message)
        }
        out.plots.append(site.id)
        return out
    }
}
