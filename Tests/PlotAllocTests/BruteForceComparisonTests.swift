import Testing
@testable import Estate
@testable import Allocation
@testable import PlotAllocTestSupport

/// The integer program, solved by real GLPK through ``Allocator``, against ``ExhaustiveSearch`` on seeded random
/// tiny scenarios (``RandomScenario``): the solver's optimum equals the best score found by trying every layout,
/// and the solver says infeasible exactly when no layout is feasible. With and without the heuristic warm start.
@Test(arguments: 1...40)
func solverOptimumEqualsExhaustiveBest(seed: UInt64) throws {
    try compareWithExhaustiveSearch(RandomScenario.make(seed: seed), seed: seed)
}

/// The same comparison with the newer catalogue rules (wastewater treatment units, buffers) drawn on top.
@Test(arguments: 41...70)
func solverOptimumEqualsExhaustiveBestWithCatalogueRules(seed: UInt64) throws {
    try compareWithExhaustiveSearch(RandomScenario.make(seed: seed, catalogueRules: true), seed: seed)
}

/// The catalogue comparison is not vacuous: the new rules change the best score on some seeds.
@Test func catalogueRulesChangeSomeOptima() throws {
    let changed = try (UInt64(41)...70).filter { seed in
        let with = try ExhaustiveSearch(scenario: RandomScenario.make(seed: seed, catalogueRules: true)).run().bestScore
        let without = try ExhaustiveSearch(scenario: RandomScenario.make(seed: seed)).run().bestScore
        return with != without
    }
    #expect(changed.count >= 5, "\(changed)")
}

private func compareWithExhaustiveSearch(_ s: Scenario, seed: UInt64) throws {
    let oracle = try ExhaustiveSearch(scenario: s).run()
    let verifier = LayoutVerifier(scenario: s)
    for allocator in [Allocator(warmStart: true, heuristicBudget: 0.05), Allocator(warmStart: false)] {
        let result = try allocator.allocate(s)
        let mode = allocator.warmStart ? "warm" : "cold"
        if let best = oracle.bestScore {
            #expect(result.status == .optimal, "seed \(seed) \(mode): \(result.status)")
            #expect(abs((result.objective ?? .nan) - best) <= 1e-6,
                    "seed \(seed) \(mode): solver \(result.objective ?? .nan), enumeration \(best)")
            // The solver's layout, checked again here from the scenario alone.
            let report = verifier.verify(result.layout ?? Layout())
            #expect(report.isFeasible, "seed \(seed) \(mode): \(report.violations.map(\.message))")
            #expect(abs(report.score.total - best) <= 1e-6, "seed \(seed) \(mode)")
        } else {
            #expect(result.status == .infeasible, "seed \(seed) \(mode): \(result.status)")
            #expect(result.layout == nil, "seed \(seed) \(mode)")
        }
    }
}

/// The comparison is not vacuous: the seeds cover feasible and infeasible scenarios and many distinct optima.
@Test func comparisonSeedsAreVaried() throws {
    let bests = try (UInt64(1)...40).map { try ExhaustiveSearch(scenario: RandomScenario.make(seed: $0)).run().bestScore }
    let feasible = bests.compactMap { $0 }
    #expect(feasible.count >= 20 && feasible.count < 40)
    #expect(Set(feasible).count >= 15)
}
