/// Checks a layout against a scenario, from the scenario alone, and recomputes its score.
///
/// The independent check every layout passes before it is trusted, whatever produced it (the integer program, a
/// heuristic, a file a planner typed). It never looks at a model or a solver: it applies the meaning of a layout
/// (issue 4) through the single definitions of the rules: ``Eligibility`` (may a firm take a plot),
/// ``SiteGeometry`` (neighbours and too-close plots) and ``ClosenessLookup`` (ratings by pair).
///
/// An invalid layout is scored, not rejected: ids that do not resolve are reported and left out of the score; firms
/// on plots they may not take, on shared plots or in breach of any rule are still scored as placed. Two X-rated
/// firms on one plot count as 0 m apart. Sums (power, share) are compared with a tolerance of 1e-9.
public struct LayoutVerifier: Sendable {
    let scenario: Scenario
    private let eligibility: Eligibility
    private let geometry: SiteGeometry
    /// Each firm id's position in the scenario (the first, where an id repeats); also the explanations' lookup.
    package let firmIndex: [String: Int]
    /// Each plot id's position in the site (the first, where an id repeats); also the explanations' lookup.
    package let plotIndex: [String: Int]
    /// The capacity rules' resources (power blocks, …).
    private let capacities: CapacityTable
    /// Placement value of each firm.
    private let placementValue: [Double]
    /// Own plot index of each incumbent (`nil` for applicants or an unknown plot id).
    private let ownPlot: [Int?]
    /// Own plot id of each incumbent (`nil` for applicants): in an effective scenario it may name a plot merged into
    /// a run, which is then a move.
    private let ownPlotID: [String?]
    /// Whether the scenario's plots keep the land-use rule (``LandUseRule``; `true` when not declared).
    private let landUseHolds: Bool
    /// The closeness chart's lookups, asked only about the pairs a layout puts on neighbouring or too-close plots.
    private let lookup: ClosenessLookup

    /// How far apart two scores may be and still count as equal (absolute, in score units).
    package static let tolerance = 1e-9

    /// Prepares the lookups for `scenario`. Costs O(firms + plots²) time and O(firms + plots + pairs of
    /// neighbouring or too-close plots) memory; each ``verify(_:)`` then costs O(firms + placed firms × their
    /// plots' neighbours and too-close plots), not O(firms²).
    public init(scenario: Scenario) {
        self.scenario = scenario
        eligibility = Eligibility(scenario: scenario)
        geometry = SiteGeometry(scenario: scenario)
        var fi: [String: Int] = [:]
        for (i, f) in scenario.firms.enumerated() where fi[f.id] == nil { fi[f.id] = i }
        firmIndex = fi
        var pi: [String: Int] = [:]
        for (i, p) in scenario.site.plots.enumerated() where pi[p.id] == nil { pi[p.id] = i }
        plotIndex = pi
        capacities = CapacityTable(scenario: scenario)
        let weights = scenario.rules.placementValue
        placementValue = scenario.firms.map { weights.value(of: $0) }
        ownPlot = scenario.firms.map { f in f.incumbentPlot.flatMap { pi[$0] } }
        ownPlotID = scenario.firms.map(\.incumbentPlot)
        landUseHolds = scenario.rules.landUse.map { $0.breaches(scenario).isEmpty } ?? true
        lookup = ClosenessLookup(chart: scenario.closeness)
    }

    /// Checks `layout` and recomputes its score.
    ///
    /// Never fails: every broken rule becomes a ``Violation`` (see ``VerificationReport/violations`` for the order).
    /// A required incumbent that is not placed breaks two rules and is reported under both.
    public func verify(_ layout: Layout) -> VerificationReport {
        guard layout.sites.isEmpty else { return verifyDerived(layout) }
        var report = verifyAssignments(layout)
        report.violations += landUseViolations()
        return report
    }

    /// The land-use rule's violations on this verifier's scenario (``LandUseRule``), none when it is not declared.
    func landUseViolations() -> [Violation] {
        guard let rule = scenario.rules.landUse else { return [] }
        let kept = scenario.site.plots
        return rule.breaches(scenario).map { breach in
            Violation(rule: Violation.Rule(.landUse), message: breach.message,
                      plots: kept.filter { $0.phase == breach.phase }.map(\.id))
        }
    }

    /// The checks of ``verify(_:)`` on the assignments alone (the scenario's plots as they are).
    func verifyAssignments(_ layout: Layout) -> VerificationReport {
        var violations: [Violation] = []
        var plotOf = [Int?](repeating: nil, count: scenario.firms.count)
        var unknownOnPlot: [Int: [String]] = [:]
        var unknownPlots: [Violation] = []
        for (firmID, plotID) in layout.assignments.sorted(by: { $0.key < $1.key }) {
            let p = plotIndex[plotID]
            if let i = firmIndex[firmID] {
                if let p { plotOf[i] = p }
            } else {
                violations.append(Violation(
                    rule: .unknownFirm, message: "firm \(firmID) (on plot \(plotID)) is not in the scenario",
                    firms: [firmID], plots: p == nil ? [] : [plotID]))
                if let p { unknownOnPlot[p, default: []].append(firmID) }
            }
            if p == nil {
                unknownPlots.append(Violation(
                    rule: .unknownPlot, message: "plot \(plotID) (given to \(firmID)) is not in the scenario",
                    firms: [firmID], plots: [plotID]))
            }
        }
        // Unknown plots in scenario order of their firm (known firms first), then by id.
        unknownPlots.sort { a, b in
            let ia = firmIndex[a.firms[0]] ?? Int.max, ib = firmIndex[b.firms[0]] ?? Int.max
            return ia != ib ? ia < ib : a.firms[0] < b.firms[0]
        }
        violations += unknownPlots
        var collector = Collector(collecting: true)
        check(plotOf: plotOf, unknownOnPlot: unknownOnPlot, into: &collector)
        violations += collector.violations
        return VerificationReport(violations: violations, score: score(plotOf: plotOf))
    }

    /// The score of a feasible placement, or `nil` when `plotOf` breaks any rule. The fast path of
    /// ``ExhaustiveSearch``: the same rules as ``verify(_:)`` without building messages.
    ///
    /// `plotOf[i]` is the index (in `scenario.site.plots`) of firm i's plot, `nil` when unplaced.
    package func feasibleScore(plotOf: [Int?]) -> ScoreBreakdown? {
        var collector = Collector(collecting: false)
        check(plotOf: plotOf, unknownOnPlot: [:], into: &collector)
        guard !collector.failed, landUseHolds else { return nil }
        return score(plotOf: plotOf)
    }

    /// The score of `plotOf` (plot index per firm, `nil` unplaced) without checking any rule: the placement of the
    /// placed firms, the closeness of the placed pairs on neighbouring plots and the relocation of moved incumbents.
    /// An exhaustive oracle's bound on a partial layout (`PlotAllocTestSupport`); indices must be in range.
    package func unverifiedScore(plotOf: [Int?]) -> ScoreBreakdown { score(plotOf: plotOf) }

    /// Collects violations, or only notes that one occurred (and stops the checks early).
    struct Collector {
        let collecting: Bool
        var violations: [Violation] = []
        var failed = false

        init(collecting: Bool) { self.collecting = collecting }

        /// Records a violation; returns `false` when checking should stop.
        mutating func add(_ make: () -> Violation) -> Bool {
            failed = true
            if collecting { violations.append(make()) }
            return collecting
        }
    }

    private func label(_ i: Int) -> String { "\(scenario.firms[i].id) (\(scenario.firms[i].sector))" }

    private func check(plotOf: [Int?], unknownOnPlot: [Int: [String]], into out: inout Collector) {
        let firms = scenario.firms
        let plots = scenario.site.plots
        let n = firms.count
        // One firm per plot.
        var onPlot = [[Int]](repeating: [], count: plots.count)
        for i in 0..<n { if let p = plotOf[i] { onPlot[p].append(i) } }
        for p in plots.indices {
            let unknown = unknownOnPlot[p] ?? []
            let count = onPlot[p].count + unknown.count
            guard count > 1 else { continue }
            let ids = onPlot[p].map { firms[$0].id } + unknown
            if !out.add({
                Violation(
                    rule: .plotShared,
                    message: "plot \(plots[p].id) is given to \(count) firms: \(ids.joined(separator: ", ")); "
                        + "a plot holds at most one firm",
                    firms: ids, plots: [plots[p].id])
            }) { return }
        }
        // Eligibility: the base tests as one violation, each exclusion rule's reasons as one of its own kind.
        for i in 0..<n {
            guard let p = plotOf[i] else { continue }
            let reasons = eligibility.reasons(firm: firms[i], plot: plots[p])
            guard !reasons.isEmpty else { continue }
            var byRule: [(rule: Violation.Rule, reasons: [String])] = []
            for r in reasons {
                let rule: Violation.Rule = if case .excluded(let kind, _) = r { Violation.Rule(kind) } else { .ineligible }
                if let k = byRule.firstIndex(where: { $0.rule == rule }) { byRule[k].reasons.append(r.description) }
                else { byRule.append((rule, [r.description])) }
            }
            for (rule, texts) in byRule {
                if !out.add({
                    Violation(
                        rule: rule, message: "\(label(i)) may not take \(plots[p].id): " + texts.joined(separator: "; "),
                        firms: [firms[i].id], plots: [plots[p].id])
                }) { return }
            }
        }
        // Firms locked to (promised) a plot are placed.
        for i in 0..<n where plotOf[i] == nil {
            guard let promised = LockRule.promisedPlot(of: firms[i]) else { continue }
            if !out.add({
                Violation(rule: Violation.Rule(.locks), message: "\(label(i)) is locked to \(promised) and is not placed",
                          firms: [firms[i].id], plots: [promised])
            }) { return }
        }
        // Required firms.
        for i in 0..<n where firms[i].required && plotOf[i] == nil {
            if !out.add({
                Violation(rule: .requiredUnplaced, message: "required firm \(label(i)) is not placed",
                          firms: [firms[i].id])
            }) { return }
        }
        // Incumbents placed.
        for i in 0..<n where firms[i].isIncumbent && plotOf[i] == nil {
            let own = firms[i].incumbentPlot ?? "?"
            if !out.add({
                Violation(rule: .incumbentUnplaced,
                          message: "incumbent \(label(i)) is not placed; it occupies \(own) today",
                          firms: [firms[i].id], plots: [own])
            }) { return }
        }
        // Incumbents kept on their own plot under the fixed policy.
        if case .fixed = scenario.rules.incumbents {
            for i in 0..<n {
                guard let own = firms[i].incumbentPlot, let p = plotOf[i], plots[p].id != own else { continue }
                if !out.add({
                    Violation(rule: .incumbentMoved,
                              message: "incumbent \(label(i)) is on \(plots[p].id); under the fixed policy it "
                                  + "keeps its own plot \(own)",
                              firms: [firms[i].id], plots: [plots[p].id, own])
                }) { return }
            }
        }
        // Capacity rules (power blocks, …): per resource, the placed firms' use within its capacity.
        for (e, entry) in capacities.entries.enumerated() {
            let served = Set(entry.resource.plots)
            let on = (0..<n).filter { i in plotOf[i].map { served.contains($0) } ?? false }
            let load = on.reduce(0.0) { $0 + capacities.use(e, $1) }
            guard load > entry.resource.capacity + Self.tolerance else { continue }
            if !out.add({
                Violation(rule: Violation.Rule(entry.rule.kind), message: capacities.overload(e, load: load),
                          firms: on.map { firms[$0].id }, plots: on.map { plots[plotOf[$0]!].id })
            }) { return }
        }
        // Separation of X-rated pairs.
        let separation = scenario.rules.separationDistance
        for i in 0..<n {
            guard let p = plotOf[i] else { continue }
            // The firms after i on its plot or on a plot too close to it, in firm order.
            var near = onPlot[p].filter { $0 > i }
            for q in geometry.tooCloseTo[p] { near += onPlot[q].filter { $0 > i } }
            near.sort()
            for j in near {
                guard let q = plotOf[j], lookup.isXPair(firms[i], firms[j]) else { continue }
                let d = p == q ? 0 : plots[p].distance(to: plots[q])
                if !out.add({
                    Violation(rule: .separation,
                              message: "\(label(i)) and \(label(j)) are X-rated and \(d.formatted0) m apart; "
                                  + "the minimum is \(separation.formatted0) m",
                              firms: [firms[i].id, firms[j].id], plots: [plots[p].id, plots[q].id])
                }) { return }
            }
        }
        // Quotas.
        let counted = (0..<n).filter { plotOf[$0] != nil && firms[$0].kind == .firm }
        for quota in scenario.rules.quotas {
            let group = counted.filter { quota.counts(firms[$0]) }
            if let minCount = quota.minCount, group.count < minCount {
                if !out.add({
                    Violation(rule: .quota,
                              message: "quota \(quota.groupDescription): \(group.count) placed, "
                                  + "at least \(minCount) required",
                              firms: group.map { firms[$0].id })
                }) { return }
            }
            if let share = quota.minShare,
               Double(group.count) < share * Double(counted.count) - Self.tolerance {
                if !out.add({
                    let actual = counted.isEmpty ? 0 : 100 * Double(group.count) / Double(counted.count)
                    return Violation(rule: .quota,
                              message: "quota \(quota.groupDescription): \(group.count) of \(counted.count) "
                                  + "placed firms (\(actual.formatted0)%), at least "
                                  + "\((100 * share).formatted0)% required",
                              firms: group.map { firms[$0].id })
                }) { return }
            }
        }
    }

    private func score(plotOf: [Int?]) -> ScoreBreakdown {
        let n = scenario.firms.count
        var placement = 0.0, closeness = 0.0, moves = 0
        var byRating: [String: Double] = [:]
        let firms = scenario.firms
        let rw = scenario.rules.ratingWeights
        var onPlot = [[Int]](repeating: [], count: scenario.site.plots.count)
        for i in 0..<n { if let p = plotOf[i] { onPlot[p].append(i) } }
        for i in 0..<n {
            guard let p = plotOf[i] else { continue }
            placement += placementValue[i]
            if let own = ownPlotID[i], scenario.site.plots[p].id != own { moves += 1 }
            // The firms after i on neighbouring plots, in firm order (the order the sums were always taken in).
            var near: [Int] = []
            for q in geometry.neighboursOf[p] { near += onPlot[q].filter { $0 > i } }
            near.sort()
            for j in near {
                // The sector pair's rating, then the firm pair's.
                var parts: [(letter: String, weight: Double)] = []
                if let r = lookup.sectorRating(firms[i].sector, firms[j].sector) {
                    parts.append((r.rating.rawValue, rw.weight(r.rating)))
                }
                if let r = lookup.firmRating(firms[i].id, firms[j].id) {
                    parts.append((r.rating.rawValue, rw.weight(r.rating)))
                }
                for part in parts where part.weight != 0 {
                    closeness += part.weight
                    byRating[part.letter, default: 0] += part.weight
                }
            }
        }
        let relocation = scenario.rules.incumbents.movePenalty * Double(moves)
        return ScoreBreakdown(placement: placement, closeness: closeness, relocation: relocation,
                              closenessByRating: byRating)
    }
}
