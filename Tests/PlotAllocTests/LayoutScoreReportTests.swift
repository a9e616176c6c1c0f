import Foundation
import Testing
@testable import Estate
@testable import Allocation
@testable import Reports

private typealias T = AllocationTestScenarios

/// One case per rule: a scenario, a layout breaking that rule, and the message expected.
private let cases: [(rule: Violation.Rule, scenario: Scenario, layout: [String: String], message: String)] = [
    (.unknownFirm, T.small(), ["FX": "P1"], "firm FX (on plot P1) is not in the scenario (hand.csv:7)"),
    (.unknownPlot, T.small(), ["F1": "P9"], "plot P9 (given to F1) is not in the scenario"),
    (.plotShared, T.small(), ["F2": "P3", "F3": "P3"], "plot P3 is given to 2 firms: F2, F3; a plot holds at most one firm"),
    (.ineligible, T.small(), ["F4": "P1"], "F4 (assembly) may not take P1: plot is 300 m², above the maximum 250 m²; zone heavy is not open to sector assembly"),
    (Violation.Rule(.locks), { () -> Scenario in
        var s = T.small()
        s.firms[1].lock = FirmLock(forbiddenPlots: ["P3"])
        return s
    }(), ["F2": "P3"], "F2 (machining) may not take P3: F2 is locked out of plot P3"),
    (.requiredUnplaced, T.small(extraFirms: [T.firm("R1", "machining", required: true)]), [:],
     "required firm R1 (machining) is not placed"),
    (.incumbentUnplaced, T.small(extraFirms: [T.firm("I1", "assembly", area: 100...200, incumbent: "P5")]), [:],
     "incumbent I1 (assembly) is not placed; it occupies P5 today"),
    (.incumbentMoved, T.small(extraFirms: [T.firm("I1", "assembly", area: 100...200, incumbent: "P5")]),
     ["I1": "P4"], "incumbent I1 (assembly) is on P4; under the fixed policy it keeps its own plot P5"),
    (.power, T.scenario(plots: T.plots([300, 300], heavy: 0), firms: [T.firm("A", "assembly"), T.firm("B", "assembly")],
                        blocks: [PowerBlock(id: "B1", capacityKVA: 15)]),
     ["A": "P1", "B": "P2"], "power block B1: 20 kVA placed, capacity 15 kVA"),
    (.separation, T.small(), ["F1": "P1", "F4": "P3"],
     "F1 (foundry) and F4 (assembly) are X-rated and 40 m apart; the minimum is 45 m"),
    (.quota, T.scenario(plots: T.plots([300], heavy: 1), firms: [T.firm("A", "foundry")],
                        quotas: [Quota(sector: "foundry", minCount: 1)]),
     [:], "quota sector foundry: 0 placed, at least 1 required"),
    (Violation.Rule(.wastewater), WastewaterRuleTests.scenario(), ["F1": "P1", "F2": "P2"],
     "treatment unit U1: 11 m³/day placed, capacity 10 m³/day"),
    (Violation.Rule(.buffers), BufferRuleTests.scenario(), ["F1": "P1"],
     "F1 (foundry) may not take P1: plot P1 is 10 m from housing (H1); foundry keeps 35 m"),
]

/// The rules of layouts with derived sites (issue 13): a cut plan's faults and the land-use rule.
private let siteCases: [(rule: Violation.Rule, scenario: Scenario, layout: Layout, message: String)] = [
    (Violation.Rule(.cutting), try! RawLandTests.scenario(),
     Layout(assignments: ["F3": "P2"], sites: [RawLandTests.kav("R1", 0, 12), RawLandTests.kav("R1", 10, 20)]),
     "kavlings R1[0-12] and R1[10-20] of block R1 overlap; expected disjoint kavlings"),
    (Violation.Rule(.landUse), { () -> Scenario in
        var s = try! RawLandTests.scenario()
        s.rules.landUse = LandUseRule(maxPlotShare: 0.5)
        return s
    }(), Layout(assignments: ["F3": "P2"], sites: [RawLandTests.kav("R1", 0, 30), RawLandTests.kav("R2", 0, 20),
                                                        RawLandTests.kav("R2", 20, 30)]),
     "phase raw: 1200 m² in plots and kavlings of 2000 m² (60.0 %); at most 50.0 % allowed"),
]

@Test func everyKindOfViolationIsNamedAndTheLayoutStillScored() throws {
    let all = cases.map { (rule: $0.rule, scenario: $0.scenario, layout: Layout(assignments: $0.layout), message: $0.message) }
        + siteCases
    #expect(Set(all.map(\.rule)) == Set(Violation.Rule.allCases))
    for c in all {
        let report = LayoutScoreReport(scenario: c.scenario, layout: c.layout, source: "hand.csv",
                                       lines: ["FX": 7])
        let text = report.text()
        #expect(text.contains("Feasible: no, the layout breaks"), "\(c.rule)")
        #expect(text.contains("  \(c.rule.rawValue): \(c.message)\n"), "\(c.rule): \(text)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let violations = try #require(json["violations"] as? [[String: Any]])
        #expect(violations.contains { $0["rule"] as? String == c.rule.rawValue && $0["message"] as? String == c.message },
                "\(c.rule)")
        #expect(json["feasible"] as? Bool == false)
        #expect(json["objective"] as? Double == report.verification.score.total)
    }
}

@Test func scoreOfAHandMadeLayoutIsBrokenDown() throws {
    // F1 foundry P1, F2 machining P2 (A: 8), F3 machining P3 (I with F2: 2), F4 assembly P4 (E with F3: 4).
    let s = T.small()
    let layout = Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3", "F4": "P4"])
    let report = LayoutScoreReport(scenario: s, layout: layout, source: "hand.csv")
    let placement = s.firms.prefix(4).map { s.rules.placementValue.value(of: $0) }.reduce(0, +)
    #expect(report.verification.score.closeness == 14)
    #expect(report.objective == placement + 14)
    let text = report.text()
    #expect(text.contains("Feasible: yes, the layout keeps every rule\n"))
    #expect(text.contains("Score: \(ReportText.number(placement + 14)) = placement \(ReportText.number(placement)) "
        + "+ closeness 14 - relocation 0\n  closeness by rating: A 8, E 4, I 2\n"))
    #expect(text.contains("Unplaced firms: 1\n  F5: "))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
    let score = try #require(json["score"] as? [String: Any])
    #expect(score["placement"] as? Double == placement)
    #expect(score["closeness"] as? Double == 14)
    #expect(score["relocation"] as? Double == 0)
    #expect((json["violations"] as? [Any])?.isEmpty == true)
}

@Test func scoreOfTheLayoutSolveWroteEqualsSolvesObjective() throws {
    let s = T.small(incumbents: .movable(movePenalty: 3),
                    extraFirms: [T.firm("I1", "assembly", area: 100...200, incumbent: "P5")])
    let result = try Allocator().allocate(s)
    let layout = try #require(result.layout)
    let text = LayoutFile(layout: layout, scenario: s.metadata.name, status: result.status.rawValue,
                          objective: result.objective, firmOrder: s.firms.map(\.id)).encoded()
    let read = try LayoutDocument.parse(text, file: "solved.json")
    let report = LayoutScoreReport(scenario: s, layout: read.layout)
    #expect(report.verification.isFeasible)
    #expect(abs(report.objective - (result.objective ?? .nan)) <= 1e-9)
}
