import Foundation
import Testing
@testable import Estate
@testable import Allocation
@testable import Reports

private typealias T = AllocationTestScenarios

@Test func diffIsExactInFirmOrder() {
    let a = Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3", "F5": "P5", "Z9": "P9"])
    let b = Layout(assignments: ["F1": "P1", "F2": "P4", "F4": "P3", "F6": "P6", "A0": "P7"])
    let diff = LayoutDiff(from: a, to: b, firmOrder: ["F1", "F2", "F3", "F4", "F5", "F6", "F2"])
    #expect(diff.entries == [
        .init(firm: "F1", change: .unchanged, from: "P1", to: "P1"),
        .init(firm: "F2", change: .moved, from: "P2", to: "P4"),
        .init(firm: "F3", change: .dropped, from: "P3", to: nil),
        .init(firm: "F4", change: .added, from: nil, to: "P3"),
        .init(firm: "F5", change: .dropped, from: "P5", to: nil),
        .init(firm: "F6", change: .added, from: nil, to: "P6"),
        .init(firm: "A0", change: .added, from: nil, to: "P7"),
        .init(firm: "Z9", change: .dropped, from: "P9", to: nil),
    ])
    #expect(diff.entries(.moved).map(\.firm) == ["F2"])
    #expect(!diff.isEmpty)
    #expect(LayoutDiff(from: a, to: a).isEmpty)
    #expect(LayoutDiff(from: Layout(), to: Layout()).entries.isEmpty)
}

/// Phase 1 and an expansion: the expansion adds plot P6 and applicant N1; incumbent I1 may move.
private func phases() -> (phase1: Scenario, expansion: Scenario) {
    let phase1 = T.small(incumbents: .movable(movePenalty: 2),
                         extraFirms: [T.firm("I1", "assembly", area: 100...200, incumbent: "P5")])
    var expansion = phase1
    expansion.metadata.name = "expansion"
    expansion.site.phases.append(Phase(id: "expansion", area: 4000))
    expansion.site.plots.append(Plot(id: "P6", phase: "expansion", area: 250, x: 100, y: 0, zone: "general",
                                     frontage: .main, powerBlock: "B1"))
    expansion.firms.append(T.firm("N1", "machining", area: 150...300))
    return (phase1, expansion)
}

@Test func comparisonDiffSectionIsExact() {
    let (phase1, expansion) = phases()
    let before = Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3", "I1": "P5"])
    let after = Layout(assignments: ["F1": "P1", "F2": "P2", "I1": "P4", "N1": "P6", "F4": "P5"])
    let c = LayoutComparison(entries: [
        .init(label: "phase1", scenario: phase1, layout: before, source: "today.csv", status: "given"),
        .init(label: "expansion", scenario: expansion, layout: after, source: "solved", status: "optimal",
              seconds: 0.5),
    ])
    let text = c.text()
    // The diff comes before the unplaced firms (the longest part, last).
    let section = text.components(separatedBy: "Changes from phase1 to expansion:\n")[1]
        .components(separatedBy: "\nUnplaced in ")[0]
    let f3 = c.columns[1].unplaced.first { $0.firm == "F3" }!.message
    #expect(section == """
          placed only in expansion: 2
            + F4 (assembly) on P5
            + N1 (machining) on P6; not in phase1's scenario
          placed only in phase1: 1
            - F3 (machining) from P3; in expansion: \(f3)
          moved: 1
            ~ I1 (assembly, incumbent): P5 -> P4
          unchanged: 2 (F1 P1, F2 P2)

        """)
    // The table has both phases, '-' for the phase the first scenario lacks.
    let rows = c.table()
    #expect(rows[0] == ["", "phase1", "expansion"])
    #expect(rows.first { $0[0] == "land expansion" } == ["land expansion", "-", "1/1 plots, 250 m² (6.2 %)"])
    #expect(rows.first { $0[0] == "  relocation" } == ["  relocation", "0", "2"])
    #expect(rows.first { $0[0] == "time" } == ["time", "-", "0.50 s"])
    #expect(rows.first { $0[0] == "firms placed" } == ["firms placed", "4 of 6", "5 of 7"])
}

@Test func comparisonJSONListsTheDiffExactly() throws {
    let (phase1, expansion) = phases()
    let c = LayoutComparison(entries: [
        .init(label: "a", scenario: phase1, layout: Layout(assignments: ["F1": "P1", "I1": "P5", "F2": "P2"]),
              source: "a.csv", status: "given"),
        .init(label: "a", scenario: expansion, layout: Layout(assignments: ["F1": "P1", "I1": "P4", "N1": "P6"]),
              source: "solved", status: "optimal"),
        .init(label: "c", scenario: expansion, layout: nil, source: "solved", status: "infeasible"),
    ])
    #expect(c.columns.map(\.entry.label) == ["a", "a (2)", "c"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(c.json().utf8)) as? [String: Any])
    let diffs = try #require(json["diffs"] as? [[String: Any]])
    #expect(diffs.count == 2)
    #expect(diffs[0]["from"] as? String == "a" && diffs[0]["to"] as? String == "a (2)")
    // Each entry says whether the firm is an incumbent (I1 holds P5 today).
    func entries(_ key: String) -> [NSDictionary]? { (diffs[0][key] as? [[String: Any]])?.map { $0 as NSDictionary } }
    #expect(entries("added") == [["firm": "N1", "plot": "P6", "incumbent": false]])
    #expect(entries("dropped") == [["firm": "F2", "plot": "P2", "incumbent": false]])
    #expect(entries("moved") == [["firm": "I1", "from": "P5", "to": "P4", "incumbent": true]])
    #expect(entries("unchanged") == [["firm": "F1", "plot": "P1", "incumbent": false]])
    #expect(diffs[1]["added"] is NSNull)
    let columns = try #require(json["columns"] as? [[String: Any]])
    #expect(columns[2]["status"] as? String == "infeasible")
    #expect(columns[2]["score"] is NSNull)
    #expect(c.text().contains("Changes from a to c:\n  (no layout to compare: a is given, c is infeasible)\n"))
}

@Test func twoWeightingsSolvedAreComparedWithTheirOwnScores() throws {
    let base = T.small()
    var closenessHeavy = base
    closenessHeavy.rules.ratingWeights = RatingWeights(a: 40, e: 20, i: 10, o: 5)
    var entries: [LayoutComparison.Entry] = []
    for (label, s) in [("default", base), ("closeness x5", closenessHeavy)] {
        let r = try Allocator().allocate(s)
        entries.append(.init(label: label, scenario: s, layout: r.layout, source: "solved", status: r.status.rawValue))
        #expect(r.status == .optimal)
    }
    let c = LayoutComparison(entries: entries)
    for (i, column) in c.columns.enumerated() {
        let r = try Allocator().allocate(i == 0 ? base : closenessHeavy)
        #expect(column.verification?.score.total == r.report?.score.total)
        #expect(column.verification?.isFeasible == true)
    }
    // The diff accounts for every firm placed in either layout, exactly once.
    let diff = try #require(c.diffs[0])
    let placed = Set(entries[0].layout!.assignments.keys).union(entries[1].layout!.assignments.keys)
    #expect(Set(diff.entries.map(\.firm)) == placed)
    #expect(diff.entries.count == placed.count)
    // The comparison map is valid and draws the second layout.
    let svg = try #require(c.map())
    #expect(svg.contains("Changes since default"))
}
