import Testing
@testable import Estate
@testable import Allocation
import PlotAllocTestSupport

/// plotalloc's optimum on raw land and merged runs against ``CutPlanSearch``, the enumeration of every cut plan, set
/// of runs and assignment judged by ``LayoutVerifier`` alone (it never sees the model), at the size issue 13 asks
/// for: up to 3 raw blocks with 30 m of frontage in all, module 2 m, kavlings 4–14 m, up to 6 firms; and rows of up
/// to 6 pre-cut plots merging up to 3, up to 6 firms. Seeded cases (``RandomCutScenario``) solved by real GLPK.
///
/// Bounded work: a raw case whose model has more than ``maxColumns`` columns is not solved (GLPK's search on the
/// largest closeness models takes seconds to tens of seconds; the enumeration itself takes at most a few seconds on
/// any case), and the tests check that enough cases of each size were compared.
enum CutPlanOracle {
    static let maxColumns = 450

    /// Solves `s` with each allocator and compares with the enumeration; `nil` when skipped for its size.
    static func compare(_ s: Scenario, seed: UInt64, allocators: [Allocator]) throws -> CutPlanSearch.Outcome? {
        guard Formulation.build(s).model.variables.count <= maxColumns else { return nil }
        let oracle = try CutPlanSearch(scenario: s).run()
        try expectAllocatorsReach(oracle.bestScore, on: s, seed: seed, allocators: allocators)
        return oracle
    }

    static let warm = Allocator(warmStart: true, heuristicBudget: 0.05, blockBound: false)
    static let cold = Allocator(warmStart: false, blockBound: false)
}

@Test func rawLandOptimumEqualsEveryCutPlanEnumerated() throws {
    var compared = 0, sixFirms = 0, threeBlocks = 0, cut = 0
    for seed in UInt64(1)...60 {
        let s = RandomCutScenario.raw(seed: seed, maxFirms: 6, frontage: 30)
        #expect(s.site.rawBlocks.reduce(0) { $0 + $1.length } <= 30 && s.firms.count <= 6)
        // Warm and cold solves alternate by seed, so each case costs one solve.
        let allocator = seed % 2 == 0 ? CutPlanOracle.warm : CutPlanOracle.cold
        guard let out = try CutPlanOracle.compare(s, seed: seed, allocators: [allocator]) else { continue }
        compared += 1
        if s.firms.count == 6 { sixFirms += 1 }
        if s.site.rawBlocks.count == 3 { threeBlocks += 1 }
        if out.layout?.sites.isEmpty == false { cut += 1 }
    }
    #expect(compared >= 45, "only \(compared) cases compared")
    #expect(sixFirms >= 8 && threeBlocks >= 10 && cut >= 30, "\(compared) compared, \(sixFirms) with 6 firms, \(threeBlocks) with 3 blocks, \(cut) cut")
}

@Test func mergedRunOptimumEqualsEveryRunSetEnumerated() throws {
    var compared = 0, sixFirms = 0, merged = 0
    for seed in UInt64(1)...120 {
        // Odd seeds draw firms that need 240–600 m², most of them more than one 120–240 m² plot.
        let s = RandomCutScenario.merging(seed: seed, maxFirms: 6, larger: seed % 2 == 1)
        let out = try #require(try CutPlanOracle.compare(s, seed: seed, allocators: [CutPlanOracle.warm, CutPlanOracle.cold]))
        compared += 1
        if s.firms.count == 6 { sixFirms += 1 }
        if out.layout?.sites.isEmpty == false { merged += 1 }
    }
    #expect(compared == 120 && sixFirms >= 15 && merged >= 15, "\(compared) compared, \(sixFirms) with 6 firms, \(merged) with runs")
}
