import Foundation
import Testing
@testable import MIPModel
@testable import GLPKBackend
@testable import Estate
@testable import Allocation

/// Row duals of LP solves, the LP relaxation of a model, and the interruptible (sliced) simplex.
@Suite struct LPDualsTests {
    /// max 3x + 2y  s.t.  x + y ≤ 4,  x + 3y ≤ 9,  x ≤ 3: optimum x = 3, y = 1 (11); the shadow prices are 2 on the
    /// first row, 0 on the slack second row, 1 on the third (moving x's limit to 3 + t gives 11 + t).
    @Test func dualsAreShadowPricesWhenMaximising() throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        m.addConstraint("a", [(x, 1), (y, 1)], .lessOrEqual(4))
        m.addConstraint("b", [(x, 1), (y, 3)], .lessOrEqual(9))
        m.addConstraint("c", [(x, 1)], .lessOrEqual(3))
        m.setObjective(.maximize, [(x, 3), (y, 2)])
        let r = try GLPKSolver().solve(m)
        #expect(r.termination == .optimal)
        #expect(abs((r.objective ?? 0) - 11) < 1e-9)
        let d = try #require(r.duals)
        #expect(d.count == 3)
        #expect(abs(d[0] - 2) < 1e-9 && abs(d[1]) < 1e-9 && abs(d[2] - 1) < 1e-9, "\(d)")
    }

    /// min 2x + 3y  s.t.  x + y ≥ 5 (a constant 1 inside the row: x + y + 1 ≥ 6),  x ≤ 4: optimum x = 4, y = 1 (11);
    /// raising the first row's bound by t costs 3t, so its dual is 3; the second is −1 (x's limit up by t saves t).
    @Test func dualsWhenMinimisingWithAConstantInTheRow() throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        var e: LinearExpression = [(x, 1), (y, 1)]
        e.constant = 1
        m.addConstraint("need", e, .greaterOrEqual(6))
        m.addConstraint("cap", [(x, 1)], .lessOrEqual(4))
        m.setObjective(.minimize, [(x, 2), (y, 3)])
        let r = try GLPKSolver().solve(m)
        #expect(abs((r.objective ?? 0) - 11) < 1e-9)
        let d = try #require(r.duals)
        #expect(abs(d[0] - 3) < 1e-9 && abs(d[1] + 1) < 1e-9, "\(d)")
    }

    /// MIPs carry no duals; the relaxation of a MIP is an LP with the same rows, whose optimum bounds the MIP's.
    @Test func relaxationOfAKnapsack() throws {
        let (model, best) = GLPKSolverTests.knapsack(values: [10, 13, 7, 8], weights: [4, 6, 3, 5], capacity: 10)
        let mip = try GLPKSolver().solve(model)
        #expect(mip.duals == nil)
        let relaxed = model.linearRelaxation
        #expect(relaxed.integerVariableCount == 0)
        #expect(relaxed.variables.count == model.variables.count)
        #expect(relaxed.constraints.count == model.constraints.count)
        let lp = try GLPKSolver().solve(relaxed)
        #expect(lp.termination == .optimal)
        #expect((lp.objective ?? 0) >= best - 1e-9)
        #expect((lp.objective ?? 0) > best + 1e-3, "this knapsack's LP bound is fractional")
        #expect(lp.duals?.count == 1)
    }

    /// An LP whose interrupt is already set stops at once as interrupted, with no solution and no duals.
    @Test func interruptedLPIsAResult() throws {
        let (model, _) = GLPKSolverTests.knapsack(values: [10, 13, 7, 8], weights: [4, 6, 3, 5], capacity: 10)
        let stop = SolveInterrupt()
        stop.request()
        let r = try GLPKSolver().solve(model.linearRelaxation, interrupt: stop)
        #expect(r.termination == .interrupted)
        #expect(r.values == nil && r.duals == nil)
    }

    /// The sliced simplex (used when an interrupt is given) reaches the same optimum as the plain one.
    @Test func slicedSimplexReachesTheSameOptimum() throws {
        let scenario = try ScenarioLoader.load(
            path: ScenarioGeneratorTests.repository.appendingPathComponent("scenarios/bekasi-phase1.yaml").path)
        let relaxed = Formulation.build(scenario).model.linearRelaxation
        let plain = try GLPKSolver().solve(relaxed)
        let sliced = try GLPKSolver().solve(relaxed, interrupt: SolveInterrupt())
        #expect(plain.termination == .optimal && sliced.termination == .optimal)
        #expect(abs((plain.objective ?? 0) - (sliced.objective ?? 1)) < 1e-6)
    }
}
