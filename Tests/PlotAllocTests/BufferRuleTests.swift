import Foundation
import Testing
@testable import Estate
@testable import Allocation
@testable import PlotAllocTestSupport
@testable import Reports

private typealias T = AllocationTestScenarios

/// Buffers from sensitive places (`rules.buffers`), through every layer: eligibility, verifier, formulation against
/// the exhaustive oracle, unplaced reasons, diagnosis, `check`, map.
///
/// Plots P1–P4 on a line 20 m apart (y = 0), P1–P2 heavy; housing H1 is a line from (−10, −10) to (10, −10):
/// P1 is 10 m from it, P2 about 14.1 m, P3 about 31.6 m, P4 about 51 m.
@Suite struct BufferRuleTests {
    static func scenario(foundryKeeps: Double = 35, required: Bool = false) -> Scenario {
        var s = T.scenario(
            plots: T.plots([300, 300, 200, 200], heavy: 2),
            firms: [
                T.firm("F1", "foundry", area: 250...400, workers: 30, required: required),
                T.firm("F2", "machining", area: 150...400, workers: 20),
                T.firm("F3", "assembly", area: 150...400, workers: 10),
            ],
            sectorRatings: [PairRating(a: "foundry", b: "machining", rating: .a)])
        s.rules.buffers = [SensitivePlace(
            id: "H1", label: "housing", points: [MapPoint(x: -10, y: -10), MapPoint(x: 10, y: -10)],
            keepOut: [.init(sector: "foundry", distance: foundryKeeps), .init(sector: "machining", distance: 12)])]
        return s
    }

    @Test func theCatalogueListsIt() {
        #expect(RuleKind.buffers.label == "buffers from sensitive places")
        #expect(RuleGroup.relaxable.contains(.buffers))
        #expect(RuleKind.exclusionRules.contains { $0.kind == .buffers })
        #expect(Violation.Rule(rawValue: "buffer") == Violation.Rule(.buffers))
    }

    @Test func eligibilityExcludesPlotsInsideTheBuffer() {
        let s = Self.scenario()
        let e = Eligibility(scenario: s)
        let plots = s.site.plots
        #expect(!e.mayTake(firm: s.firms[0], plot: plots[0]))
        #expect(!e.mayTake(firm: s.firms[0], plot: plots[1]))
        #expect(e.reasons(firm: s.firms[0], plot: plots[0]) == [
            .excluded(.buffers, "plot P1 is 10 m from housing (H1); foundry keeps 35 m"),
        ])
        #expect(!e.mayTake(firm: s.firms[1], plot: plots[0]))  // machining keeps 12 m
        #expect(e.mayTake(firm: s.firms[1], plot: plots[1]))
        #expect(e.mayTake(firm: s.firms[2], plot: plots[2]))   // assembly is not flagged
    }

    @Test func verifierReportsABufferViolation() {
        let report = LayoutVerifier(scenario: Self.scenario()).verify(Layout(assignments: ["F1": "P1"]))
        #expect(report.violations == [
            Violation(rule: Violation.Rule(.buffers),
                      message: "F1 (foundry) may not take P1: plot P1 is 10 m from housing (H1); foundry keeps 35 m",
                      firms: ["F1"], plots: ["P1"]),
        ])
    }

    @Test func solverOptimumEqualsTheOracle() throws {
        for keep in [5.0, 15, 25, 35] {
            let s = Self.scenario(foundryKeeps: keep)
            let oracle = try ExhaustiveSearch(scenario: s).run()
            let result = try Allocator(warmStart: true, heuristicBudget: 0.05).allocate(s)
            let best = try #require(oracle.bestScore)
            #expect(result.status == .optimal)
            #expect(abs((result.objective ?? .nan) - best) <= 1e-6, "keep \(keep)")
        }
        var open = Self.scenario()
        open.rules.buffers = []
        #expect(try #require(try ExhaustiveSearch(scenario: Self.scenario()).run().bestScore)
            < (try #require(try ExhaustiveSearch(scenario: open).run().bestScore)) - 1)
    }

    @Test func unplacedReasonSaysEveryPlotItFitsIsInTheBuffer() throws {
        let reason = try #require(UnplacedExplainer(scenario: Self.scenario()).explain(firm: "F1", in: Layout()))
        #expect(reason.kind == .noEligiblePlot)
        #expect(reason.message == "every plot it fits is within 35 m of housing (H1)")
        let summary = ScenarioSummary(scenario: Self.scenario())
        #expect(summary.firmsWithoutPlot.first { $0.id == "F1" }?.reasons == ["every plot it fits is within 35 m of housing (H1)"])
        #expect(summary.ruleLines == ["Buffer around housing (H1): foundry 35 m, machining 12 m; 3 plots inside the widest"])
    }

    @Test func diagnosisRelaxesTheBuffer() throws {
        let d = try InfeasibilityDiagnoser().diagnose(Self.scenario(required: true))
        #expect(d.status == .infeasible)
        #expect(d.relaxedGroups == [.buffers])
        #expect(d.conflicts.first?.members.contains(.part(.buffers, "H1")) == true)
    }

    @Test func theMapShadesTheBand() {
        let svg = SiteMapSVG().render(scenario: Self.scenario(), layout: Layout(assignments: ["F2": "P2"]))
        #expect(svg.contains("<polyline class=\"band\""))
        #expect(svg.contains("buffer around housing (H1): foundry ≥ 35 m, machining ≥ 12 m"))
    }

    static let yaml = """
        metadata: {name: buffers}
        site:
          phases: [{id: phase1, area: 10000}]
          zones: [{id: heavy}]
          power_blocks: [{id: B1, capacity_kva: 100}]
          plots:
            - {id: P1, phase: phase1, area: 300, x: 0, y: 0, zone: heavy, frontage: main, power_block: B1}
            - {id: P2, phase: phase1, area: 300, x: 80, y: 0, zone: heavy, frontage: main, power_block: B1}
        sectors: [{id: plating, label: Plating, zones: [heavy]}]
        firms:
          - {id: F1, sector: plating, area: {min: 200, max: 400}}
        rules:
          adjacency_distance: 25
          separation_distance: 40
          buffers:
            - id: school
              label: SD Negeri 3
              points: [{x: 0, y: -30}]
              keep_out: [{sector: plating, distance: 50}]
        """

    @Test func loadsAndRefusesBadDeclarations() throws {
        let s = try ScenarioLoader.load(yaml: Self.yaml, file: "b.yaml")
        #expect(s.rules.buffers.first?.keepOut.first?.distance == 50)
        #expect(!Eligibility(scenario: s).mayTake(firm: s.firms[0], plot: s.site.plots[0]))
        for (from, to, path) in [("distance: 50", "distance: 0", "rules.buffers[0].keep_out[0].distance: found 0"),
                                 ("sector: plating", "sector: platin", "rules.buffers[0].keep_out[0].sector: unknown sector"),
                                 ("points: [{x: 0, y: -30}]", "points: []", "rules.buffers[0].points: found no points and no drawn sensitive place \"school\"")] {
            do {
                _ = try ScenarioLoader.load(yaml: Self.yaml.replacingOccurrences(of: from, with: to), file: "b.yaml")
                Issue.record("accepted: \(to)")
            } catch {
                #expect(error.description.contains(path), "\(error.description)")
            }
        }
    }
}
