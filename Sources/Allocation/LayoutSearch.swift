import Foundation
import PlotAllocSupport
import MIPModel
import GLPKBackend
import Estate

/// The primal engine: a verified starting layout from ``LayoutHeuristic``, then a MIP-based large-neighbourhood
/// search that repeatedly frees a region of the site (one or more power blocks, the plots nearest a random plot, or
/// the plots of a few random firms), fixes the rest of the incumbent layout, and solves that sub-problem with
/// ``GLPKSolver``, warm-started with the incumbent.
///
/// A sub-problem frees `x[f,p]` for every plot `p` of the region and every firm `f` that sits in the region or is
/// unplaced; every other assignment keeps its incumbent value (see ``ModelRestriction``). An improving sub-solution is
/// accepted only when its layout passes ``LayoutVerifier``, its start vector satisfies the model and the model's
/// objective equals the verified score (within 1e-6 relative); so every layout the search returns is verified.
/// The region size adapts: it grows after sub-problems solved to optimality and shrinks after ones stopped at their
/// node or time limit. A region covering every movable assignment, solved to optimality, proves the incumbent
/// optimal and ends the search.
///
/// Everything runs on the calling thread. For a given seed the sequence of sub-problems, and so the result, is
/// deterministic as long as no sub-solve reaches its time limit (a node limit, which is deterministic, normally
/// ends them first) and the run is ended by ``Options/maxIterations`` rather than by the budget.
public struct LayoutSearch: Sendable {
    /// How long and how hard to search.
    public struct Options: Sendable, Hashable {
        /// Seconds for the whole search, construction included. The last sub-solve may overrun it by up to
        /// ``subproblemTimeLimit``.
        public var timeBudget: Double
        /// Seed of the neighbourhood choice.
        public var seed: UInt64
        /// Stop after this many sub-problems, or `nil` for no such limit.
        public var maxIterations: Int?
        /// Seconds for ``LayoutHeuristic`` (the construction) as a safety net; `nil` for the whole budget. The
        /// construction normally ends by its own work limit (``constructionTrials``), which keeps it reproducible.
        public var constructionBudget: Double?
        /// Trials of the construction's iterated local search; `nil` for
        /// ``LayoutHeuristic/automaticTrials(firms:plots:)``.
        public var constructionTrials: Int?
        /// Wall-clock limit of one sub-solve; none by default (`.infinity`): the node limit ends a sub-solve, so
        /// that the search's path is the same on a loaded machine (a 3 s limit used to cut sub-solves short when
        /// several runs shared two processors, and the search then took another path). The search's own budget
        /// still cuts the last sub-solve short.
        public var subproblemTimeLimit: Double
        /// Branch-and-bound nodes of one sub-solve before it is stopped with its best layout.
        public var subproblemNodeLimit: Int
        /// Plots in the first region (adapted during the search).
        public var initialRegionSize: Int
        /// Stop after this many sub-problems in a row without improvement (100 by default: on the 50-firm generated
        /// estate the construction's layout is optimal and the search used to run 356 sub-problems, 42 s, before GLPK
        /// got to prove it; with 100 the proof comes at 27.5 s instead of 58 s, and the expansion case and the 100-
        /// and 200-firm estates, whose longest runs without improvement are 20–40 sub-problems, end with the same
        /// layouts).
        public var stallLimit: Int
        /// Stop once the sub-problems since the last improvement have together freed this many times the model's
        /// movable assignments (10 by default): the stall limit scaled to the model. A sub-problem of a small
        /// model frees a large share of it, and there GLPK's branch-and-cut over the whole model (with cuts, no
        /// node limit) is the better use of the time: on the 32-firm, 24-plot estate of seed 9 the search used to
        /// run 100 fruitless sub-problems (each freeing about two thirds of the model) before GLPK proved the
        /// construction's neighbourhood optimal with the same 2,499 nodes it needs from the first layout. On the
        /// expansion case a sub-problem frees 2–4 % of the model, so the 100-sub-problem stall limit ends it first,
        /// as before. `.infinity` turns the rule off.
        public var stallWork: Double = 10
        /// Unplaced firms that may enter each plot of a region: those with the largest objective coefficient there
        /// (`nil` for all; a region covering the whole site always admits all).
        public var outsidersPerPlot: Int? = 6
        /// Further unplaced firms per plot, drawn at random, when ``outsidersPerPlot`` limits them.
        public var randomOutsidersPerPlot: Int = 3
        /// When the search must end, whatever its budget says (the run's deadline); the construction and every
        /// sub-solve are bounded by it.
        public var deadline: Deadline = .never
        /// GLPK cut families in the sub-solves (none by default: on these small sub-problems GLPK's cut rounds cost
        /// more than the nodes they save).
        public var subproblemCuts: Set<CutFamily> = []
        /// A layout to start from instead of the construction's (checked like it: verified and a point of the
        /// model); `nil` for the construction. The raw-land decomposition search starts each sub-problem from its
        /// current plan.
        var initialLayout: Layout?

        /// Makes options; see each property for its meaning.
        public init(
            timeBudget: Double, seed: UInt64 = 1, maxIterations: Int? = nil, constructionBudget: Double? = nil,
            subproblemTimeLimit: Double = .infinity, subproblemNodeLimit: Int = 150, initialRegionSize: Int = 16,
            stallLimit: Int = 100
        ) {
            self.timeBudget = timeBudget
            self.seed = seed
            self.maxIterations = maxIterations
            self.constructionBudget = constructionBudget
            self.subproblemTimeLimit = subproblemTimeLimit
            self.subproblemNodeLimit = subproblemNodeLimit
            self.initialRegionSize = initialRegionSize
            self.stallLimit = stallLimit
        }
    }

    /// Why the large-neighbourhood search ended.
    public enum End: String, Sendable, Hashable, Codable {
        /// It did not start: no layout from the construction, or none of its time left.
        case notStarted = "not_started"
        /// A sub-problem freeing every movable assignment was solved to optimality: the layout is optimal.
        case proven
        /// A sub-problem freeing every movable assignment stopped at its node limit: the whole model needs GLPK's
        /// full branch-and-cut, which the caller runs next; repeating the same sub-problem would only repeat it.
        case wholeModelAtNodeLimit = "whole_model_at_node_limit"
        /// ``Options/stallLimit`` sub-problems in a row, or ``Options/stallWork`` times the model's movable
        /// assignments freed, without improvement.
        case stalled
        /// ``Options/maxIterations`` sub-problems were solved.
        case iterationLimit = "iteration_limit"
        /// The budget or the deadline ran out.
        case budget
        /// The caller's interrupt was requested.
        case interrupted
    }

    /// Which stage found a layout.
    public enum Stage: String, Sendable, Hashable, Codable {
        /// Greedy construction, local search and ruin-and-recreate (``LayoutHeuristic``).
        case construction
        /// A sub-problem of the large-neighbourhood search.
        case neighbourhood = "lns"
    }

    /// One improvement of the incumbent.
    public struct TracePoint: Sendable, Hashable {
        /// Seconds since the search began.
        public var seconds: Double
        /// The verified score reached.
        public var score: Double
        /// The stage that reached it.
        public var stage: Stage
    }

    /// What a run found.
    public struct Outcome: Sendable {
        /// The best verified layout, or `nil` when the construction found none (see ``rejected``).
        public var layout: Layout?
        /// Its verification.
        public var report: VerificationReport?
        /// Its solution vector for the model (a feasible warm start).
        public var vector: [Double]?
        /// Its verified score (−∞ without a layout).
        public var score: Double
        /// The stage that found ``layout``.
        public var stage: Stage?
        /// The verified score of the construction's layout.
        public var constructionScore: Double?
        /// Sub-problems solved.
        public var iterations: Int
        /// Sub-problems that improved the incumbent.
        public var improvements: Int
        /// Whether a sub-problem covering every movable assignment was solved to optimality: the layout is optimal.
        public var provenOptimal: Bool
        /// Why no layout (or why a sub-solution was refused), when that happened.
        public var rejected: String?
        /// Seconds spent.
        public var seconds: Double
        /// Every improvement, in order.
        public var trace: [TracePoint]
        /// Trials the construction's iterated local search ran (a work count: the same on any machine unless its
        /// safety-net budget ended it).
        public var constructionTrials: Int = 0
        /// Why the large-neighbourhood search ended.
        public var end: End = .notStarted
    }

    /// The scenario whose plots the model's plot indices refer to (``AllocationModel/plan`` under raw land or
    /// merging: candidate sites as plots).
    private let scenario: Scenario
    private let allocation: AllocationModel
    /// The verifier of the scenario as given (derived sites are checked against its raw land).
    private let verifier: LayoutVerifier

    /// Prepares a search over `model`, the formulation of `scenario`.
    public init(scenario: Scenario, model: AllocationModel) {
        self.scenario = model.plotScenario(scenario)
        self.allocation = model
        self.verifier = LayoutVerifier(scenario: scenario)
    }

    /// Runs the construction and then the large-neighbourhood search until the budget, the iteration or stall
    /// limit, a proof of optimality or `interrupt` ends it.
    ///
    /// - Parameters:
    ///   - progress: called at most once a second with the incumbent (`bound` and `gap` are `nil`, `nodes` counts
    ///     sub-problems).
    ///   - interrupt: when requested, the search stops after the current sub-solve (which stops at its next
    ///     callback) and returns its best layout.
    /// - Returns: the outcome; never throws: a sub-solve that fails or a sub-solution that does not verify is
    ///   skipped (and named in ``Outcome/rejected``).
    public func run(
        _ options: Options, progress: ((SolveProgress) -> Void)? = nil, interrupt: SolveInterrupt? = nil
    ) -> Outcome {
        let clock = ContinuousClock()
        let began = clock.now
        func elapsed() -> Double { Allocator.seconds(since: began, clock) }
        let budget = max(0, options.timeBudget)
        var outcome = Outcome(
            layout: nil, report: nil, vector: nil, score: -.infinity, stage: nil, constructionScore: nil,
            iterations: 0, improvements: 0, provenOptimal: false, rejected: nil, seconds: 0, trace: [])

        var constructionBudget = options.constructionBudget ?? budget
        if let left = options.deadline.remaining { constructionBudget = min(constructionBudget, left) }
        let built = options.initialLayout.map {
            LayoutHeuristic.Outcome(layout: $0, score: 0, improvements: 0, seconds: 0)
        } ?? LayoutHeuristic(scenario: scenario, model: allocation).run(
            timeBudget: constructionBudget, maxTrials: options.constructionTrials, seed: options.seed &+ 2017,
            interrupt: interrupt)
        outcome.constructionTrials = built.trials
        guard let first = built.layout else {
            outcome.rejected = "the heuristic found no layout meeting every must-place rule and quota"
            outcome.seconds = elapsed()
            return outcome
        }
        switch check(first) {
        case .failure(let why):
            outcome.rejected = "the heuristic's layout was refused: \(why)"
            outcome.seconds = elapsed()
            return outcome
        case .success(let (report, vector)):
            outcome.layout = first
            outcome.report = report
            outcome.vector = vector
            outcome.score = report.score.total
            outcome.stage = .construction
            outcome.constructionScore = report.score.total
            outcome.trace.append(TracePoint(seconds: elapsed(), score: outcome.score, stage: .construction))
        }

        // Out of time after the construction: the neighbourhoods' structures (the model's incidence, a pass over every
        // non-zero) are not built at all.
        if elapsed() >= budget || options.deadline.hasPassed || interrupt?.isRequested == true {
            outcome.seconds = elapsed()
            return outcome
        }
        let regions = RegionMaker(scenario: scenario, model: allocation)
        guard !regions.movablePairs.isEmpty else {
            outcome.provenOptimal = true
            outcome.end = .proven
            outcome.seconds = elapsed()
            return outcome
        }
        let incidence = ModelRestriction.Incidence(allocation.model)
        var rng = SeededGenerator(seed: options.seed &+ 0x5EED)
        var size = max(2, options.initialRegionSize)
        var stall = 0
        // Variables freed by the sub-problems since the last improvement, against the work-scaled stall limit.
        var stallWork = 0
        let stallWorkLimit = Double(regions.movablePairs.count) * max(0, options.stallWork)
        var lastReport = 0.0
        let plotCount = scenario.site.plots.count

        outcome.end = .budget
        while let vector = outcome.vector {
            if interrupt?.isRequested == true { outcome.end = .interrupted; break }
            if let m = options.maxIterations, outcome.iterations >= m { outcome.end = .iterationLimit; break }
            if stall >= options.stallLimit || Double(stallWork) >= stallWorkLimit { outcome.end = .stalled; break }
            let now = elapsed()
            if now >= budget || options.deadline.hasPassed { outcome.end = .budget; break }

            let plotOf = regions.plotOf(vector)
            let region = regions.region(size: size, plotOf: plotOf, rng: &rng)
            let outsiders = size >= regions.movablePlots.count ? nil : options.outsidersPerPlot
            let free = regions.freeVariables(region: region, plotOf: plotOf, objective: incidence.objective,
                                             outsiders: outsiders, randomOutsiders: options.randomOutsidersPerPlot,
                                             rng: &rng)
            let coversAll = free.count == regions.movablePairs.count
            let restriction = incidence.restrict(base: vector, free: free)
            var subOptions = GLPKOptions()
            subOptions.timeLimit = max(0.05, min(options.subproblemTimeLimit, budget - now))
            subOptions.presolve = false
            subOptions.cuts = options.subproblemCuts
            subOptions.progressInterval = 0
            // Linked to the caller's interrupt, so that a sub-problem's root LP (solved in slices) sees it too.
            let stop = SolveInterrupt(linkedTo: interrupt)
            let nodeLimit = options.subproblemNodeLimit
            let solved: SolveResult
            do {
                solved = try GLPKSolver(options: subOptions).solve(
                    restriction.model, start: restriction.start,
                    progress: { p in
                        if p.nodes >= nodeLimit || interrupt?.isRequested == true { stop.request() }
                    },
                    interrupt: stop, deadline: options.deadline)
            } catch {
                outcome.rejected = "a sub-problem failed: \(error)"
                outcome.iterations += 1
                stall += 1
                continue
            }
            outcome.iterations += 1
            let optimal = solved.termination == .optimal
            // Adapt: grow after a sub-problem solved to optimality, shrink after one stopped early.
            if optimal {
                size = min(plotCount, size + 2)
            } else {
                size = max(4, size - 2)
            }
            var improved = false
            if let values = solved.values, let objective = solved.objective,
               objective > outcome.score + 1e-6 * max(1, abs(outcome.score)) {
                let full = restriction.expand(values)
                let layout = allocation.layout(from: full)
                switch check(layout) {
                case .failure(let why):
                    outcome.rejected = "a sub-solution was refused: \(why)"
                case .success(let (report, newVector)):
                    if report.score.total > outcome.score + 1e-6 * max(1, abs(outcome.score)) {
                        outcome.layout = layout
                        outcome.report = report
                        outcome.vector = newVector
                        outcome.score = report.score.total
                        outcome.stage = .neighbourhood
                        outcome.improvements += 1
                        outcome.trace.append(TracePoint(seconds: elapsed(), score: outcome.score,
                                                        stage: .neighbourhood))
                        improved = true
                    }
                }
            }
            if coversAll && optimal {
                // The whole problem was solved: the layout (new or not) is optimal.
                outcome.provenOptimal = true
                outcome.end = .proven
                break
            }
            if coversAll && solved.termination == .interrupted && interrupt?.isRequested != true {
                // The whole model stopped at the node limit: the same sub-problem would stop there again (the search
                // used to alternate between it and a slightly smaller one until its budget ran out); GLPK's
                // branch-and-cut, which follows, is the whole model without a node limit and with cuts.
                outcome.end = .wholeModelAtNodeLimit
                break
            }
            stall = improved ? 0 : stall + 1
            stallWork = improved ? 0 : stallWork + free.count
            if let progress, elapsed() - lastReport >= 1 {
                lastReport = elapsed()
                progress(SolveProgress(incumbent: outcome.score, bound: nil, gap: nil, nodes: outcome.iterations,
                                       elapsed: lastReport))
            }
        }
        outcome.seconds = elapsed()
        return outcome
    }

    /// Verifies `layout` from the scenario alone, builds its vector, checks the vector against the model and the
    /// model's objective against the verified score.
    private func check(_ layout: Layout) -> Result<(VerificationReport, [Double]), CheckFailure> {
        let report = verifier.verify(layout)
        guard report.isFeasible else { return .failure(CheckFailure(report.violations[0].message)) }
        guard let vector = allocation.startVector(for: layout) else {
            return .failure(CheckFailure("the layout uses a pair the model has no variable for"))
        }
        if let violation = allocation.model.firstViolation(of: vector) {
            return .failure(CheckFailure("its vector violates the model: \(violation)"))
        }
        let objective = allocation.model.objective.expression.evaluate(vector)
        let score = report.score.total
        guard abs(objective - score) <= 1e-6 * max(1, abs(score)) else {
            return .failure(CheckFailure("the model's objective \(objective) differs from the verified score \(score)"))
        }
        return .success((report, vector))
    }

    private struct CheckFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
