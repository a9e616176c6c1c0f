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
        let keepMost = TimePolicy.keepMostOptions(solve)
        #expect(keepMost.timeLimit == TimePolicy.keepMostCap && keepMost.proximitySearchTimeLimit == 5)
    }
}
