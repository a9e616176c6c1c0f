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

    /// Loading a model into GLPK asks whether to stop before its columns and every 1,024 rows, and ends there when
    /// told to (the 1,600-firm estate's 3.3 M non-zeros take about 0.4 s of processor time to load): a deadline that
    /// passes or an interrupt that arrives while a large model is loaded ends the solve without finishing the load.
    @Test func loadingIntoGLPKStopsBetweenRowsWhenAsked() {
        var model = Model()
        let x = model.addVariable("x", .continuous, lower: 0, upper: 1)
        let rows = 3 * GLPKProblem.rowsPerStopCheck + 5
        for r in 0..<rows { model.addConstraint("r\(r)", LinearExpression(terms: [.init(x, 1)]), .lessOrEqual(1)) }
        model.setObjective(.maximize, LinearExpression(terms: [.init(x, 1)]))
        var asked = 0
        let whole = GLPKProblem(model: model, names: false) { asked += 1; return false }
        #expect(whole.isComplete)
        #expect(asked == 1 + 3)  // before the columns, then before rows 1,024, 2,048 and 3,072
        asked = 0
        let cut = GLPKProblem(model: model, names: false) { asked += 1; return asked == 3 }
        #expect(!cut.isComplete)
        #expect(asked == 3)
        let never = GLPKProblem(model: model, names: false) { true }
        #expect(!never.isComplete)
    }

    /// The next simplex slice: none when the deadline leaves no more than GLPK's measured overhead of a slice; the
    /// cap (only for large models, and only when the run need not be reproducible) or what is left, minus that
    /// overhead; a cap raised to twice the overhead so that a loaded machine's slices still iterate.
    @Test func simplexSlicesLeaveRoomForTheirOverheadAndStopBeforeTheDeadline() throws {
        #expect(GLPKSolver.sliceLimit(remaining: 0, cap: 0.5, overhead: 0) == nil)
        #expect(GLPKSolver.sliceLimit(remaining: 1.0, cap: nil, overhead: 1.5) == nil)
        let unlimited = try #require(GLPKSolver.sliceLimit(remaining: nil, cap: nil, overhead: 3))
        #expect(unlimited.seconds == nil && !unlimited.capped)
        let byCount = try #require(GLPKSolver.sliceLimit(remaining: 10, cap: nil, overhead: 0.5))
        #expect(byCount.seconds == 9.5 && !byCount.capped)
        let capped = try #require(GLPKSolver.sliceLimit(remaining: 10, cap: 0.5, overhead: 0))
        #expect(capped.seconds == 0.5 && capped.capped)
        let loaded = try #require(GLPKSolver.sliceLimit(remaining: 10, cap: 0.5, overhead: 2))
        #expect(loaded.seconds == 4 && loaded.capped)
        let last = try #require(GLPKSolver.sliceLimit(remaining: 3, cap: 0.5, overhead: 2))
        #expect(last.seconds == 1 && !last.capped)
        let noDeadline = try #require(GLPKSolver.sliceLimit(remaining: nil, cap: 0.5, overhead: 0))
        #expect(noDeadline.seconds == 0.5 && noDeadline.capped)
    }

    /// The solve stops a quarter of the formulation's time before the run's deadline (at most a tenth of what is
    /// left), for the work after it that is not interrupted; nothing without a deadline, nothing from one past.
    @Test func solveLeavesAReserveForTheWorkAfterIt() throws {
        #expect(TimePolicy.finishReserve(formulateSeconds: 2, remaining: 50) == 0.5)
        #expect(TimePolicy.finishReserve(formulateSeconds: 20, remaining: 10) == 1)
        #expect(TimePolicy.finishReserve(formulateSeconds: 2, remaining: nil) == 0)
        #expect(TimePolicy.finishReserve(formulateSeconds: 2, remaining: 0) == 0)
        let run = Deadline.after(seconds: 100)
        let solve = run.earlier(by: 1.5)
        #expect(try #require(run.instant) - (try #require(solve.instant)) == .milliseconds(1500))
        #expect(Deadline.never.earlier(by: 3) == .never)
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
        #expect(["load", "formulate", "search", "solve"].contains(json["stopped_in"] as? String ?? "none"))
    }
}
