import Foundation
import Testing
import PlotAllocTestSupport
@testable import Estate
@testable import Allocation
@testable import MIPModel
@testable import GLPKBackend

/// ``RawLandBound`` (`docs/formulation.md`, section 12, "A bound for raw land") is a bound: on seeded random tiny
/// raw-land and merging scenarios (``RandomCutScenario``) it is at least the best layout of the exhaustive cut-plan
/// oracle (``CutPlanSearch``) and at least GLPK's proven optimum of the exact candidate model; on the bundled raw
/// expansion at least the score of the pre-cut expansion's layout written as a cut plan. Bounded work: a fixed number
/// of price updates, no clock.
@Suite struct RawLandBoundTests {
    static let iterations = 40

    /// The exhaustive oracle, on seeds small enough for it (it enumerates every cut plan and assignment).
    @Test func boundIsAtLeastTheOracle() throws {
        var feasible = 0
        for seed: UInt64 in 1...10 {
            let s = RandomCutScenario.raw(seed: seed, maxFirms: 3)
            let oracle = try CutPlanSearch(scenario: s).run()
            let bound = try #require(RawLandBound.upperBound(s, maxIterations: Self.iterations))
            #expect(bound.iterations >= 1 && bound.method == .streetBlockLagrangian)
            guard let best = oracle.bestScore else { continue }
            feasible += 1
            #expect(bound.value >= best - 1e-6, "seed \(seed): bound \(bound.value) below the optimum \(best)")
        }
        #expect(feasible >= 3)
    }

    /// GLPK's proven optimum of the exact candidate model (`docs/formulation.md` section 12), on many more seeds:
    /// raw land, and pre-cut plots with merging.
    @Test func boundIsAtLeastGLPKsOptimum() throws {
        var compared = 0
        for seed in UInt64(1)...40 {
            for s in [RandomCutScenario.raw(seed: seed, maxFirms: 4), RandomCutScenario.merging(seed: seed, maxFirms: 4)] {
                let result = try Allocator(warmStart: false, blockBound: false, workLimit: 150).allocate(s)
                guard result.status == .optimal, let optimum = result.objective else { continue }
                compared += 1
                let bound = try #require(RawLandBound.upperBound(s, maxIterations: Self.iterations))
                #expect(bound.value >= optimum - 1e-6,
                        "\(s.metadata.name): bound \(bound.value) below GLPK's optimum \(optimum)")
            }
        }
        #expect(compared >= 40, "compared \(compared)")
    }

    /// Narrow kavlings on back-to-back strips under a wide adjacency distance, so that a kavling's neighbours include
    /// the next-but-one in its strip (and further), kavlings behind it and, between them, kavlings touching it or
    /// not: every kind of closeness claim and both side counts of the DP occur. The bound is at least GLPK's proven
    /// optimum of the exact candidate model.
    @Test func boundHoldsWithNextButOneAndBackToBackNeighbours() throws {
        var compared = 0
        for seed in UInt64(1)...24 {
            var s = RandomCutScenario.raw(seed: seed, maxFirms: 4)
            for (b, _) in s.site.rawBlocks.enumerated() {
                s.site.rawBlocks[b].x = Double(b % 2) * 2
                s.site.rawBlocks[b].y = 20 * Double(b)
                s.site.rawBlocks[b].length = min(s.site.rawBlocks[b].length, 12)
                s.site.rawBlocks[b].minWidth = 4
                s.site.rawBlocks[b].maxWidth = 8
            }
            for f in s.firms.indices where s.firms[f].incumbentPlot == nil {
                s.firms[f].area = AreaRange(min: 80, max: 160)
            }
            s.rules.adjacencyDistance = seed % 2 == 0 ? 25 : 16
            let result = try Allocator(warmStart: false, blockBound: false).allocate(s)
            guard result.status == .optimal, let optimum = result.objective else { continue }
            compared += 1
            let bound = try #require(RawLandBound.upperBound(s, maxIterations: Self.iterations))
            #expect(bound.value >= optimum - 1e-6, "seed \(seed): bound \(bound.value) below GLPK's optimum \(optimum)")
        }
        #expect(compared >= 16, "compared \(compared)")
    }

    /// A deadline already passed or an interrupt gives no bound rather than a partial one.
    @Test func noBoundWithoutOneCompleteEvaluation() throws {
        let s = RandomCutScenario.raw(seed: 3, maxFirms: 4)
        let interrupt = SolveInterrupt()
        interrupt.request()
        #expect(RawLandBound.upperBound(s, interrupt: interrupt) == nil)
        #expect(RawLandBound.upperBound(s, deadline: .after(seconds: 0)) == nil)
    }

    /// The bundled raw expansion: at least the pre-cut expansion's layout written as a cut plan, verified there.
    @Test func boundIsAtLeastThePrecutLayoutOnTheRawExpansion() throws {
        let root = BekasiRawExpansionTests.repository
        let precut = try ScenarioLoader.load(path: root.appendingPathComponent("scenarios/bekasi-expansion.yaml").path)
        let raw = try ScenarioLoader.load(path: root.appendingPathComponent("scenarios/bekasi-expansion-raw.yaml").path)
        let cuts = BekasiRawExpansionTests.cuts(precut, raw)
        let found = try Allocator(options: GLPKOptions(timeLimit: 300), workLimit: 3).allocate(precut)
        let solved = try #require(found.layout)
        let sites = precut.site.plots.compactMap { cuts[$0.id] }.map { DerivedSite.kavling($0) }
        var assignments: [String: String] = [:]
        for (firm, plot) in solved.assignments { assignments[firm] = cuts[plot]?.id ?? plot }
        let report = LayoutVerifier(scenario: raw).verify(Layout(assignments: assignments, sites: sites))
        #expect(report.isFeasible)
        let bound = try #require(RawLandBound.upperBound(raw, maxIterations: 20))
        #expect(bound.value >= report.score.total - 1e-6)
    }
}
