import MIPModel
import Estate

/// Puts one rule conflict in a planner's terms, from the scenario in which only the conflicting rules are
/// enforced (the `core` scenario: every other rule relaxed).
///
/// Tries, in order: must-place firms that outnumber the plots they may take (Hall's condition, with the plots
/// held by fixed incumbents), a capacity's least possible load (power block, …: a GLPK minimisation), a quota's best possible
/// count (a GLPK maximisation), an X-rated pair of must-place firms whose possible plots are all too close, the
/// formulation's own structural conflicts, and finally a plain list of the rules.
struct ConflictDescriber {
    let scenario: Scenario
    let original: Scenario
    let check: FeasibilityCheck
    private let eligibility: Eligibility
    private let geometry: SiteGeometry
    private let isFixed: Bool

    /// `scenario` is the core scenario; `original` the scenario the members' quota indices refer to.
    init(scenario: Scenario, original: Scenario, check: FeasibilityCheck) {
        self.scenario = scenario
        self.original = original
        self.check = check
        eligibility = Eligibility(scenario: scenario)
        geometry = SiteGeometry(scenario: scenario)
        if case .fixed = scenario.rules.incumbents { isFixed = true } else { isFixed = false }
    }

    /// The message and supporting lines for a conflict among `groups`, whose conflicting members are `members`.
    func describe(groups: [RuleGroup], members: [RuleMember], movableDissolves: Bool)
        throws(AllocationError) -> (String, [String])
    {
        if Set(groups).isSubset(of: [.required, .incumbents]), let m = hall() { return (m, []) }
        for case .part(let kind, let id) in members {
            if case .capacity(let rule) = kind.shape, let m = try capacity(rule, id) { return (m, []) }
        }
        for case .quota(let k) in members { if let m = try quota(k) { return (m, []) } }
        if groups.contains(.separation), let m = separation() { return (m, []) }
        let structural = Formulation.build(scenario).structuralConflicts
        if !structural.isEmpty { return (structural.joined(separator: "; "), []) }
        return ("these rules cannot all hold at once: "
            + listed(members.map { $0.label(in: scenario) }), [])
    }

    // MARK: - Firms that must be placed

    private var firms: [Firm] { scenario.firms }
    private var plots: [Plot] { scenario.site.plots }

    private func mustPlace(_ f: Firm) -> Bool { f.mustBePlaced }

    /// The plot indices `f` can end up on: its own plot for a fixed incumbent, else every eligible plot.
    private func possiblePlots(_ f: Firm) -> [Int] {
        if isFixed, let own = f.incumbentPlot { return plots.indices.filter { plots[$0].id == own } }
        return plots.indices.filter { eligibility.mayTake(firm: f, plot: plots[$0]) }
    }

    /// "required firms F1 and F6", "required firm F1 and incumbent F6", "incumbents F6 and F7".
    func roles(_ ids: [String]) -> String {
        let byID = Dictionary(firms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let incumbents = ids.filter { byID[$0]?.isIncumbent == true }
        let required = ids.filter { byID[$0]?.required == true && byID[$0]?.isIncumbent != true }
        let other = ids.filter { !incumbents.contains($0) && !required.contains($0) }
        var parts: [String] = []
        if !required.isEmpty { parts.append((required.count == 1 ? "required firm " : "required firms ") + listed(required)) }
        if !incumbents.isEmpty { parts.append((incumbents.count == 1 ? "incumbent " : "incumbents ") + listed(incumbents)) }
        if !other.isEmpty { parts.append((other.count == 1 ? "firm " : "firms ") + listed(other)) }
        return parts.joined(separator: " and ")
    }

    // MARK: - Hall: more must-place firms than plots

    private func hall() -> String? {
        let placers = firms.filter { $0.required && !(isFixed && $0.isIncumbent) }
            + (isFixed ? [] : firms.filter { $0.isIncumbent && !$0.required })
        guard !placers.isEmpty else { return nil }
        var held: [Int: String] = [:]
        if isFixed {
            for f in firms {
                guard let own = f.incumbentPlot, let p = plots.firstIndex(where: { $0.id == own }) else { continue }
                held[p] = f.id
            }
        }
        let eligible = Set(placers.flatMap { f in plots.indices.filter { eligibility.mayTake(firm: f, plot: plots[$0]) } })
            .sorted()
        let free = eligible.filter { held[$0] == nil }
        guard placers.count > free.count else { return nil }
        let who = roles(placers.map(\.id))
        let pronoun = placers.count == 1 ? "it needs" : "they need"
        if eligible.isEmpty {
            // In a minimal conflict this is one firm: say why no plot passes its tests.
            let reasons = placers.compactMap { UnplacedExplainer(scenario: scenario).explain(firm: $0.id, in: Layout()) }
            if reasons.count == 1 { return "\(who) has no plot it may take: \(reasons[0].message)" }
            return "\(who) can take no plot (\(pronoun) \(needs(placers)))"
        }
        let list = listed(eligible.map { plots[$0].id })
        var out = "\(who) can only take \(list) (\(pronoun) \(needs(placers))); "
        let heldLines = eligible.compactMap { p in held[p].map { "\($0) on \(plots[p].id)" } }
        if heldLines.isEmpty {
            out += "that is \(plural(eligible.count, "plot")) for \(plural(placers.count, "firm"))"
        } else if free.isEmpty {
            let all = eligible.count == 1 ? "it is" : (eligible.count == 2 ? "both are" : "all \(eligible.count) are")
            out += "\(all) held by fixed incumbents (\(heldLines.joined(separator: ", ")))"
        } else {
            out += "only \(free.count) of them \(free.count == 1 ? "is" : "are") free of fixed incumbents "
                + "(\(heldLines.joined(separator: ", ")))"
        }
        return out
    }

    /// "250–400 m² in zone heavy", "300 m² or more with main-road frontage".
    private func needs(_ group: [Firm]) -> String {
        let lo = group.map(\.area.min).min()!, hi = group.map(\.area.max).max()!
        let largest = plots.map(\.area).max() ?? 0
        var out = group.count > 1 && hi >= largest ? "\(lo.formatted0) m² or more"
            : (lo == hi ? "\(lo.formatted0) m²" : "\(lo.formatted0)–\(hi.formatted0) m²")
        var zones: [String] = []
        for f in group {
            for z in scenario.sectors.first(where: { $0.id == f.sector })?.zones ?? [] where !zones.contains(z) {
                zones.append(z)
            }
        }
        let siteZones = Set(plots.map(\.zone))
        if !siteZones.isSubset(of: Set(zones)) {
            out += zones.count == 1 ? " in zone \(zones[0])" : " in zones \(listed(zones, "or"))"
        }
        if group.allSatisfy(\.needsMainRoad) { out += " with main-road frontage" }
        return out
    }

    // MARK: - Capacities (power blocks, …)

    /// The least load the must-place firms put on resource `id` of capacity rule `rule`, when above its capacity.
    private func capacity(_ rule: any CapacityRule.Type, _ id: String) throws(AllocationError) -> String? {
        let table = CapacityTable(scenario: scenario)
        guard let e = table.entries.firstIndex(where: { $0.rule.kind == rule.kind && $0.resource.id == id })
        else { return nil }
        let resource = table.entries[e].resource
        let served = Set(resource.plots)
        let open = ScenarioRelaxation(members: [.part(rule.kind, id)]).apply(to: scenario)
        guard let best = try check.optimum(open, .minimize, of: { m in
            var e2 = LinearExpression()
            for a in m.assignmentVariables where served.contains(a.plot) && table.use(e, a.firm) != 0 {
                e2.add(a.variable, table.use(e, a.firm))
            }
            return e2
        }), best.value > resource.capacity + 1e-9 else { return nil }
        let on = firms.indices.filter { f in
            best.layout.plot(of: firms[f].id).flatMap { pid in plots.firstIndex { $0.id == pid } }
                .map { served.contains($0) } ?? false
        }
        let named = on.filter { table.use(e, $0) > 0 }.map { firms[$0].id }
        let who = named.isEmpty ? "the firms that must be placed" : roles(named)
        let need = named.count == 1 ? "needs" : "need"
        return "\(table.name(e)): \(who) \(need) at least \(table.amount(e, best.value)) on its plots, "
            + "capacity \(table.amount(e, resource.capacity))"
    }

    // MARK: - Quotas

    private func quota(_ k: Int) throws(AllocationError) -> String? {
        // Member indices refer to the original quotas; the core scenario holds only the conflicting ones.
        guard k < original.rules.quotas.count,
              let kc = scenario.rules.quotas.firstIndex(of: original.rules.quotas[k]) else { return nil }
        let q = scenario.rules.quotas[kc]
        let open = ScenarioRelaxation(members: [.quota(kc)]).apply(to: scenario)
        let counted = firms.map { q.counts($0) }
        guard let best = try check.optimum(open, .maximize, of: { m in
            var e = LinearExpression()
            for a in m.assignmentVariables where counted[a.firm] { e.add(a.variable) }
            return e
        }) else { return nil }
        let most = Int(best.value.rounded())
        let others = firms.filter { mustPlace($0) }
        let alongside = others.isEmpty ? "" : " alongside \(roles(others.map(\.id)))"
        if let minCount = q.minCount, most < minCount {
            return "quota \(q.groupDescription) needs at least \(minCount) placed firms of its group; "
                + "at most \(most) can be placed\(alongside)"
        }
        if let share = q.minShare, share > 0 {
            let outside = firms.filter { mustPlace($0) && $0.kind == .firm && !q.counts($0) }
            guard !outside.isEmpty else { return nil }
            let pct = (100 * share).formatted0
            if share >= 1 {
                return "quota \(q.groupDescription) needs every placed firm in its group, but \(roles(outside.map(\.id))) "
                    + "must be placed and \(outside.count == 1 ? "is" : "are") not"
            }
            let need = Int((share * Double(outside.count) / (1 - share) - 1e-9).rounded(.up))
            guard most < need else { return nil }
            return "quota \(q.groupDescription) needs at least \(pct)% of the placed firms in its group; "
                + "\(roles(outside.map(\.id))) must be placed and \(outside.count == 1 ? "is" : "are") outside it, "
                + "so at least \(need) firms of the group must be too, and at most \(most) can be"
        }
        return nil
    }

    // MARK: - Separation

    private func separation() -> String? {
        let lookup = ClosenessLookup(chart: scenario.closeness)
        let must = firms.filter(mustPlace)
        let distance = scenario.rules.separationDistance.formatted0
        for (i, f) in must.enumerated() {
            for g in must[(i + 1)...] where lookup.isXPair(f, g) {
                let pf = possiblePlots(f), pg = possiblePlots(g)
                guard !pf.isEmpty, !pg.isEmpty,
                      pf.allSatisfy({ p in pg.allSatisfy { q in p == q || geometry.areTooClose(p, q) } })
                else { continue }
                let rating = lookup.sectorRating(f.sector, g.sector)?.rating == .x
                    ? (f.sector == g.sector ? "sector \(f.sector) is rated X with itself"
                        : "sectors \(f.sector) and \(g.sector) are rated X")
                    : "firms \(f.id) and \(g.id) are rated X"
                func part(_ x: Firm, _ ps: [Int]) -> String {
                    isFixed && x.isIncumbent ? "\(x.id) keeps \(plots[ps[0]].id)"
                        : "\(x.id) can only take \(listed(ps.map { plots[$0].id }, "or"))"
                }
                var out = "\(rating) (at least \(distance) m apart), but \(roles([f.id, g.id])) cannot be that far "
                    + "apart: \(part(f, pf)) and \(part(g, pg))"
                if pf.count == 1, pg.count == 1, pf[0] != pg[0] {
                    out += ", \(plots[pf[0]].distance(to: plots[pg[0]]).formatted0) m apart"
                } else {
                    out += "; every such pair is closer than \(distance) m"
                }
                return out
            }
        }
        return nil
    }

    // MARK: - Text

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// "a", "a and b", "a, b and c" (or with another conjunction).
func listed(_ items: [String], _ conjunction: String = "and") -> String {
    items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
}
