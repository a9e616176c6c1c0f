import Foundation
import MIPModel
import PlotAllocSupport
import Estate

/// A constructive heuristic and local search for a good feasible layout, to hand to the solver as a warm start.
///
/// Greedy first: firms that must be placed (required firms, incumbents), fewest choices first, then the rest by
/// placement value per m² of the smallest area they can use, each on the free plot that adds most (its own value,
/// closeness with the firms already placed, relocation) without breaking a rule. Then quotas are repaired, and
/// improving moves are applied until none is left or the time budget is spent: insert an unplaced firm, move a firm
/// to a free plot, swap two firms, replace a firm by an unplaced one (the displaced firm re-placed where it fits
/// best, or left out when it may be), and drop a firm whose net contribution is negative.
///
/// It works only on the (firm, plot) pairs the ``AllocationModel`` has variables for, so its layout always has a
/// start vector. Its own running score is a guide; callers check the layout with ``LayoutVerifier`` before trusting
/// it. Deterministic for a given scenario (ties broken by index); the time budget may end it early.
public struct LayoutHeuristic: Sendable {
    private let scenario: Scenario
    private let candidates: [[Int]]
    private let fixedPlot: [Int: Int]
    /// The model's cover groups (``AllocationModel/coverGroups``): at most one occupied plot in each.
    private let groups: [[Int]]
    /// The scenario's own plots (``AllocationModel/ownPlotCount``): only later plots are derived sites of a layout.
    private let ownPlotCount: Int

    /// Prepares the search over the pairs `model` has variables for; `scenario` is the one the model was built from
    /// (under raw land or merging its candidate sites, ``AllocationModel/plan``, are the plots searched).
    public init(scenario: Scenario, model: AllocationModel) {
        self.scenario = model.plotScenario(scenario)
        groups = model.coverGroups
        ownPlotCount = model.ownPlotCount
        var c = [[Int]](repeating: [], count: scenario.firms.count)
        var fixed: [Int: Int] = [:]
        for a in model.assignmentVariables {
            c[a.firm].append(a.plot)
            if a.isFixed { fixed[a.firm] = a.plot }
        }
        candidates = c.map { $0.sorted() }
        fixedPlot = fixed
    }

    /// What a run found.
    public struct Outcome: Sendable {
        /// The layout, or `nil` when the greedy could not place every firm that must be placed or meet the quotas.
        public var layout: Layout?
        /// The heuristic's own score of the layout (to be confirmed by the verifier).
        public var score: Double
        /// Improving moves applied by the local search.
        public var improvements: Int
        /// Seconds spent.
        public var seconds: Double
        /// Ruin-and-recreate trials of the iterated local search.
        public var trials: Int = 0
    }

    /// The iterated local search's trials when none are given: `max(20, 1,500,000 / (firms × plots))` (phase 1:
    /// 1,420, where its patience, `20 × plots` trials without improvement, ends it after 945; the expansion: 111).
    /// A count, not a clock, so that the layout is the same on any machine; a trial costs about `firms × plots`, so
    /// this is a fixed amount of work, a fraction of a second in a release build, and small models run to their
    /// patience. Tuned on generated estates (44 firms on 24 plots, seeds 11–13, as phase 1 of a 176-firm estate and
    /// as whole estates; 32 × 24 seeds 3 and 5; 50 × 34 seeds 2 and 3), against the 200,000 used before: a better
    /// construction on 4 of the 10 (two of them optimal), never a worse one, and never more sub-problems in the
    /// search that follows (47 in all either way); 1,000,000 cost one of them 4 more sub-problems.
    public static func automaticTrials(firms: Int, plots: Int) -> Int {
        max(20, 1_500_000 / max(1, firms * plots))
    }

    /// Runs the greedy, the local search and the iterated local search.
    ///
    /// The run ends by work, not by the clock, so that its layout is the same on a loaded and an idle machine: the
    /// local search descends until no move improves, and the iterated local search stops after `maxTrials` trials
    /// (``automaticTrials(firms:plots:)`` when `nil`) or `20 × max(plots, 10)` trials in a row without improvement.
    /// `timeBudget` is only a safety net (the greedy always completes): a run it ends is not reproducible.
    ///
    /// - Parameters:
    ///   - seed: seeds the ruin-and-recreate choices (the default, 2018, is the historical seed).
    ///   - interrupt: when requested (Ctrl-C), the local search and the trials stop at once with the best layout.
    public func run(timeBudget: Double = 2, maxTrials: Int? = nil, seed: UInt64 = 2018,
                    interrupt: SolveInterrupt? = nil) -> Outcome {
        let clock = ContinuousClock()
        let began = clock.now
        var state = SearchState(scenario: scenario, candidates: candidates, groups: groups)
        for (f, p) in fixedPlot.sorted(by: { $0.key < $1.key }) { _ = state.place(f, p, force: true) }
        guard state.greedy(fixedPlot: fixedPlot), state.repairQuotas(fixedPlot: fixedPlot) else {
            return Outcome(layout: nil, score: state.score, improvements: 0, seconds: elapsed(began, clock))
        }
        let deadline = began.advanced(by: .milliseconds(Int64(max(0, timeBudget) * 1000)))
        let stopped = { interrupt?.isRequested == true || clock.now >= deadline }
        var improvements = state.localSearch(fixedPlot: fixedPlot, timeUp: stopped)
        // Iterated local search: ruin a random neighbourhood, re-place greedily, descend; keep the best.
        var best = state
        var rng = SeededGenerator(seed: seed)
        var stall = 0
        let patience = 20 * max(scenario.site.plots.count, 10)
        let trialLimit = maxTrials
            ?? Self.automaticTrials(firms: scenario.firms.count, plots: scenario.site.plots.count)
        var trials = 0
        while trials < trialLimit && !stopped() && stall < patience {
            stall += 1
            trials += 1
            var trial = best
            trial.ruinAndRecreate(fixedPlot: fixedPlot, rng: &rng)
            guard trial.quotasHold() else { continue }
            let steps = trial.localSearch(fixedPlot: fixedPlot, timeUp: stopped)
            if trial.score > best.score + 1e-7 && trial.quotasHold() {
                best = trial
                improvements += steps + 1
                stall = 0
            }
        }
        state = best
        var assignments: [String: String] = [:]
        var sites: [DerivedSite] = []
        for (f, p) in state.plotOf.enumerated() where p >= 0 {
            assignments[scenario.firms[f].id] = scenario.site.plots[p].id
            if p >= ownPlotCount, let site = scenario.site.plots[p].derived { sites.append(site) }
        }
        return Outcome(
            layout: Layout(assignments: assignments, sites: sites.sorted { $0.id < $1.id }), score: state.score, improvements: improvements,
            seconds: elapsed(began, clock), trials: trials)
    }

    private func elapsed(_ began: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = clock.now - began
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// The mutable state of one heuristic run: who is where, block loads, quota counts and the running score.
private struct SearchState {
    let firms: [Firm]
    let plots: [Plot]
    let candidates: [[Int]]
    let candidateSets: [Set<Int>]
    let value: [Double]
    let ownPlot: [Int]
    let movePenalty: Double
    let mustPlace: [Bool]
    let sectorOf: [Int]
    let sectorWeight: [[Double]]
    let sectorX: [[Bool]]
    /// Per firm index, the firms it has a firm-level rating with and the rating's weight (mostly empty). An array
    /// indexed by firm, not a dictionary: `contribution` and `fits` ask it millions of times per construction, and
    /// hashing the firm index was half of the construction's instructions on phase 1.
    let firmWeight: [[Int: Double]]
    /// Per firm index, the firms it has a firm-level X rating with.
    let firmX: [Set<Int>]
    let neighbours: [[Int]]
    let tooClose: [[Int]]
    /// The capacity rules' resources (power blocks, …).
    let capacities: CapacityTable
    let quotas: [Quota]

    /// Cover groups and, per plot, the groups it is in (``AllocationModel/coverGroups``).
    let groupsOf: [[Int]]

    var plotOf: [Int]
    var firmOn: [Int]
    /// Occupied plots per cover group (0 or 1 in a feasible state).
    var busy: [Int]
    var loads: CapacityTable.Loads
    var score = 0.0

    init(scenario: Scenario, candidates: [[Int]], groups: [[Int]] = []) {
        var of = [[Int]](repeating: [], count: scenario.site.plots.count)
        for (g, members) in groups.enumerated() { for p in members { of[p].append(g) } }
        groupsOf = of
        busy = Array(repeating: 0, count: groups.count)
        firms = scenario.firms
        plots = scenario.site.plots
        self.candidates = candidates
        candidateSets = candidates.map(Set.init)
        let pw = scenario.rules.placementValue
        value = firms.map { pw.value(of: $0) }
        var plotIndex: [String: Int] = [:]
        for (i, p) in plots.enumerated() where plotIndex[p.id] == nil { plotIndex[p.id] = i }
        ownPlot = firms.map { f in f.incumbentPlot.flatMap { plotIndex[$0] } ?? -1 }
        movePenalty = scenario.rules.incumbents.movePenalty
        mustPlace = firms.map(\.mustBePlaced)
        var sectorIndex: [String: Int] = [:]
        for (i, s) in scenario.sectors.enumerated() where sectorIndex[s.id] == nil { sectorIndex[s.id] = i }
        sectorOf = firms.map { sectorIndex[$0.sector] ?? -1 }
        let lookup = ClosenessLookup(chart: scenario.closeness)
        let rw = scenario.rules.ratingWeights
        let sectors = scenario.sectors
        sectorWeight = sectors.map { a in sectors.map { b in rw.weight(lookup.sectorRating(a.id, b.id)?.rating) } }
        sectorX = sectors.map { a in sectors.map { b in lookup.sectorRating(a.id, b.id)?.rating == .x } }
        var firmIndex: [String: Int] = [:]
        for (i, f) in firms.enumerated() where firmIndex[f.id] == nil { firmIndex[f.id] = i }
        var fw = [[Int: Double]](repeating: [:], count: firms.count)
        var fx = [Set<Int>](repeating: [], count: firms.count)
        for r in scenario.closeness.firms {
            guard let a = firmIndex[r.a], let b = firmIndex[r.b], a != b,
                  let rating = lookup.firmRating(r.a, r.b)?.rating else { continue }
            let w = rw.weight(rating)
            if w != 0 {
                fw[a][b] = w
                fw[b][a] = w
            }
            if rating == .x {
                fx[a].insert(b)
                fx[b].insert(a)
            }
        }
        firmWeight = fw
        firmX = fx
        let geometry = SiteGeometry(scenario: scenario)
        neighbours = geometry.neighboursOf
        tooClose = geometry.tooCloseTo
        capacities = CapacityTable(scenario: scenario)
        quotas = scenario.rules.quotas
        plotOf = Array(repeating: -1, count: firms.count)
        firmOn = Array(repeating: -1, count: plots.count)
        loads = CapacityTable.Loads(capacities)
    }

    // MARK: - Pair terms

    func weight(_ f: Int, _ g: Int) -> Double {
        var w = 0.0
        let s = sectorOf[f], t = sectorOf[g]
        if s >= 0 && t >= 0 { w += sectorWeight[s][t] }
        if !firmWeight[f].isEmpty, let fw = firmWeight[f][g] { w += fw }
        return w
    }

    func isX(_ f: Int, _ g: Int) -> Bool {
        let s = sectorOf[f], t = sectorOf[g]
        if s >= 0 && t >= 0 && sectorX[s][t] { return true }
        return !firmX[f].isEmpty && firmX[f].contains(g)
    }

    /// What firm `f` adds on plot `p` given the other occupants: value, relocation, closeness.
    func contribution(_ f: Int, _ p: Int) -> Double {
        var c = value[f]
        if ownPlot[f] >= 0 && ownPlot[f] != p { c -= movePenalty }
        for q in neighbours[p] {
            let g = firmOn[q]
            if g >= 0 && g != f { c += weight(f, g) }
        }
        return c
    }

    /// Whether `f` fits on free plot `p` now: the capacity rules (power, …) and separation (eligibility, with the
    /// exclusion rules, is in the candidates).
    func fits(_ f: Int, _ p: Int) -> Bool {
        guard firmOn[p] < 0 else { return false }
        for g in groupsOf[p] where busy[g] > 0 { return false }
        if !loads.fits(capacities, f, p) { return false }
        for q in tooClose[p] {
            let g = firmOn[q]
            if g >= 0 && g != f && isX(f, g) { return false }
        }
        return true
    }

    /// Places `f` on `p` if it fits (or unconditionally with `force`); returns the score change, `nil` if not placed.
    mutating func place(_ f: Int, _ p: Int, force: Bool = false) -> Double? {
        guard force || fits(f, p) else { return nil }
        let c = contribution(f, p)
        plotOf[f] = p
        firmOn[p] = f
        for g in groupsOf[p] { busy[g] += 1 }
        loads.add(capacities, f, p)
        score += c
        return c
    }

    /// Removes `f` from its plot; returns the score change.
    @discardableResult
    mutating func remove(_ f: Int) -> Double {
        let p = plotOf[f]
        guard p >= 0 else { return 0 }
        let c = contribution(f, p)
        plotOf[f] = -1
        firmOn[p] = -1
        for g in groupsOf[p] { busy[g] -= 1 }
        loads.add(capacities, f, p, sign: -1)
        score -= c
        return -c
    }

    func quotasHold() -> Bool {
        guard !quotas.isEmpty else { return true }
        var placedFirms = 0
        var group = [Int](repeating: 0, count: quotas.count)
        for (f, p) in plotOf.enumerated() where p >= 0 && firms[f].kind == .firm {
            placedFirms += 1
            for (k, q) in quotas.enumerated() where q.counts(firms[f]) { group[k] += 1 }
        }
        for (k, q) in quotas.enumerated() {
            if let c = q.minCount, group[k] < c { return false }
            if let s = q.minShare, Double(group[k]) < s * Double(placedFirms) - 1e-9 { return false }
        }
        return true
    }

    // MARK: - Greedy

    /// The free candidate plot where `f` adds most, ties to the smaller plot.
    func bestPlot(for f: Int) -> (plot: Int, gain: Double)? {
        var best: (plot: Int, gain: Double)?
        for p in candidates[f] where fits(f, p) {
            let g = contribution(f, p)
            if let b = best {
                if g > b.gain + 1e-9 || (abs(g - b.gain) <= 1e-9 && plots[p].area < plots[b.plot].area) {
                    best = (p, g)
                }
            } else {
                best = (p, g)
            }
        }
        return best
    }

    mutating func greedy(fixedPlot: [Int: Int]) -> Bool {
        let free = firms.indices.filter { fixedPlot[$0] == nil }
        let must = free.filter { mustPlace[$0] }.sorted { (candidates[$0].count, $0) < (candidates[$1].count, $1) }
        for f in must {
            guard let best = bestPlot(for: f) else { return false }
            _ = place(f, best.plot)
        }
        let density = firms.indices.map { value[$0] / max(firms[$0].area.min, 1) }
        let rest = free.filter { !mustPlace[$0] }.sorted { (density[$0], -$0) > (density[$1], -$1) }
        for f in rest {
            if let best = bestPlot(for: f), best.gain > 0 { _ = place(f, best.plot) }
        }
        return true
    }

    /// Meets unmet quotas by placing group firms (on free plots or instead of non-group firms that may leave) and,
    /// for shares, by removing the least valuable non-group firms. Returns whether every quota holds.
    mutating func repairQuotas(fixedPlot: [Int: Int]) -> Bool {
        var guardCount = 0
        while !quotasHold() && guardCount < 10 * max(firms.count, 1) {
            guardCount += 1
            guard let k = quotas.indices.first(where: { !quotaHolds($0) }) else { break }
            let q = quotas[k]
            // Try to add a group firm.
            var added = false
            let groupUnplaced = firms.indices.filter { plotOf[$0] < 0 && q.counts(firms[$0]) && fixedPlot[$0] == nil }
                .sorted { value[$0] > value[$1] }
            for f in groupUnplaced {
                if let best = bestPlot(for: f) {
                    _ = place(f, best.plot)
                    added = true
                    break
                }
                // Take the plot of a non-group firm that may leave.
                for p in candidates[f] {
                    let g = firmOn[p]
                    guard g >= 0, fixedPlot[g] == nil, !mustPlace[g], !q.counts(firms[g]) else { continue }
                    remove(g)
                    if place(f, p) != nil {
                        added = true
                        break
                    }
                    _ = place(g, p, force: true)
                }
                if added { break }
            }
            if added { continue }
            // For a share, drop the least valuable non-group kind-firm that may leave.
            guard q.minShare != nil else { return false }
            let droppable = firms.indices.filter {
                plotOf[$0] >= 0 && fixedPlot[$0] == nil && !mustPlace[$0] && firms[$0].kind == .firm
                    && !q.counts(firms[$0])
            }
            guard let g = droppable.min(by: { contribution($0, plotOf[$0]) < contribution($1, plotOf[$1]) }) else {
                return false
            }
            remove(g)
        }
        return quotasHold()
    }

    func quotaHolds(_ k: Int) -> Bool {
        let q = quotas[k]
        var placedFirms = 0, group = 0
        for (f, p) in plotOf.enumerated() where p >= 0 && firms[f].kind == .firm {
            placedFirms += 1
            if q.counts(firms[f]) { group += 1 }
        }
        if let c = q.minCount, group < c { return false }
        if let s = q.minShare, Double(group) < s * Double(placedFirms) - 1e-9 { return false }
        return true
    }

    // MARK: - Iterated local search

    /// Removes the firms (that may leave) on a random plot and the plots around it, then re-places every unplaced
    /// firm greedily by value density, each where it adds most.
    mutating func ruinAndRecreate(fixedPlot: [Int: Int], rng: inout SeededGenerator) {
        guard !plots.isEmpty else { return }
        let centre = Int(rng.next() % UInt64(plots.count))
        var region = [centre] + neighbours[centre]
        for q in neighbours[centre] where rng.next() % 2 == 0 { region += neighbours[q] }
        for p in Set(region) {
            let f = firmOn[p]
            if f >= 0 && fixedPlot[f] == nil && !mustPlace[f] { remove(f) }
        }
        var unplaced = firms.indices.filter { plotOf[$0] < 0 && fixedPlot[$0] == nil }
        // Random tie-breaking keeps restarts diverse; the order is by value density with noise.
        let noise = unplaced.map { _ in Double(rng.next() % 1000) / 4000 }
        let key = Dictionary(uniqueKeysWithValues: zip(unplaced, noise).map { f, n in
            (f, value[f] / max(firms[f].area.min, 1) * (1 + n))
        })
        unplaced.sort { key[$0]! > key[$1]! }
        for f in unplaced {
            if let best = bestPlot(for: f), best.gain > 0 { _ = place(f, best.plot) }
        }
    }

    // MARK: - Local search

    /// Applies improving moves until none is left or `timeUp` says so; returns how many were applied.
    mutating func localSearch(fixedPlot: [Int: Int], timeUp: () -> Bool) -> Int {
        let movable = firms.indices.filter { fixedPlot[$0] == nil }
        var applied = 0
        var improved = true
        let eps = 1e-7
        while improved && !timeUp() {
            improved = false
            for f in movable {
                if timeUp() { break }
                let p = plotOf[f]
                if p < 0 {
                    // Insert on a free plot.
                    if let best = bestPlot(for: f), best.gain > eps {
                        _ = place(f, best.plot)
                        if quotasHold() { applied += 1; improved = true; continue }
                        remove(f)
                    }
                    // Replace a firm that may leave; the displaced firm goes to its best free plot if it gains.
                    for q in candidates[f] {
                        let g = firmOn[q]
                        guard g >= 0, fixedPlot[g] == nil, !mustPlace[g] else { continue }
                        let before = score
                        remove(g)
                        guard place(f, q) != nil else { _ = place(g, q, force: true); continue }
                        var gPlot = -1
                        if let b = bestPlot(for: g), b.gain > 0 { _ = place(g, b.plot); gPlot = b.plot }
                        if score > before + eps && quotasHold() {
                            applied += 1
                            improved = true
                            break
                        }
                        if gPlot >= 0 { remove(g) }
                        remove(f)
                        _ = place(g, q, force: true)
                    }
                    continue
                }
                // Drop a firm whose net contribution is negative.
                if !mustPlace[f] && contribution(f, p) < -eps {
                    remove(f)
                    if quotasHold() { applied += 1; improved = true; continue }
                    _ = place(f, p, force: true)
                }
                // Move to a free plot.
                var moved = false
                for q in candidates[f] where q != p && firmOn[q] < 0 {
                    let before = score
                    remove(f)
                    if place(f, q) != nil {
                        if score > before + eps { applied += 1; improved = true; moved = true; break }
                        remove(f)
                    }
                    _ = place(f, p, force: true)
                }
                if moved { continue }
                // Swap with the firm on another candidate plot that may take this plot.
                for q in candidates[f] where q != p {
                    let g = firmOn[q]
                    guard g >= 0, fixedPlot[g] == nil, candidateSets[g].contains(p) else { continue }
                    let before = score
                    remove(f)
                    remove(g)
                    if place(f, q) != nil {
                        if place(g, p) != nil {
                            if score > before + eps { applied += 1; improved = true; break }
                            remove(g)
                        }
                        remove(f)
                    }
                    _ = place(f, p, force: true)
                    _ = place(g, q, force: true)
                }
            }
        }
        return applied
    }
}
