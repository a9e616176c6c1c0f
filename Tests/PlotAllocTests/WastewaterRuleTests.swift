import Foundation
import Testing
@testable import Estate
@testable import Allocation
@testable import PlotAllocTestSupport
@testable import Reports

private typealias T = AllocationTestScenarios

/// The wastewater treatment capacity rule (`rules.wastewater`), through every layer: format, `check`, verifier,
/// formulation against the exhaustive oracle, unplaced reasons, infeasibility diagnosis.
///
/// Plots P1–P4 on a line 20 m apart, P1–P2 heavy; unit U1 takes P1–P3 (10 m³/day), P4 drains nowhere.
@Suite struct WastewaterRuleTests {
    static func scenario(capacity: Double = 10, required: Bool = false) -> Scenario {
        var s = T.scenario(
            plots: T.plots([300, 300, 200, 200], heavy: 2),
            firms: [
                T.firm("F1", "foundry", area: 250...400, workers: 30, required: required),
                T.firm("F2", "machining", area: 150...400, workers: 20, required: required),
                T.firm("F3", "machining", area: 150...400, workers: 10),
            ])
        s.rules.wastewater = Wastewater(
            units: [.init(id: "U1", label: "IPAL", capacityM3PerDay: capacity, plots: ["P1", "P2", "P3"], x: 0, y: -15)],
            discharge: [.init(firm: "F1", m3PerDay: 6), .init(firm: "F2", m3PerDay: 5), .init(firm: "F3", m3PerDay: 1)])
        return s
    }

    @Test func theCatalogueListsIt() {
        #expect(RuleKind.wastewater.label == "wastewater capacity")
        #expect(RuleGroup.relaxable.contains(.wastewater))
        #expect(Violation.Rule(rawValue: "wastewater") == Violation.Rule(.wastewater))
        #expect(RuleKind.capacityRules.contains { $0.kind == .wastewater })
    }

    @Test func verifierReportsAnOverloadedUnit() {
        let s = Self.scenario()
        let report = LayoutVerifier(scenario: s).verify(Layout(assignments: ["F1": "P1", "F2": "P3", "F3": "P4"]))
        #expect(report.violations == [
            Violation(rule: Violation.Rule(.wastewater), message: "treatment unit U1: 11 m³/day placed, capacity 10 m³/day",
                      firms: ["F1", "F2"], plots: ["P1", "P3"]),
        ])
        // F2 on P4 drains to no unit: feasible.
        #expect(LayoutVerifier(scenario: s).verify(Layout(assignments: ["F1": "P1", "F2": "P4", "F3": "P3"])).isFeasible)
    }

    @Test func solverOptimumEqualsTheOracleAndTheRuleBinds() throws {
        for capacity in [4.0, 6.5, 10, 11.5, 100] {
            let s = Self.scenario(capacity: capacity)
            let oracle = try ExhaustiveSearch(scenario: s).run()
            let result = try Allocator(warmStart: true, heuristicBudget: 0.05).allocate(s)
            let best = try #require(oracle.bestScore)
            #expect(result.status == .optimal)
            #expect(abs((result.objective ?? .nan) - best) <= 1e-6, "capacity \(capacity)")
            #expect(LayoutVerifier(scenario: s).verify(result.layout ?? Layout()).isFeasible)
        }
        // The rule changes the optimum: without it every firm fits.
        var open = Self.scenario(capacity: 4)
        open.rules.wastewater = nil
        let tight = try #require(try ExhaustiveSearch(scenario: Self.scenario(capacity: 4)).run().bestScore)
        let loose = try #require(try ExhaustiveSearch(scenario: open).run().bestScore)
        #expect(tight < loose - 1)
    }

    @Test func formulationWritesOneRowPerUnitThatCanBind() {
        #expect(Formulation.build(Self.scenario(capacity: 10)).rowsByRule["wastewater"] == 1)
        #expect(Formulation.build(Self.scenario(capacity: 100)).rowsByRule["wastewater"] == nil)
        // A firm that discharges more than the unit takes gets no column on its plots.
        let m = Formulation.build(Self.scenario(capacity: 5.5))
        #expect(!m.assignmentVariables.contains { $0.firm == 0 && $0.plot <= 2 })
    }

    @Test func unplacedFirmIsBlockedByTheUnit() throws {
        let s = Self.scenario()
        let layout = Layout(assignments: ["F1": "P1", "F3": "P3"])
        var blocked = s
        blocked.site.plots.removeLast()  // P4 gone: F2's only free plots drain to U1
        let reason = try #require(UnplacedExplainer(scenario: blocked).explain(firm: "F2", in: layout))
        #expect(reason.kind == .blocked)
        #expect(reason.message == "P2 is free but treatment unit U1 has 3 m³/day left of 10 m³/day and F2 needs "
            + "5 m³/day; P1 went to F1 (foundry); P3 went to F3 (machining)")
        // With P4 (which drains to no unit) free, F2 could go there: not chosen, and P2 is named as blocked.
        let open = try #require(UnplacedExplainer(scenario: s).explain(firm: "F2", in: layout))
        #expect(open.kind == .notChosen)
        #expect(open.details.contains("P2 is free but treatment unit U1 has 3 m³/day left of 10 m³/day and F2 needs 5 m³/day"))
    }

    @Test func diagnosisNamesTheUnit() throws {
        var s = Self.scenario(capacity: 8, required: true)
        s.site.plots.removeLast()
        let d = try InfeasibilityDiagnoser().diagnose(s)
        #expect(d.status == .infeasible)
        #expect(d.relaxedGroups == [.wastewater])
        let c = try #require(d.conflicts.first)
        #expect(c.members.contains(.part(.wastewater, "U1")))
        #expect(c.message == "treatment unit U1: required firms F1 and F2 need at least 11 m³/day on its plots, "
            + "capacity 8 m³/day")
    }

    @Test func theMapMarksTheUnit() {
        let svg = SiteMapSVG().render(scenario: Self.scenario(), layout: Layout(assignments: ["F1": "P1"]))
        #expect(svg.contains("<g id=\"rules\">"))
        #expect(svg.contains("class=\"marker\""))
        #expect(svg.contains(">U1: 10 m³/day</text>"))
    }

    static let yaml = """
        metadata: {name: ww}
        site:
          phases: [{id: phase1, area: 10000}]
          zones: [{id: heavy}]
          power_blocks: [{id: B1, capacity_kva: 100}]
          plots:
            - {id: P1, phase: phase1, area: 300, x: 0, y: 0, zone: heavy, frontage: main, power_block: B1}
            - {id: P2, phase: phase1, area: 300, x: 20, y: 0, zone: heavy, frontage: main, power_block: B1}
        sectors: [{id: plating, label: Plating, zones: [heavy]}]
        firms:
          - {id: F1, sector: plating, area: {min: 200, max: 400}}
          - {id: F2, sector: plating, area: {min: 200, max: 400}}
        rules:
          adjacency_distance: 25
          separation_distance: 40
          wastewater:
            units:
              - {id: IPAL-1, capacity_m3_per_day: 8, phases: [phase1]}
            discharge:
              - {firm: F1, m3_per_day: 5}
              - {firm: F2, m3_per_day: 4.5}
        """

    @Test func loadsAndSummarises() throws {
        let s = try ScenarioLoader.load(yaml: Self.yaml, file: "ww.yaml")
        #expect(s.rules.wastewater?.units.first?.capacityM3PerDay == 8)
        #expect(ScenarioSummary(scenario: s).ruleLines == [
            "Treatment unit IPAL-1: 8 m³/day for 2 plots; up to 9.50 m³/day could be discharged by 2 firms (can bind)",
        ])
        #expect(ScenarioSummary(scenario: s).text.contains("Treatment unit IPAL-1: 8 m³/day for 2 plots"))
    }

    @Test func badDeclarationsAreOneLineErrors() {
        let cases: [(String, String, String)] = [
            ("capacity_m3_per_day: 8", "capacity_m3_per_day: -1",
             "ww.yaml:18:43: error: rules.wastewater.units[0].capacity_m3_per_day: found -1; expected a number > 0"),
            ("phases: [phase1]", "plots: [P9]",
             "ww.yaml:18:54: error: rules.wastewater.units[0].plots[0]: unknown plot \"P9\"; expected one of P1, P2"),
            ("{firm: F2,", "{firm: F3,",
             "ww.yaml:21:16: error: rules.wastewater.discharge[1].firm: unknown firm \"F3\"; expected one of F1, F2"),
            ("m3_per_day: 4.5", "m3_per_day: many",
             "ww.yaml:21:32: error: rules.wastewater.discharge[1].m3_per_day: found \"many\"; expected a number"),
        ]
        for (from, to, expected) in cases {
            let yaml = Self.yaml.replacingOccurrences(of: from, with: to)
            do {
                _ = try ScenarioLoader.load(yaml: yaml, file: "ww.yaml")
                Issue.record("accepted: \(to)")
            } catch {
                #expect(error.description.hasPrefix(expected), "\(error.description)")
            }
        }
    }
}
