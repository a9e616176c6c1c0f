import Foundation
import Testing
@testable import MIPModel
@testable import Estate
@testable import Allocation
@testable import PlotAllocTestSupport

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
        // The phase-1 optimum (1007.15) lies below every bound.
        #expect(bound >= 1007.15 - 1e-6)
    }

    /// Every `L(π)` is a bound, not only those on the subgradient's path: on a hand-built integer model whose linking
    /// rows are of every kind (≤ and ≥ with constants inside, a range, an equality, a free row), with a fixed
    /// variable, a general integer, a block without rows and an objective constant, `L` at random prices in their
    /// sign domain (and at prices outside it, which are projected) is never below the optimum found by enumeration.
    @Test func everyPricedValueBoundsAHandBuiltModel() throws {
        let (model, labels) = Self.mixedRowsModel()
        let optimum = try #require(Self.enumerate(model), "the model is feasible")
        let d = BlockDecomposition(model: model, labels: labels)
        #expect(d.linkingRows.count == 5, "\(d.linkingRows)")
        #expect(d.blocks.filter { !$0.rows.isEmpty }.count == 3)
        #expect(d.blocks.contains { $0.rows.isEmpty }, "the row-less variable is a block of its own")
        let bound = LagrangianBound(decomposition: d)
        let atZero = try #require(bound.value(at: [Double](repeating: 0, count: d.linkingRows.count)))
        #expect(atZero >= optimum - 1e-6)
        var g = RandomScenario.Generator(seed: 7)
        var smallest = Double.infinity
        for _ in 0..<60 {
            let prices = d.linkingRows.map { _ in Double(g.int(-40...40)) / Double(g.pick([1, 4, 10])) }
            let l = try #require(bound.value(at: prices), "prices \(prices)")
            #expect(l >= optimum - 1e-6, "L(\(prices)) = \(l) < optimum \(optimum)")
            smallest = min(smallest, l)
        }
        // Not vacuous: some prices come close to the optimum (pricing the linking rows matters).
        #expect(smallest < atZero - 1, "smallest \(smallest), at zero \(atZero), optimum \(optimum)")
        // And along the subgradient path from the LP duals, which ends near the optimum.
        var options = LagrangianBound.Options()
        options.largestBlockShare = 1
        let outcome = bound.run(options, target: { nil }, improved: { _ in }, stop: SolveInterrupt())
        let lp = try #require(outcome.lpBound, "\(outcome.note ?? "")")
        let l = try #require(outcome.lagrangianBound, "\(outcome.note ?? "")")
        #expect(lp >= optimum - 1e-6 && l >= optimum - 1e-6, "LP \(lp), L \(l), optimum \(optimum)")
        #expect(l < optimum + 1, "L \(l) ends near the optimum \(optimum)")
    }

    /// A block with no feasible point (so the model has none) gives no `L(π)` at all, never a number.
    @Test func infeasibleBlockGivesNoValue() throws {
        let (base, labels) = Self.mixedRowsModel()
        var model = base
        // Block 2's two variables can not sum to 3.
        model.addConstraint("impossible", [(Variable(index: 4), 1), (Variable(index: 5), 1)], .greaterOrEqual(3))
        #expect(Self.enumerate(model) == nil)
        let d = BlockDecomposition(model: model, labels: labels)
        #expect(LagrangianBound(decomposition: d).value(at: [Double](repeating: 1, count: d.linkingRows.count)) == nil)
    }

    /// On seeded random tiny street-block scenarios made to have required firms and quotas (so equality and ≥ rows
    /// link blocks): `L` at random prices in their sign domain is never below the enumerated optimum.
    @Test func pricedValuesBoundScenariosWithQuotasAndRequiredFirms() throws {
        var checked = 0
        var withLowerRows = 0
        for seed in UInt64(101)...160 {
            var s = Self.streetBlocks(RandomScenario.make(seed: seed, firms: 3...6, plots: 4...7))
            var g = RandomScenario.Generator(seed: seed)
            s.firms[g.int(0...(s.firms.count - 1))].required = true
            for k in s.firms.indices where g.chance(50) { s.firms[k].tags = ["bekasi"] }
            s.rules.quotas.append(Quota(tag: "bekasi", minShare: Double(g.int(1...5)) / 10))
            if g.chance(50) { s.rules.quotas.append(Quota(sector: s.firms[0].sector, minCount: 1)) }
            guard let best = try ExhaustiveSearch(scenario: s).run().bestScore else { continue }
            let formulation = Formulation.build(s)
            guard formulation.structuralConflicts.isEmpty, !formulation.model.variables.isEmpty else { continue }
            let d = BlockDecomposition(formulation, scenario: s)
            guard !d.linkingRows.isEmpty else { continue }
            if d.linkingRows.contains(where: { d.rowLower[$0].isFinite }) { withLowerRows += 1 }
            let bound = LagrangianBound(decomposition: d)
            for _ in 0..<4 {
                let prices = d.linkingRows.map { _ in Double(g.int(-30...30)) / 4 }
                guard let l = bound.value(at: prices) else { continue }
                checked += 1
                #expect(l >= best - 1e-6, "seed \(seed): L(\(prices)) = \(l) < optimum \(best)")
            }
        }
        #expect(checked >= 40, "only \(checked) priced values checked")
        #expect(withLowerRows >= 10, "only \(withLowerRows) scenarios had ≥ or = linking rows")
    }

    /// Variables 0–1 (block 0), 2–3 (block 1), 4–5 (block 2) binary; 6 integer in 0…2 (block 1, through a row);
    /// 7 fixed at 1 (block 0); 8 binary in no row. Linking rows of every kind.
    static func mixedRowsModel() -> (Model, [Int]) {
        var m = Model()
        let x = (0..<6).map { m.addVariable("x\($0)", .binary) }
        let n = m.addVariable("n", .integer, lower: 0, upper: 2)
        let f = m.addVariable("f", .binary, lower: 1, upper: 1)
        let free = m.addVariable("free", .binary)
        // Block rows.
        m.addConstraint("b0", [(x[0], 1), (x[1], 1), (f, 1)], .lessOrEqual(2))
        var b1: LinearExpression = [(x[2], 2), (x[3], 1), (n, 1)]
        b1.constant = 1
        m.addConstraint("b1", b1, .lessOrEqual(4))  // 2 x2 + x3 + n ≤ 3
        m.addConstraint("b2", [(x[4], 1), (x[5], 1)], .lessOrEqual(1))
        // Linking rows: ≤ with a constant, ≥ with a constant, a range, an equality, a free row.
        var le: LinearExpression = [(x[0], 1), (x[2], 1), (x[4], 1)]
        le.constant = -1
        m.addConstraint("le", le, .lessOrEqual(0))  // x0 + x2 + x4 ≤ 1
        var ge: LinearExpression = [(x[1], 1), (x[3], 1), (n, 1)]
        ge.constant = 1
        m.addConstraint("ge", ge, .greaterOrEqual(3))  // x1 + x3 + n ≥ 2
        m.addConstraint("range", [(x[0], 1), (x[3], 1), (x[5], 2)], .range(1, 2))
        m.addConstraint("eq", [(x[1], 1), (x[5], 1)], .equal(1))
        m.addConstraint("free", [(x[2], 1), (x[4], 1)], .lessOrEqual(.infinity))
        m.setObjective(.maximize, LinearExpression(
            terms: [.init(x[0], 5), .init(x[1], 3), .init(x[2], 4), .init(x[3], -1), .init(n, 2.5),
                    .init(x[4], 6), .init(x[5], 2), .init(f, 1.5), .init(free, 0.5)],
            constant: -3))
        return (m, [0, 0, 1, 1, 2, 2, -1, 0, -1])
    }

    /// The model's optimum by enumerating every integer point within the bounds; `nil` when none is feasible.
    static func enumerate(_ m: Model) -> Double? {
        let ranges = m.variables.map { Int($0.lower.rounded(.up))...Int($0.upper.rounded(.down)) }
        var best: Double?
        var point = ranges.map(\.lowerBound)
        while true {
            let values = point.map(Double.init)
            if m.firstViolation(of: values) == nil {
                let v = m.objective.expression.evaluate(values)
                best = max(best ?? v, v)
            }
            var k = 0
            while k < point.count && point[k] == ranges[k].upperBound {
                point[k] = ranges[k].lowerBound
                k += 1
            }
            if k == point.count { return best }
            point[k] += 1
        }
    }
}
