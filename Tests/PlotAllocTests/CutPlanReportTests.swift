import Foundation
import Testing
@testable import Estate
@testable import Reports

/// The cut plan in the reports planners take away (issue 13): the CSV's firm rows and cut-plan table, read back by
/// `score` and `compare`. On ``RawLandTests``' scenario.
@Suite struct CutPlanReportTests {
    static let layout = Layout(
        assignments: ["F1": "R1[0-12]", "F2": "P1+P2", "F3": "P3"],
        sites: [RawLandTests.kav("R1", 0, 12), RawLandTests.kav("R1", 18, 30), .merged(MergedRun(plots: ["P1", "P2"]))])

    @Test func theCSVNamesDerivedSitesAndListsTheCutPlan() throws {
        let s = try RawLandTests.scenario()
        let csv = LayoutCSVReport(scenario: s, layout: Self.layout).render()
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A firm on a kavling or run is placed, on the site's id with its area.
        #expect(lines.contains("F1,F1,machining,R1[0-12],240,raw,B2,0,0,10"), "\(csv)")
        #expect(lines.contains("F2,F2,machining,P1+P2,400,phase1,B1,0,0,10"), "\(csv)")
        #expect(lines.contains("F3,F3,machining,P3,200,phase1,B1,0,0,10"), "\(csv)")
        // The cut plan per block, along the frontage, with the land left uncut; then the runs.
        let table = try #require(lines.firstIndex(of: "site,kind,block,start_m,end_m,width_m,area_m2,firm,plots"))
        #expect(lines[table - 1].hasPrefix("# cut plan"))
        #expect(lines[table - 2] == "")
        #expect(Array(lines[(table + 1)...]) == [
            "R1[0-12],kavling,R1,0,12,12,240,F1,",
            ",uncut,R1,12,18,6,120,,",
            "R1[18-30],kavling,R1,18,30,12,240,,",
            ",uncut,R2,0,30,30,600,,",
            "P1+P2,merged,,,,,400,F2,P1+P2",
            "",
        ])
        // Without derived sites the CSV is the firm table alone.
        let plain = LayoutCSVReport(scenario: s, layout: Layout(assignments: ["F3": "P2"])).render()
        #expect(!plain.contains("cut plan") && plain.hasSuffix(",10\n"))
    }

    @Test func theCSVReadsBackWithItsCutPlan() throws {
        let s = try RawLandTests.scenario()
        let csv = LayoutCSVReport(scenario: s, layout: Self.layout).render()
        let document = try LayoutDocument.parse(csv, file: "cut.csv", format: .csv)
        #expect(document.layout == Self.layout)
        let report = LayoutVerifier(scenario: s).verify(document.layout)
        #expect(report == LayoutVerifier(scenario: s).verify(Self.layout))
        // A hand-typed CSV: firm,plot lines and a cut-plan table with only the columns that matter.
        let typed = """
            firm,plot
            F1,R2[0-10]
            F2,P1+P2+P3

            site,kind,block,start_m,end_m,plots
            R2[0-10],kavling,R2,0,10,
            ,uncut,R2,10,30,
            P1+P2+P3,merged,,,,P1+P2+P3
            """
        let hand = try LayoutDocument.parse(typed, file: "hand.csv", format: .csv)
        #expect(hand.layout.sites == [RawLandTests.kav("R2", 0, 10), .merged(MergedRun(plots: ["P1", "P2", "P3"]))])
        #expect(hand.layout.assignments == ["F1": "R2[0-10]", "F2": "P1+P2+P3"])
    }

    @Test func scoreAndCompareReadACutPlanCSV() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("raw.yaml"), csv = dir.appendingPathComponent("cut.csv")
        try RawLandTests.yaml.replacingOccurrences(of: "incumbent_plot: P2", with: "incumbent_plot: P3")
            .write(to: scenario, atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.load(path: scenario.path)
        try LayoutCSVReport(scenario: s, layout: Self.layout).render().write(to: csv, atomically: true, encoding: .utf8)
        let score = try CLI.run(["score", scenario.path, csv.path])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.contains("Feasible: yes"), "\(score.stdout)")
        #expect(score.stdout.contains("  R1 (30 × 20 m): 0–12 m: 12 m, 240 m², F1; 18–30 m: 12 m, 240 m², empty; uncut 6 m\n"),
                "\(score.stdout)")
        #expect(score.stdout.contains("  run P1+P2: 2 plots, 400 m², F2"), "\(score.stdout)")
        let plain = dir.appendingPathComponent("plain.csv")
        try "F3,P3\n".write(to: plain, atomically: true, encoding: .utf8)
        let compare = try CLI.run(["compare", scenario.path + ":" + plain.path, scenario.path + ":" + csv.path])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("  firms placed         1 of 3"), "\(compare.stdout)")
    }

    @Test func aBadCutPlanRowIsAOneLineError() {
        let bad = "firm,plot\nF1,R1[0-12]\nsite,kind,block,start_m,end_m\nR1[0-12],kavling,R1,zero,12\n"
        #expect {
            _ = try LayoutDocument.parse(bad, file: "bad.csv", format: .csv)
        } throws: { error in
            "\(error)" == "bad.csv:4:21: error: start_m: found \"zero\"; expected metres"
        }
        let kind = "site,kind,block,start_m,end_m\nX,slice,R1,0,12\n"
        #expect {
            _ = try LayoutDocument.parse(kind, file: "bad.csv", format: .csv)
        } throws: { error in
            "\(error)".contains("bad.csv:2:3: error: kind: found \"slice\"; expected kavling, merged or uncut")
        }
    }
}
