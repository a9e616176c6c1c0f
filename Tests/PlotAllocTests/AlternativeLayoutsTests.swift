import Testing
@testable import Estate
@testable import Allocation
@testable import Reports

/// Every feasible layout of a tiny scenario with its score, by enumeration and the independent reference scorer
/// (nothing shared with the integer program).
private func enumerated(_ s: Scenario) -> [(layout: Layout, score: Double)] {
    AllocationTestScenarios.allLayouts(s).compactMap { a in
        AllocationTestScenarios.referenceScore(s, a).map { (Layout(assignments: a), $0) }
    }
}

/// The layouts scoring at least `best − within × |best|`, best first.
private func expected(_ s: Scenario, within: Double) -> [(layout: Layout, score: Double)] {
    let all = enumerated(s)
    let best = all.map(\.score).max()!
    let floor = best - within * abs(best)
    return all.filter { $0.score >= floor - 1e-7 }.sorted { $0.score > $1.score }
}

private func close(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($0)) }
}

/// Requiring more layouts than exist: every layout above the floor is found, none twice, best first, and the search
/// says it is exhausted.
@Test(arguments: [0.0, 0.05, 0.15])
func findsEveryLayoutAboveTheFloorOfTheSmallScenario(within: Double) throws {
    let s = AllocationTestScenarios.small()
    let want = expected(s, within: within)
    let best = try Allocator().allocate(s)
    let set = try #require(try AlternativeLayouts().find(in: s, count: want.count + 3, within: within, best: best))
    #expect(set.stop == .exhausted)
    #expect(set.layouts.count == want.count)
    #expect(Set(set.layouts.map(\.layout)) == Set(want.map(\.layout)))
    #expect(close(set.layouts.map(\.score.total), want.map(\.score)))
    #expect(set.layouts.allSatisfy { $0.isProvenNext })
    #expect(set.solves == want.count)   // one per layout after the first, and the one that proves none is left
}

/// Asking for fewer than exist: exactly K, and they are the K best (by score).
@Test func stopsAtKWithTheKBestScores() throws {
    let s = AllocationTestScenarios.small()
    let want = expected(s, within: 0.5)
    try #require(want.count > 4)
    let set = try #require(try AlternativeLayouts().find(in: s, count: 4, within: 0.5, best: try Allocator().allocate(s)))
    #expect(set.stop == .found)
    #expect(set.layouts.count == 4)
    #expect(close(set.layouts.map(\.score.total), Array(want.prefix(4).map(\.score))))
    #expect(Set(set.layouts.map(\.layout)).count == 4)
}

/// With every placement value zero, adding a firm without neighbours leaves the score unchanged, so layouts that
/// contain others tie with them. The exact no-good cut must not lose those supersets (the plain Σ x ≤ |L| − 1
/// would).
@Test func keepsTiedSupersetLayouts() throws {
    var s = AllocationTestScenarios.small()
    s.rules.placementValue = PlacementWeights(base: 0, perWorker: 0, perBillionIDR: 0, perPriority: 0)
    let want = expected(s, within: 0)
    let placedCounts = Set(want.map(\.layout.assignments.count))
    try #require(placedCounts.count > 1, "the test needs optimal layouts of different sizes")
    let set = try #require(try AlternativeLayouts().find(in: s, count: want.count + 1, within: 0,
                                                           best: try Allocator().allocate(s)))
    #expect(set.stop == .exhausted)
    #expect(Set(set.layouts.map(\.layout)) == Set(want.map(\.layout)))
}

/// The frequency table, robust core and same-plot list agree with counting over the enumerated layouts.
@Test func frequenciesAndRobustCoreMatchTheLayouts() throws {
    let s = AllocationTestScenarios.small()
    let want = expected(s, within: 0.1)
    let set = try #require(try AlternativeLayouts().find(in: s, count: want.count + 1, within: 0.1,
                                                           best: try Allocator().allocate(s)))
    try #require(set.stop == .exhausted)
    for f in set.frequencies {
        let plots = want.compactMap { $0.layout.plot(of: f.firm) }
        #expect(f.placed == plots.count, "\(f.firm)")
        for (plot, count) in f.plots { #expect(plots.filter { $0 == plot }.count == count, "\(f.firm) on \(plot)") }
    }
    let core = s.firms.map(\.id).filter { id in want.allSatisfy { $0.layout.plot(of: id) != nil } }
    #expect(set.robustCore == core)
    let same = s.firms.map(\.id).filter { id in
        let plots = Set(want.map { $0.layout.plot(of: id) })
        return plots.count == 1 && plots.first! != nil
    }
    #expect(set.samePlotInAll.map(\.firm) == same)
    #expect(set.neverPlaced == s.firms.map(\.id).filter { id in want.allSatisfy { $0.layout.plot(of: id) == nil } })
}

/// Random tiny scenarios covering every rule: the alternatives are exactly the enumerated layouts above the floor
/// (or, when there are many, the best 25 by score).
@Test(arguments: 1...12)
func matchesEnumerationOnRandomScenarios(seed: UInt64) throws {
    let s = RandomScenario.make(seed: seed, firms: 2...6, plots: 2...6)
    let best = try Allocator().allocate(s)
    guard best.layout != nil else {
        #expect(AllocationTestScenarios.bruteForceOptimum(s) == nil)
        #expect(try AlternativeLayouts().find(in: s, count: 3, within: 0.1, best: best) == nil)
        return
    }
    let want = expected(s, within: 0.1)
    let k = min(want.count + 1, 25)
    let set = try #require(try AlternativeLayouts().find(in: s, count: k, within: 0.1, best: best))
    if want.count < k {
        #expect(set.stop == .exhausted)
        #expect(Set(set.layouts.map(\.layout)) == Set(want.map(\.layout)))
    } else {
        #expect(set.stop == .found)
        #expect(set.layouts.count == k)
    }
    #expect(close(set.layouts.map(\.score.total), Array(want.prefix(set.layouts.count).map(\.score))))
    for e in set.layouts {
        #expect(LayoutVerifier(scenario: s).verify(e.layout).isFeasible)
    }
}

/// One layout asked for: the solve's own, no re-solve.
@Test func oneLayoutIsTheSolvesOwn() throws {
    let s = AllocationTestScenarios.small()
    let best = try Allocator().allocate(s)
    let set = try #require(try AlternativeLayouts().find(in: s, count: 1, within: 0.1, best: best))
    #expect(set.layouts.map(\.layout) == [best.layout!])
    #expect(set.stop == .found)
    #expect(set.solves == 0)
}

/// The text and JSON renderers name the stop reason, the core and every layout.
@Test func renderersListLayoutsAndCore() throws {
    let s = AllocationTestScenarios.small()
    let set = try #require(try AlternativeLayouts().find(in: s, count: 3, within: 0.2,
                                                           best: try Allocator().allocate(s)))
    let text = AlternativeLayoutsTextReport(scenario: s, set: set).render()
    #expect(text.contains("Alternatives: 3 of 3 layouts within 20.0 % of the optimum"))
    #expect(text.contains("stopped: found all 3 asked for"))
    #expect(text.contains("Robust core (placed in all 3): " + set.robustCore.joined(separator: ", ")))
    let json = AlternativeLayoutsJSONReport(scenario: s, set: set).render()
    #expect(json.contains("\"stop\" : \"found\""))
    #expect(json.contains("\"rank\" : 3"))
}
