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
    try expectAllocatorsReach(oracle.bestScore, on: s, seed: seed,
                              allocators: [Allocator(warmStart: true, heuristicBudget: 0.05), Allocator(warmStart: false)])
}

/// The comparison is not vacuous: the seeds cover feasible and infeasible scenarios and many distinct optima.
@Test func comparisonSeedsAreVaried() throws {
    let bests = try (UInt64(1)...40).map { try ExhaustiveSearch(scenario: RandomScenario.make(seed: $0)).run().bestScore }
    let feasible = bests.compactMap { $0 }
    #expect(feasible.count >= 20 && feasible.count < 40)
    #expect(Set(feasible).count >= 15)
}
