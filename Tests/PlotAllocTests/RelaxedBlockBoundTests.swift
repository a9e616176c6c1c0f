import Foundation
import Testing
@testable import MIPModel
@testable import Estate
@testable import Allocation
@testable import GLPKBackend
@testable import PlotAllocTestSupport

/// The block bound of large models, which does not wait for the full LP relaxation: the street blocks solved as LPs
/// (kept loaded in GLPK, re-solved warm) under prices that start from the firms' values. For ANY prices in their sign
/// domain the value is a bound, so it is checked at prices of several sources, deliberately bad ones included, and
/// along the subgradient path, against the proven optimum (the exhaustive oracle, or GLPK).
@Suite struct RelaxedBlockBoundTests {
    /// Prices of one source for `d`'s linking rows.
    enum Source: CaseIterable {
        case zero, startingPrices, randomNonNegative, randomAnySign, huge
    }

    static func prices(_ source: Source, _ d: BlockDecomposition, _ g: inout RandomScenario.Generator) -> [Double] {
        switch source {
        case .zero: return [Double](repeating: 0, count: d.linkingRows.count)
        case .startingPrices: return LagrangianBound(decomposition: d).startingPrices()
        case .randomNonNegative: return d.linkingRows.map { _ in Double(g.int(0...80)) / 4 }
        case .randomAnySign: return d.linkingRows.map { _ in Double(g.int(-60...60)) / 4 }
        case .huge: return d.linkingRows.map { _ in Double(g.int(0...1000)) }
        }
    }

    /// Checks every relaxed value at prices of every source, and every bound a relaxed run publishes, against
    /// `optimum`; returns how many values were checked.
    static func checkRelaxedBounds(_ d: BlockDecomposition, optimum: Double, seed: UInt64) throws -> Int {
        var g = RandomScenario.Generator(seed: seed &* 31 &+ 7)
        let bound = LagrangianBound(decomposition: d)
        var checked = 0
        for source in Source.allCases {
            let pi = prices(source, d, &g)
            let relaxed = try #require(bound.value(at: pi, relaxed: true), "seed \(seed) \(source): no value")
            #expect(relaxed >= optimum - 1e-6 * max(1, abs(optimum)),
                    "seed \(seed) \(source): relaxed L = \(relaxed) < optimum \(optimum)")
            // Each block LP bounds its block's integer program: never below the integer value at the same prices.
            if let integral = bound.value(at: pi) {
                #expect(relaxed >= integral - 1e-6 * max(1, abs(integral)),
                        "seed \(seed) \(source): relaxed \(relaxed) < integer \(integral)")
            }
            checked += 1
        }
        // Every bound a relaxed run publishes (from the starting prices along the subgradient path).
        var options = LagrangianBound.Options()
        options.relaxedBlocksFrom = 0
        options.largestBlockShare = 1
        options.maxIterations = 15
        var published: [Double] = []
        let outcome = bound.run(options, target: { nil }, improved: { published.append($0) }, stop: SolveInterrupt())
        #expect(outcome.relaxedBlocks && outcome.lpBound == nil, "seed \(seed): \(outcome)")
        #expect(!published.isEmpty, "seed \(seed): nothing published (\(outcome.note ?? ""))")
        for b in published {
            #expect(b >= optimum - 1e-6 * max(1, abs(optimum)), "seed \(seed): published \(b) < optimum \(optimum)")
            checked += 1
        }
        #expect(outcome.lagrangianBound == published.min(), "seed \(seed)")
        return checked
    }

    /// Tiny random street-block scenarios with required firms and quotas (so ≤, ≥ and = rows link blocks), against
    /// the exhaustive oracle.
    @Test func relaxedValuesBoundRandomScenarios() throws {
        var checked = 0
        var scenarios = 0
        for seed in UInt64(201)...240 {
            var s = LagrangianBoundTests.streetBlocks(RandomScenario.make(seed: seed, firms: 3...6, plots: 4...7))
            var g = RandomScenario.Generator(seed: seed)
            if g.chance(50) { s.firms[g.int(0...(s.firms.count - 1))].required = true }
            for k in s.firms.indices where g.chance(50) { s.firms[k].tags = ["bekasi"] }
            if g.chance(50) { s.rules.quotas.append(Quota(tag: "bekasi", minShare: Double(g.int(1...5)) / 10)) }
            guard let best = try ExhaustiveSearch(scenario: s).run().bestScore else { continue }
            let formulation = Formulation.build(s)
            guard formulation.structuralConflicts.isEmpty, !formulation.model.variables.isEmpty else { continue }
            let d = BlockDecomposition(formulation, scenario: s)
            guard !d.linkingRows.isEmpty, d.blocks.filter({ !$0.rows.isEmpty }).count > 1 else { continue }
            scenarios += 1
            checked += try Self.checkRelaxedBounds(d, optimum: best, seed: seed)
        }
        #expect(scenarios >= 10, "only \(scenarios) scenarios had blocks to price")
        #expect(checked >= 100, "only \(checked) values checked")
    }

    /// Small generated estates (the shape of the Bekasi expansion: incumbents, power blocks that are street
    /// blocks, quotas, wastewater), against GLPK's proven optimum of the whole model.
    @Test func relaxedValuesBoundGeneratedEstates() throws {
        var estates = 0
        // Seeds 1, 6 and 8 (of 1–10) split into two street blocks at this size; the others are one block.
        for seed in UInt64(1)...10 {
            let s = try ScenarioGenerator(firms: 26, plots: 18, seed: seed).generate().scenario
            let formulation = Formulation.build(s)
            guard formulation.structuralConflicts.isEmpty else { continue }
            var options = GLPKOptions()
            options.nodeLimit = 20_000
            let solved = try GLPKSolver(options: options).solve(formulation.model)
            guard solved.termination == .optimal, let optimum = solved.objective else { continue }
            let d = BlockDecomposition(formulation, scenario: formulation.plotScenario(s))
            guard !d.linkingRows.isEmpty, d.blocks.filter({ !$0.rows.isEmpty }).count > 1 else { continue }
            estates += 1
            _ = try Self.checkRelaxedBounds(d, optimum: optimum, seed: seed)
        }
        #expect(estates >= 3, "only \(estates) generated estates were solved and had blocks")
    }

    /// The starting prices price exactly the "each firm at most once" rows, and are not vacuous: on a generated
    /// estate the relaxed value there is far below the value at zero prices (where every block takes the best firms).
    @Test func startingPricesPriceTheFirmRows() throws {
        let s = try ScenarioGenerator(firms: 40, plots: 27, seed: 3).generate().scenario
        let formulation = Formulation.build(s)
        let d = BlockDecomposition(formulation, scenario: formulation.plotScenario(s))
        let bound = LagrangianBound(decomposition: d)
        let pi = bound.startingPrices()
        #expect(pi.contains { $0 > 0 })
        for (k, r) in d.linkingRows.enumerated() where pi[k] != 0 {
            let firms = Set(d.rowTerms[r].map { d.firmOf[$0.variable] })
            #expect(firms.count == 1 && firms.first! >= 0 && d.rowUpper[r] == 1, "row \(r) priced \(pi[k])")
        }
        let atZero = try #require(bound.value(at: [Double](repeating: 0, count: pi.count), relaxed: true))
        let atStart = try #require(bound.value(at: pi, relaxed: true))
        #expect(atStart < atZero - 1, "start \(atStart), zero \(atZero)")
    }
}
