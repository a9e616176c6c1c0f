import Foundation
import Testing
@testable import GLPKBackend
@testable import Estate
@testable import Allocation
@testable import Reports

/// The library's solve session: one call from a file to an outcome the renderers take, and typed failures.
@Suite struct SolveSessionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    @Test func tutorialOutcomeIsTheVerifiedOptimumWithItsRenderings() throws {
        let outcome = try SolveSession(.init(path: Self.path("scenarios/tutorial.yaml"))).run()
        #expect(outcome.result.status == .optimal)
        #expect(outcome.result.objective == 148.5)
        #expect(outcome.diagnosis == nil && outcome.explanation == nil && outcome.alternatives == nil)
        let layout = try #require(outcome.result.layout)
        let left = Set(outcome.scenario.firms.map(\.id)).subtracting(layout.assignments.keys)
        #expect(Set(outcome.unplaced.map(\.firm)) == left)
        #expect(LayoutFile(outcome: outcome)?.layout == layout)
        #expect(SolveTextReport.render(outcome).hasPrefix("Scenario: \(outcome.scenario.metadata.name)"))
        #expect(LayoutCSVReport(outcome: outcome) != nil)
    }

    @Test func scoreSessionReadsTheLayoutForItsScenario() throws {
        let request = ScoreSession.Request(scenario: Self.path("scenarios/tutorial.yaml"),
                                           layout: Self.path("docs/examples/tutorial-hand.csv"))
        let outcome = try ScoreSession(request).run()
        #expect(outcome.layout.assignments["F1"] == "P3")
        #expect(outcome.warnings.isEmpty)
        let report = LayoutScoreReport(outcome: outcome)
        #expect(report.source == request.layout && report.lines["F1"] == 3)
        #expect(report.objective == LayoutVerifier(scenario: outcome.scenario).verify(outcome.layout).score.total)
        // A missing layout file, and a scenario that does not load, are invalid input before anything is scored.
        for bad in [ScoreSession.Request(scenario: request.scenario, layout: Self.path("no-such-layout.csv")),
                    ScoreSession.Request(scenario: Self.path("no-such.yaml"), layout: request.layout)] {
            #expect { try ScoreSession(bad).run() } throws: { error in
                if case .invalidInput = error as? SolveSession.Failure { true } else { false }
            }
        }
    }

    @Test func compareSessionSolvesScenariosAndReadsGivenLayouts() throws {
        let tutorial = Self.path("scenarios/tutorial.yaml"), hand = Self.path("docs/examples/tutorial-hand.csv")
        let session = CompareSession(.init(arguments: [tutorial + ":" + hand, tutorial]))
        #expect(session.inputs == [tutorial, hand, tutorial])
        let compared = try session.run()
        #expect(compared.map(\.scenarioFile) == [tutorial, tutorial])
        let entries = compared.map(LayoutComparison.Entry.init)
        #expect(entries.map(\.status) == ["given", "optimal"])
        #expect(entries.map(\.label) == ["tutorial-hand", "tutorial"])
        #expect(entries[0].source == hand && entries[1].source == "solved")
        #expect(entries[0].receipt == nil && entries[1].receipt?.input == tutorial)
        let solved = try #require(entries[1].layout)
        #expect(LayoutVerifier(scenario: entries[1].scenario).verify(solved).score.total == 148.5)
        // Split: an existing file is a scenario; else at the first colon whose left part exists.
        let exists: (String) -> Bool = { ["a.yaml", "c:d.yaml"].contains($0) }
        #expect(CompareSession.split("a.yaml", exists: exists) == ("a.yaml", nil))
        #expect(CompareSession.split("a.yaml:x.csv", exists: exists) == ("a.yaml", "x.csv"))
        #expect(CompareSession.split("c:d.yaml:y.csv", exists: exists) == ("c:d.yaml", "y.csv"))
        #expect(CompareSession.split("nope:z.csv", exists: exists) == ("nope:z.csv", nil))
        #expect(throws: SolveSession.Failure.self) {
            try CompareSession(.init(arguments: [tutorial, tutorial + ":" + Self.path("no-such.csv")])).run()
        }
    }

    @Test func explanationAndAlternativesAreInTheOutcome() throws {
        var stages: [SolveSession.Stage] = []
        let request = SolveSession.Request(path: Self.path("scenarios/tutorial.yaml"), explain: "F3", alternatives: 2)
        let outcome = try SolveSession(request).run(stage: { stages.append($0) })
        #expect(outcome.explanation?.firm == "F3")
        #expect(outcome.alternatives != nil)
        #expect(stages == [.explaining(firm: "F3"), .findingAlternatives(count: 2, within: 0.01)])
    }

    @Test func infeasibleScenarioIsDiagnosed() throws {
        let outcome = try SolveSession(.init(path: Self.path("Tests/PlotAllocTests/Fixtures/infeasible.yaml"))).run()
        #expect(outcome.result.status == .infeasible)
        #expect(outcome.diagnosis != nil)
        #expect(LayoutFile(outcome: outcome) == nil && LayoutCSVReport(outcome: outcome) == nil)
    }

    @Test func badInputIsRefusedBeforeAnySolve() {
        let missing = SolveSession.Request(path: Self.path("no-such-file.yaml"))
        #expect(throws: SolveSession.Failure.self) { try SolveSession(missing).run() }
        let unknownFirm = SolveSession.Request(path: Self.path("scenarios/tutorial.yaml"), explain: "NOPE")
        do {
            _ = try SolveSession(unknownFirm).run(stage: { _ in Issue.record("no step may run") })
            Issue.record("an unknown --explain id must be refused")
        } catch {
            guard case .invalidInput(let line) = error else { Issue.record("expected invalid input"); return }
            #expect(line.contains("--explain: firm NOPE is not in the scenario"))
        }
    }

    @Test func followUpChecksAreCappedAndCarryNoGap() {
        var solve = GLPKOptions()
        solve.relativeGap = 0.05
        let unlimited = TimePolicy(limit: nil)
        #expect(unlimited.checkOptions(solve).timeLimit == unlimited.checkCap)
        #expect(unlimited.checkOptions(solve).relativeGap == nil)
        #expect(TimePolicy(limit: 5).checkOptions(solve).timeLimit == 5)
        #expect(unlimited.alternativesBudget(run: .never) == unlimited.alternativesBudgetWithoutLimit)
        #expect(TimePolicy(limit: 5).alternativesBudget(run: .after(seconds: 5)) == nil)
    }

    @Test func theProximitySearchCapIsTheTimePolicys() {
        var solve = GLPKOptions()
        solve.proximitySearch = true
        #expect(TimePolicy.cappingProximitySearch(solve) == solve, "no limit, no cap")
        solve.timeLimit = 30
        #expect(TimePolicy.cappingProximitySearch(solve).proximitySearchTimeLimit == 15)
        solve.timeLimit = 1
        #expect(TimePolicy.cappingProximitySearch(solve).proximitySearchTimeLimit == 1, "at least 1 s")
        // The solve's options as the settings make them, and every re-solve's, carry the cap of their own limit.
        #expect(SolverSettings(timeLimit: 40).glpkOptions().proximitySearchTimeLimit == 20)
        solve.timeLimit = nil
        #expect(TimePolicy(limit: nil).checkOptions(solve).proximitySearchTimeLimit == 10)
        let reSolve = TimePolicy.reSolveOptions(solve, remaining: 4)
        #expect(reSolve.timeLimit == 4 && reSolve.proximitySearchTimeLimit == 2)
        #expect(TimePolicy.reSolveOptions(solve, remaining: nil).timeLimit == nil)
        // The main solve after the search: the deadline bounds GLPK, and the proximity search what it leaves.
        var settings = SolverSettings(timeLimit: 60).glpkOptions()
        settings.proximitySearch = true
        let main = TimePolicy.mainSolveOptions(settings, remaining: 17)
        #expect(main.timeLimit == nil && main.proximitySearchTimeLimit == 8.5)
        #expect(TimePolicy.mainSolveOptions(settings, remaining: 0.2).proximitySearchTimeLimit == 1, "at least 1 s")
        #expect(TimePolicy.mainSolveOptions(settings, remaining: nil).proximitySearchTimeLimit == 30)
        let keepMost = TimePolicy.keepMostOptions(solve)
        #expect(keepMost.timeLimit == TimePolicy.keepMostCap && keepMost.proximitySearchTimeLimit == 5)
    }
}
