import Foundation
import Testing
@testable import MIPModel
@testable import GLPKBackend
@testable import Estate
@testable import Allocation
@testable import Reports

private typealias T = AllocationTestScenarios

/// The run's deadline reaches every phase: with a deadline already past (or an interrupt already requested) each
/// phase returns at once with an honest status, never `optimal`. Bounded-work tests, no timing.
@Suite struct TimeLimitTests {
    static let past = Deadline.after(seconds: 0)

    @Test func deadlineArithmetic() {
        #expect(!Deadline.never.hasPassed)
        #expect(Deadline.never.remaining == nil)
        #expect(Self.past.hasPassed)
        #expect(Self.past.remaining == 0)
        #expect(Deadline.after(seconds: nil) == .never)
        #expect(Deadline.after(seconds: .infinity) == .never)
        let later = Deadline.after(seconds: 3600)
        #expect(!later.hasPassed)
        #expect((later.remaining ?? 0) > 3500)
        #expect(later.earlier(Self.past) == Self.past)
        #expect(Deadline.never.earlier(later) == later)
        #expect(later.capped(seconds: nil) == later)
        #expect(later.capped(seconds: 0).hasPassed)
    }

    @Test func policySplitsOneDeadline() throws {
        let start = ContinuousClock.now
        let policy = TimePolicy(limit: 10)
        let run = policy.runDeadline(start: start)
        let solve = policy.solveDeadline(run: run, followUps: true)
        #expect(try #require(run.instant) == start.advanced(by: .seconds(10)))
        #expect(try #require(solve.instant) == start.advanced(by: .seconds(5)))
        #expect(policy.solveDeadline(run: run, followUps: false) == run)
        #expect(TimePolicy(limit: nil).runDeadline(start: start) == .never)
        #expect(TimePolicy.searchBudget(remaining: 60) == 42)
        #expect(TimePolicy.searchBudget(remaining: 4) == 2)
        #expect(TimePolicy.searchBudget(remaining: nil) == 10)
        #expect(Allocator.automaticBudget(GLPKOptions(timeLimit: 60)) == 42)
    }

    @Test func formulationStopsAtAPassedDeadlineOrAnInterrupt() {
        let s = T.small()
        #expect(Formulation.build(s, deadline: Self.past) == nil)
        let interrupt = SolveInterrupt()
        interrupt.request()
        #expect(Formulation.build(s, deadline: .never, interrupt: interrupt) == nil)
        let whole = Formulation.build(s, deadline: .never)
        #expect(whole?.model.constraints.count == Formulation.build(s).model.constraints.count)
        #expect(whole?.model.variables.count == Formulation.build(s).model.variables.count)
    }

    @Test func solverReturnsAtOnceWhenTheDeadlineHasPassed() throws {
        let (model, _) = GLPKSolverTests.knapsack(values: [5, 4, 3], weights: [4, 3, 2], capacity: 6)
        let r = try GLPKSolver().solve(model, deadline: Self.past)
        #expect(r.termination == .timeLimit)
        #expect(r.values == nil)
        #expect(r.rawStatus.contains("deadline-passed-before-solve"))
        let lp = try GLPKSolver().solve(model.linearRelaxation, deadline: Self.past)
        #expect(lp.termination == .timeLimit)
    }

    /// An interrupt requested before the solve returns at once, before the model is loaded; with an interrupt
    /// watched, the root LP is plotalloc's (sliced) and GLPK's presolver, whose root LP cannot be stopped, is off.
    @Test func interruptIsSeenBeforeLoadingAndKeepsTheRootLPSliced() throws {
        let model = GLPKSolverTests.marketSplit()
        let interrupt = SolveInterrupt()
        interrupt.request()
        let r = try GLPKSolver().solve(model, interrupt: interrupt)
        #expect(r.termination == .interrupted)
        #expect(r.values == nil)
        #expect(r.rawStatus == "interrupted-before-solve")
        let lp = try GLPKSolver().solve(model.linearRelaxation, interrupt: interrupt)
        #expect(lp.termination == .interrupted)
        let (knapsack, optimum) = GLPKSolverTests.knapsack(values: [5, 4, 3], weights: [4, 3, 2], capacity: 6)
        let watched = try GLPKSolver().solve(knapsack, interrupt: SolveInterrupt())
        #expect(watched.termination == .optimal)
        #expect(watched.objective == optimum)
        #expect(watched.rawStatus.hasPrefix("presolve=skipped-for-interrupt glp_simplex=0 status=GLP_OPT"))
    }

    @Test func allocatorWithAPassedDeadlineStopsInFormulation() throws {
        let r = try Allocator().allocate(T.small(), deadline: Self.past)
        #expect(r.status == .noSolution)
        #expect(r.termination == .timeLimit)
        #expect(r.stoppedIn == .formulate)
        #expect(r.layout == nil)
        let text = SolveTextReport(scenario: T.small(), result: r, unplaced: []).render()
        #expect(text.contains("stopped at the time limit during building the model"))
    }

    @Test func allocatorInterruptedBeforeStartStopsInFormulation() throws {
        let interrupt = SolveInterrupt()
        interrupt.request()
        let r = try Allocator().allocate(T.small(), interrupt: interrupt)
        #expect(r.status == .noSolution)
        #expect(r.termination == .interrupted)
        #expect(r.stoppedIn == .formulate)
    }

    /// A deadline between formulation and GLPK: the search keeps its construction (no sub-problem), GLPK does not
    /// run, and the layout is `feasible`, stopped in the search.
    @Test func searchWithAPassedDeadlineSolvesNoSubProblem() {
        let s = T.small()
        var options = LayoutSearch.Options(timeBudget: 60)
        options.deadline = Self.past
        let outcome = LayoutSearch(scenario: s, model: Formulation.build(s)).run(options)
        #expect(outcome.iterations == 0)
        #expect(outcome.report?.isFeasible ?? true)
    }

    @Test func explanationsReturnUndecidedAtAPassedDeadline() throws {
        let s = InfeasibilityDiagnosisTests.tooManyRequired()
        let check = FeasibilityCheck(deadline: Self.past)
        #expect(try check.check(s) == .unknown)
        let d = try InfeasibilityDiagnoser(check: check).diagnose(s)
        #expect(d.status == .undetermined)
        #expect(d.note == InfeasibilityDiagnoser.limitNote)
        let why = try WhyNotExplainer().explain(firm: "F1", in: T.small(), deadline: Self.past)
        if case .undecided = why.outcome {} else { Issue.record("expected undecided, got \(why.outcome)") }
    }

    @Test func alternativesStopAtAPassedDeadline() throws {
        let s = T.small()
        let best = try Allocator().allocate(s)
        let set = try #require(try AlternativeLayouts().find(in: s, count: 5, within: 0.5, best: best,
                                                              deadline: Self.past))
        #expect(set.layouts.count == 1)
        #expect(set.stop == .timeLimit)
    }

    @Test func hugeModelIsEstimatedBeforeFormulating() throws {
        let expansion = try ScenarioLoader.load(path: ScenarioGeneratorTests.expansionPath)
        let normal = ModelSizeEstimate(scenario: expansion)
        #expect(!normal.isHuge)
        // Within a factor of three of the model actually built.
        let built = AllocationResult.ModelSize(Formulation.build(expansion).model)
        #expect(Double(normal.nonzeros) < 3 * Double(built.nonzeros))
        #expect(3 * Double(normal.nonzeros) > Double(built.nonzeros))
        var wide = expansion
        wide.rules.adjacencyDistance = 1_000_000
        let huge = ModelSizeEstimate(scenario: wide)
        #expect(huge.isHuge)
        #expect(huge.cause == .adjacencyDistance)
        #expect(huge.message.hasPrefix("rules.adjacency_distance: the model would have about"))
        #expect(huge.exceeds(memory: 1e9))
        #expect(!ModelSizeEstimate(scenario: T.small()).isHuge)
    }

    /// `check` warns (exit 0) and names the key; `solve` with a deadline of a second stops while formulating or
    /// searching, with the phase in the report, never `optimal`.
    @Test func cliWarnsAboutAHugeModelAndReportsThePhase() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOfFile: ScenarioGeneratorTests.expansionPath, encoding: .utf8)
        let wide = text.replacingOccurrences(
            of: #"adjacency_distance: [0-9.]+"#, with: "adjacency_distance: 1000000", options: .regularExpression)
        #expect(wide != text)
        let file = dir.appendingPathComponent("wide.yaml")
        try wide.write(to: file, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", file.path])
        #expect(check.status == 0)
        #expect(check.errorLines.contains { $0.hasPrefix("\(file.path): warning: rules.adjacency_distance: ") })
        let solve = try CLI.run(["solve", file.path, "--time-limit", "1", "--json"])
        #expect(solve.status == 0 || solve.status == 4)
        #expect(solve.errorLines.contains { $0.contains("warning: rules.adjacency_distance") })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(solve.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String != "optimal")
        #expect(["formulate", "search", "solve"].contains(json["stopped_in"] as? String ?? "none"))
    }
}
