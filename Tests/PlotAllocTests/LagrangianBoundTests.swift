import Foundation
import Testing
@testable import PlotAlloc

/// The street-block decomposition and the Lagrangian bound over it: a bound never below the optimum (checked
/// against enumeration), never above the LP relaxation's, and blocks that really share no unpriced row.
@Suite struct LagrangianBoundTests {
    /// Every variable lies in exactly one block; every row that is not linking has all its variables in one block.
    @Test func blocksPartitionTheExpansionModel() throws {
        let scenario = try ScenarioLoader.load(path: ScenarioGeneratorTests.expansionPath)
        let formulation = Formulation.build(scenario)
        let d = BlockDecomposition(formulation, scenario: scenario)
        var blockOf = [Int](repeating: -1, count: formulation.model.variables.count)
        for (b, block) in d.blocks.enumerated() {
            for v in block.variables {
                #expect(blockOf[v] == -1, "variable \(v) in two blocks")
                blockOf[v] = b
            }
        }
        #expect(!blockOf.contains(-1))
        let linking = Set(d.linkingRows)
        for (b, block) in d.blocks.enumerated() {
            for r in block.rows {
                #expect(!linking.contains(r))
                #expect(d.rowTerms[r].allSatisfy { blockOf[$0.variable] == b }, "row \(r) leaves block \(b)")
            }
        }
        let covered = Set(d.blocks.flatMap(\.rows)).union(linking)
        #expect(covered.count == formulation.model.constraints.count)
        // The expansion's street blocks: several independent blocks, linked by a few hundred rows at most.
        #expect(d.blocks.filter { !$0.rows.isEmpty }.count >= 6)
        #expect(!d.linkingRows.isEmpty && d.linkingRows.count < 400)
    }

    /// On seeded random tiny scenarios: LP bound ≥ Lagrangian bound ≥ the optimum found by enumeration.
    @Test func boundIsValidAgainstEnumeration() throws {
        var priced = 0
        for seed in UInt64(1)...40 {
            let s = Self.streetBlocks(RandomScenario.make(seed: seed))
            guard let best = try ExhaustiveSearch(scenario: s).run().bestScore else { continue }
            let formulation = Formulation.build(s)
            guard formulation.structuralConflicts.isEmpty, !formulation.model.variables.isEmpty else { continue }
            var options = LagrangianBound.Options()
            options.maxIterations = 30
            options.largestBlockShare = 1
            let outcome = LagrangianBound(decomposition: BlockDecomposition(formulation, scenario: s))
                .run(options, target: { nil }, improved: { _ in }, stop: SolveInterrupt())
            let lp = try #require(outcome.lpBound, "seed \(seed): \(outcome.note ?? "")")
            #expect(lp >= best - 1e-6, "seed \(seed): LP \(lp) < optimum \(best)")
            if let l = outcome.lagrangianBound {
                priced += 1
                #expect(l >= best - 1e-6, "seed \(seed): Lagrangian \(l) < optimum \(best)")
                #expect(l <= lp + 1e-6, "seed \(seed): Lagrangian \(l) > LP \(lp)")
            }
        }
        #expect(priced >= 5, "only \(priced) seeds had blocks to price")
    }

    /// `s` with each row of its 3-wide plot grid moved 100 m from the next and made a power block of its own, so
    /// that the blocks are street blocks (no neighbours across them) as in the estates plotalloc is built for.
    static func streetBlocks(_ s: Scenario) -> Scenario {
        var s = s
        let rows = (s.site.plots.count + 2) / 3
        let old = s.site.powerBlocks
        s.site.powerBlocks = (0..<rows).map {
            PowerBlock(id: "SB\($0 + 1)", capacityKVA: old[$0 % old.count].capacityKVA)
        }
        for k in s.site.plots.indices {
            s.site.plots[k].y += Double(k / 3) * 100
            s.site.plots[k].powerBlock = "SB\(k / 3 + 1)"
        }
        return s
    }

    /// On the expansion case a few iterations already cut below the LP relaxation (the point of the method).
    @Test func expansionBoundFallsBelowTheLPRelaxation() throws {
        let scenario = try ScenarioLoader.load(path: ScenarioGeneratorTests.expansionPath)
        let formulation = Formulation.build(scenario)
        var options = LagrangianBound.Options()
        options.maxIterations = 1
        let outcome = LagrangianBound(decomposition: BlockDecomposition(formulation, scenario: scenario))
            .run(options, target: { nil }, improved: { _ in }, stop: SolveInterrupt())
        let lp = try #require(outcome.lpBound)
        let l = try #require(outcome.lagrangianBound, "\(outcome.note ?? "")")
        #expect(l < lp - 1, "Lagrangian \(l), LP \(lp)")
        // Above the best layout any solver has found for this case.
        #expect(l >= 3858.7)
    }

    /// The worker reports a proof when a layout's score reaches its bound, and stops when asked.
    @Test func workerProvesALayoutThatReachesItsBound() throws {
        let scenario = try ScenarioLoader.load(path: ScenarioGeneratorTests.phase1Path)
        let formulation = Formulation.build(scenario)
        var options = LagrangianBound.Options()
        options.maxIterations = 2
        let proved = SolveInterrupt()
        let worker = BoundWorker(decomposition: BlockDecomposition(formulation, scenario: scenario),
                                 options: options, onProof: { proved.request() })
        let outcome = worker.finish(stopping: false)
        #expect(outcome?.iterations == 2 || outcome?.note != nil)
        let bound = try #require(outcome?.bound)
        #expect(!proved.isRequested)
        worker.note(incumbent: bound - 1)
        #expect(!proved.isRequested)
        worker.note(incumbent: bound)
        #expect(proved.isRequested)
        // The phase-1 optimum (1011.8) lies below every bound.
        #expect(bound >= 1011.8 - 1e-6)
    }
}
