import Foundation
import Testing

@testable import Estate
@testable import Allocation

/// Phases that follow each other: a standing layout (`incumbents_from`, `solve --incumbents`, `generate
/// --incumbents`) makes the firms of the phase before the incumbents of the next.
@Suite struct PhasedWorkflowTests {
    static let tutorial = CLI.root.appendingPathComponent("scenarios/tutorial.yaml").path

    /// The tutorial with `incumbents_from: FILE` in place of its one `incumbent_plot`, written with `layout` beside it.
    static func standingTutorial(layout: String, name: String = "standing.json") throws -> (dir: URL, path: String) {
        let dir = try CLI.temporaryDirectory()
        let yaml = try String(contentsOfFile: tutorial, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("incumbent_plot:") }
            .joined(separator: "\n") + "\nincumbents_from: \(name)\n"
        let path = dir.appendingPathComponent("scenario.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        try layout.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return (dir, path)
    }

    @Test func incumbentsFromMakesTheLayoutsFirmsTheIncumbents() throws {
        let (dir, path) = try Self.standingTutorial(layout: "firm,plot\nF2,P2\nF4,P1\n", name: "today.csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try ScenarioLoader.load(path: path)
        let incumbents = Dictionary(uniqueKeysWithValues: s.firms.compactMap { f in f.incumbentPlot.map { (f.id, $0) } })
        #expect(incumbents == ["F2": "P2", "F4": "P1"])
        #expect(s.incumbentsFrom == "today.csv")
        let result = try Allocator().allocate(s)
        #expect(result.layout?.assignments["F2"] == "P2")
        #expect(result.layout?.assignments["F4"] == "P1")
    }

    @Test func incumbentsFromReportsUnknownIdsAtTheKeyWithTheLayoutsLine() throws {
        let (dir, path) = try Self.standingTutorial(layout: "firm,plot\nF2,P2\nF44,P1\nF4,P99\n", name: "today.csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        let messages = error.diagnostics.map(\.message)
        #expect(error.diagnostics.allSatisfy { $0.path == "incumbents_from" && $0.line != nil })
        #expect(messages.contains { $0.contains("today.csv:3: unknown firm \"F44\"; did you mean \"F4\"?") })
        #expect(messages.contains { $0.contains("today.csv:4: unknown plot \"P99\" (given to F4)") })
    }

    @Test func incumbentsFromBesideIncumbentPlotIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = try String(contentsOfFile: Self.tutorial, encoding: .utf8) + "\nincumbents_from: x.csv\n"
        let path = dir.appendingPathComponent("s.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error.diagnostics.first?.message.hasPrefix("found incumbent_plot while incumbents_from") == true)
    }

    @Test func solveIncumbentsTakesALayoutFileAndRefusesAnIneligibleOne() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.csv").path
        try "F2,P2\n".write(toFile: good, atomically: true, encoding: .utf8)
        let run = try CLI.run(["solve", "scenarios/tutorial.yaml", "--incumbents", good, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let o = try CLI.object(run.stdout)
        let assignments = try #require(o["assignments"] as? [[String: Any]])
        #expect(assignments.contains { $0["firm"] as? String == "F2" && $0["plot"] as? String == "P2" })
        let bad = dir.appendingPathComponent("bad.csv").path
        try "F6,P2\n".write(toFile: bad, atomically: true, encoding: .utf8)   // F6 fits no plot
        let refused = try CLI.run(["solve", "scenarios/tutorial.yaml", "--incumbents", bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("bad.csv:1: error: --incumbents: firm \"F6\" may not take \"P2\""))
        #expect(refused.stdout.isEmpty)
    }

    /// The bundled expansion stands on phase 1 as solved: comparing the two moves nobody (the incumbents are fixed).
    /// The work limit keeps the expansion's solve short; phase 1 is proven optimal within it (5 sub-problems).
    @Test func comparingPhase1WithTheExpansionShowsNoMoves() throws {
        let run = try CLI.run([
            "compare", "scenarios/bekasi-phase1.yaml", "scenarios/bekasi-expansion.yaml", "--work-limit", "5", "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let o = try CLI.object(run.stdout)
        let diff = try #require((o["diffs"] as? [[String: Any]])?.first)
        let moved = try #require(diff["moved"] as? [[String: Any]])
        #expect(moved.isEmpty, "moved: \(moved)")
        let unchanged = try #require(diff["unchanged"] as? [[String: Any]])
        #expect(unchanged.count == ScenarioGenerator.bekasiPhase1Solved.assignments.count)
        #expect(unchanged.allSatisfy { $0["incumbent"] as? Bool == true })
        #expect(((o["diffs"] as? [[String: Any]])?.first?["dropped"] as? [Any])?.isEmpty == true)
    }

    @Test func generatorRefusesAStandingLayoutThatBreaksPhase1Rules() throws {
        #expect(throws: ScenarioGeneratorError.self) {
            try ScenarioGenerator.bekasiExpansion(standing: Layout(assignments: ["F001": "A01", "F002": "A01"]))
        }
        let ok = try ScenarioGenerator.bekasiExpansion(standing: ScenarioGenerator.bekasiPhase1Solved)
        let incumbents = ok.scenario.firms.filter(\.isIncumbent)
        #expect(incumbents.count == ScenarioGenerator.bekasiPhase1Solved.assignments.count)
        #expect(LayoutVerifier(scenario: ok.scenario).verify(ok.witness).isFeasible)
    }
}
