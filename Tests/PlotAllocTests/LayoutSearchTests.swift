import Foundation
import Testing
@testable import MIPModel
@testable import Estate
@testable import Allocation

/// The warm-start search (construction + large-neighbourhood search with real GLPK sub-solves): its layouts verify
/// and score what the model says, it reaches the tutorial's optimum, it is deterministic for a seed, and a budget
/// of zero leaves only the construction.
@Suite struct LayoutSearchTests {
    static let tutorialPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/tutorial.yaml").path

    /// A generated estate big enough that one region does not cover it (so real neighbourhoods are solved).
    static func estate() throws -> Scenario {
        try ScenarioGenerator(firms: 40, plots: 30, seed: 11).generate().scenario
    }

    /// Every layout the search returns passes the verifier, and the model's objective of its vector is its score.
    func expectVerified(_ out: LayoutSearch.Outcome, _ s: Scenario, _ m: AllocationModel) throws {
        let layout = try #require(out.layout)
        let report = LayoutVerifier(scenario: s).verify(layout)
        #expect(report.isFeasible, "\(report.violations.map(\.message))")
        #expect(abs(report.score.total - out.score) <= 1e-6)
        let vector = try #require(m.startVector(for: layout))
        #expect(m.model.firstViolation(of: vector) == nil)
        #expect(abs(m.model.objective.expression.evaluate(vector) - out.score) <= 1e-6 * max(1, abs(out.score)))
    }

    @Test func tutorialReachesItsOptimum() throws {
        let s = try ScenarioLoader.load(path: Self.tutorialPath)
        let m = Formulation.build(s)
        let out = LayoutSearch(scenario: s, model: m).run(LayoutSearch.Options(timeBudget: 5))
        try expectVerified(out, s, m)
        #expect(out.score == 148.5)
        // Six plots fit in one region: solving it proves the layout optimal and ends the search.
        #expect(out.provenOptimal)
        #expect(out.stage == .neighbourhood)
        #expect((out.constructionScore ?? 0) < 148.5)
    }

    @Test func neighbourhoodsImproveAndEveryStepVerifies() throws {
        let s = try Self.estate()
        let m = Formulation.build(s)
        let out = LayoutSearch(scenario: s, model: m).run(
            LayoutSearch.Options(timeBudget: 60, maxIterations: 12, initialRegionSize: 8))
        try expectVerified(out, s, m)
        #expect(out.iterations >= 1 && out.iterations <= 12)
        #expect(out.score >= (out.constructionScore ?? .infinity))
        // The trace only ever rises, and ends at the returned score.
        #expect(zip(out.trace, out.trace.dropFirst()).allSatisfy { $0.score < $1.score })
        #expect(out.trace.last?.score == out.score)
        #expect(out.trace.first?.stage == .construction)
    }

    /// The 32-firm, 24-plot estate of seed 9: small enough that one region covers it, and its root LP is far from
    /// integral (LP bound 925.7, optimum 910.1), so the whole model is not solved within a few nodes.
    static func smallEstate() throws -> Scenario {
        try ScenarioGenerator(firms: 32, plots: 24, seed: 9).generate().scenario
    }

    /// A sub-problem freeing the whole model that stops at its node limit ends the search: the same sub-problem
    /// would stop there again, and GLPK's branch-and-cut, which follows, is the whole model without the limit.
    @Test func wholeModelAtItsNodeLimitEndsTheSearch() throws {
        let s = try Self.smallEstate()
        let m = Formulation.build(s)
        let out = LayoutSearch(scenario: s, model: m).run(
            LayoutSearch.Options(timeBudget: 600, maxIterations: 20, subproblemNodeLimit: 5, initialRegionSize: 24))
        try expectVerified(out, s, m)
        #expect(out.end == .wholeModelAtNodeLimit)
        #expect(out.iterations == 1)
        #expect(!out.provenOptimal)
    }

    /// Fruitless sub-problems end the search once they have together freed ``LayoutSearch/Options/stallWork`` times
    /// the model's movable assignments, long before the count-based stall limit on a small model.
    @Test func stallLimitScalesWithTheModel() throws {
        let s = try Self.smallEstate()
        let m = Formulation.build(s)
        var options = LayoutSearch.Options(timeBudget: 600, maxIterations: 40, initialRegionSize: 8, stallLimit: 1000)
        options.stallWork = 1
        let out = LayoutSearch(scenario: s, model: m).run(options)
        try expectVerified(out, s, m)
        #expect(out.end == .stalled)
        #expect(out.iterations >= 1 && out.iterations < 40)
        #expect(out.constructionTrials > 20)
    }

    @Test func deterministicForASeed() throws {
        let s = try Self.estate()
        let m = Formulation.build(s)
        let options = LayoutSearch.Options(timeBudget: 60, seed: 7, maxIterations: 8, constructionBudget: 0,
                                           initialRegionSize: 8)
        let a = LayoutSearch(scenario: s, model: m).run(options)
        let b = LayoutSearch(scenario: s, model: m).run(options)
        #expect(a.layout == b.layout)
        #expect(a.score == b.score)
        #expect(a.trace.map(\.score) == b.trace.map(\.score))
    }

    @Test func zeroBudgetLeavesOnlyTheConstruction() throws {
        let s = try Self.estate()
        let m = Formulation.build(s)
        let out = LayoutSearch(scenario: s, model: m).run(LayoutSearch.Options(timeBudget: 0))
        try expectVerified(out, s, m)
        #expect(out.iterations == 0)
        #expect(out.stage == .construction)
    }

    @Test func interruptStopsBeforeAnySubproblem() throws {
        let s = try Self.estate()
        let m = Formulation.build(s)
        let interrupt = SolveInterrupt()
        interrupt.request()
        let out = LayoutSearch(scenario: s, model: m).run(LayoutSearch.Options(timeBudget: 60), interrupt: interrupt)
        #expect(out.iterations == 0)
        #expect(out.layout != nil)
    }

    @Test func restrictionKeepsTheObjectiveAndTheStart() throws {
        let s = try Self.estate()
        let m = Formulation.build(s)
        let base = try #require(LayoutSearch(scenario: s, model: m).run(LayoutSearch.Options(timeBudget: 0)).vector)
        let incidence = ModelRestriction.Incidence(m.model)
        // Free the first plot's assignments.
        let free = m.assignmentVariables.filter { !$0.isFixed && $0.plot == m.assignmentVariables[0].plot }
            .map(\.variable.index)
        let r = incidence.restrict(base: base, free: free)
        #expect(r.model.variables.count < m.model.variables.count)
        #expect(r.expand(r.start) == base)
        #expect(r.model.firstViolation(of: r.start) == nil)
        #expect(abs(r.model.objective.expression.evaluate(r.start) - m.model.objective.expression.evaluate(base))
            <= 1e-9 * max(1, abs(m.model.objective.expression.evaluate(base))))
    }

    @Test func allocatorReportsTheStageAndNoWarmStartMeansNoSearch() throws {
        let s = try ScenarioLoader.load(path: Self.tutorialPath)
        let warm = try Allocator(heuristicBudget: 5).allocate(s)
        #expect(warm.status == .optimal && warm.objective == 148.5)
        #expect(warm.source == .heuristic && warm.heuristic.stage == .neighbourhood)
        #expect(warm.heuristic.iterations >= 1)
        let cold = try Allocator(warmStart: false).allocate(s)
        #expect(cold.source == .solver && cold.heuristic.stage == nil && cold.heuristic.iterations == 0)
        #expect(cold.objective == 148.5)
    }
}
