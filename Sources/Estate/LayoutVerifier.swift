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
    private let scenario: Scenario
    private let eligibility: Eligibility
    private let geometry: SiteGeometry
    private let firmIndex: [String: Int]
    private let plotIndex: [String: Int]
    /// Power block index of each plot (`nil` when the plot names an unknown block).
    private let plotBlock: [Int?]
    /// Placement value of each firm.
    private let placementValue: [Double]
    /// Own plot index of each incumbent (`nil` for applicants or an unknown plot id).
    private let ownPlot: [Int?]
    /// `xPair[i * n + j]`: firms i and j must be kept apart.
    private let xPair: [Bool]
    /// `pairCloseness[i * n + j]`: the rated contributions of firms i and j when neighbours (letter, weight).
    private let pairCloseness: [[(letter: String, weight: Double)]]

    /// How far apart two scores may be and still count as equal (absolute, in score units).
    package static let tolerance = 1e-9

    /// Prepares the lookups for `scenario`. Costs O(firms² + plots²) time and memory.
    public init(scenario: Scenario) {
        self.scenario = scenario
        eligibility = Eligibility(scenario: scenario)
        geometry = SiteGeometry(scenario: scenario)
        let lookup = ClosenessLookup(chart: scenario.closeness)
        var fi: [String: Int] = [:]
        for (i, f) in scenario.firms.enumerated() where fi[f.id] == nil { fi[f.id] = i }
        firmIndex = fi
        var pi: [String: Int] = [:]
        for (i, p) in scenario.site.plots.enumerated() where pi[p.id] == nil { pi[p.id] = i }
        plotIndex = pi
        var bi: [String: Int] = [:]
        for (i, b) in scenario.site.powerBlocks.enumerated() where bi[b.id] == nil { bi[b.id] = i }
        plotBlock = scenario.site.plots.map { bi[$0.powerBlock] }
        let weights = scenario.rules.placementValue
        placementValue = scenario.firms.map { weights.value(of: $0) }
        ownPlot = scenario.firms.map { f in f.incumbentPlot.flatMap { pi[$0] } }
        let firms = scenario.firms
        let n = firms.count
        let rw = scenario.rules.ratingWeights
        var x = [Bool](repeating: false, count: n * n)
        var c = [[(letter: String, weight: Double)]](repeating: [], count: n * n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                x[i * n + j] = lookup.isXPair(firms[i], firms[j])
                var parts: [(letter: String, weight: Double)] = []
                if let r = lookup.sectorRating(firms[i].sector, firms[j].sector) {
                    parts.append((r.rating.rawValue, rw.weight(r.rating)))
                }
                if let r = lookup.firmRating(firms[i].id, firms[j].id) {
                    parts.append((r.rating.rawValue, rw.weight(r.rating)))
                }
                c[i * n + j] = parts
            }
        }
        xPair = x
        pairCloseness = c
    }

    /// Checks `layout` and recomputes its score.
    ///
    /// Never fails: every broken rule becomes a ``Violation`` (see ``VerificationReport/violations`` for the order).
    /// A required incumbent that is not placed breaks two rules and is reported under both.
    public func verify(_ layout: Layout) -> VerificationReport {
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
        return collector.failed ? nil : score(plotOf: plotOf)
    }

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
        // Eligibility: the firm's needs, then (as rule `lock`) the planners' locks and reserved plots (LockRule).
        for i in 0..<n {
            guard let p = plotOf[i] else { continue }
            let needs = eligibility.needReasons(firm: firms[i], plot: plots[p])
            if !needs.isEmpty, !out.add({
                Violation(
                    rule: .ineligible,
                    message: "\(label(i)) may not take \(plots[p].id): "
                        + needs.map(\.description).joined(separator: "; "),
                    firms: [firms[i].id], plots: [plots[p].id])
            }) { return }
        }
        for i in 0..<n {
            guard let p = plotOf[i] else { continue }
            let locks = LockRule.reasons(firm: firms[i], plot: plots[p])
            if !locks.isEmpty, !out.add({
                Violation(
                    rule: .lock,
                    message: "\(label(i)) is on \(plots[p].id), which its lock or the reservation rules out: "
                        + locks.map(\.description).joined(separator: "; "),
                    firms: [firms[i].id], plots: [plots[p].id])
            }) { return }
        }
        // Firms locked to (promised) a plot are placed.
        for i in 0..<n where plotOf[i] == nil {
            guard let promised = LockRule.promisedPlot(of: firms[i]) else { continue }
            if !out.add({
                Violation(rule: .lock, message: "\(label(i)) is locked to \(promised) and is not placed",
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
        // Power.
        let blocks = scenario.site.powerBlocks
        var load = [Double](repeating: 0, count: blocks.count)
        var blockFirms = [[Int]](repeating: [], count: blocks.count)
        for i in 0..<n {
            guard let p = plotOf[i], let b = plotBlock[p] else { continue }
            load[b] += firms[i].powerKVA
            blockFirms[b].append(i)
        }
        for b in blocks.indices where load[b] > blocks[b].capacityKVA + Self.tolerance {
            if !out.add({
                Violation(rule: .power,
                          message: "power block \(blocks[b].id): \(load[b].formatted0) kVA placed, "
                              + "capacity \(blocks[b].capacityKVA.formatted0) kVA",
                          firms: blockFirms[b].map { firms[$0].id },
                          plots: blockFirms[b].map { plots[plotOf[$0]!].id })
            }) { return }
        }
        // Separation of X-rated pairs.
        let separation = scenario.rules.separationDistance
        for i in 0..<n {
            guard let p = plotOf[i] else { continue }
            for j in (i + 1)..<n {
                guard let q = plotOf[j], xPair[i * n + j], p == q || geometry.areTooClose(p, q) else { continue }
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
        for i in 0..<n {
            guard let p = plotOf[i] else { continue }
            placement += placementValue[i]
            if let own = ownPlot[i], own != p { moves += 1 }
            for j in (i + 1)..<n {
                guard let q = plotOf[j], geometry.areNeighbours(p, q) else { continue }
                for part in pairCloseness[i * n + j] where part.weight != 0 {
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
