import Foundation
import MIPModel
import GLPKBackend
import Estate

/// One `solve` run, owned by the library: load → formulate → search → solve → bound → verify → explain, and the
/// time policy that splits the limit between them. It returns one ``SolveOutcome`` that every renderer takes; the
/// command line only parses its flags into a ``Request``, calls ``run(progress:stage:interrupt:)``, renders and exits.
///
/// The time policy, in one place: the scenario's `solver:` settings overlaid by the request's
/// (``SolverSettings/filling(from:)``) give the solve's options (``SolverSettings/glpkOptions(verbosity:)``); their
/// time limit bounds the whole run, reading the scenario included: one ``Deadline`` made when the run begins
/// (``TimePolicy/runDeadline(start:)``), of which the solve gets all, or half when an explanation or alternatives
/// were asked for (``TimePolicy/solveDeadline(run:followUps:)``), and the follow-ups what the solve leaves. Each
/// feasibility check of an explanation gets at most ``TimePolicy/checkCap`` seconds, without a gap; the alternative
/// layouts get ``TimePolicy/alternativesBudgetWithoutLimit`` for all their re-solves together when there is no limit. Before anything is formulated the model's size is
/// estimated (``ModelSizeEstimate``): a model that cannot fit in this machine's memory is refused, a huge one
/// warned about (``SolveOutcome/warnings``).
public struct SolveSession: Sendable {
    /// What to run.
    public struct Request: Sendable, Hashable {
        /// The scenario file (YAML).
        public var path: String
        /// Settings that override the scenario's `solver:` section (unset fields keep the scenario's).
        public var settings: SolverSettings
        /// How much GLPK itself prints on standard error.
        public var verbosity: GLPKVerbosity
        /// `--explain FIRM`: the firm to explain, or `nil`.
        public var explain: String?
        /// `--alternatives K`: how many distinct layouts to list, or `nil` for none.
        public var alternatives: Int?
        /// `--within`: the fraction of the best score an alternative may lose.
        public var within: Double
        /// `--incumbents LAYOUT`: a layout file taken as the standing layout (``StandingLayout``), or `nil`.
        public var incumbents: String?
        /// Whether the deadline and the interrupt may stop the run while it reads the scenario
        /// (``Failure/stoppedLoading(_:)``); true by default (`solve`). `compare` turns it off: it reports on every
        /// scenario it was given, so it reads each whole and lets the stop end the solve instead (`no_solution`,
        /// stopped in ``RunPhase/formulate``).
        public var stopsWhileLoading = true

        /// Makes a request; by default the scenario's own settings, no explanation, no alternatives.
        public init(path: String, settings: SolverSettings = SolverSettings(), verbosity: GLPKVerbosity = .off,
                    explain: String? = nil, alternatives: Int? = nil, within: Double = 0.01) {
            self.path = path
            self.settings = settings
            self.verbosity = verbosity
            self.explain = explain
            self.alternatives = alternatives
            self.within = within
        }
    }

    /// A slower step after the solve, announced before it runs (for a progress line).
    public enum Stage: Sendable, Hashable {
        /// Answering "why not this firm?" (`--explain`).
        case explaining(firm: String)
        /// Finding a minimal set of conflicting rules of an infeasible scenario.
        case diagnosing
        /// Looking for up to `count` layouts within `within` of the best.
        case findingAlternatives(count: Int, within: Double)
        /// Breaking ties by lot (`--lottery-seed`): `solves` restricted solves made so far.
        case drawingLots(solves: Int)
    }

    /// Why a run produced no outcome; one line, ready to print.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The input is invalid (the scenario file, or an `--explain` id it does not have): exit status 2.
        case invalidInput(String)
        /// The solver failed or a layout did not verify: exit status 1.
        case failed(String)
        /// The run's deadline or interrupt stopped it while it read the scenario: not a failure of the input, but
        /// there is no scenario to report on. The command line reports it as `no_solution`, stopped in
        /// ``RunPhase/load`` (``StoppedLoading/result``), exit status 4.
        case stoppedLoading(StoppedLoading)

        /// The line to print on standard error.
        public var description: String {
            switch self {
            case .invalidInput(let line), .failed(let line): line
            case .stoppedLoading(let stopped): stopped.description
            }
        }
    }

    /// A run stopped while it read its scenario (``Failure/stoppedLoading(_:)``).
    public struct StoppedLoading: Sendable, Hashable, CustomStringConvertible {
        /// The scenario file, as given.
        public var file: String
        /// What stopped the load, and where.
        public var stop: LoadStop
        /// Seconds from the start of the run to the stop.
        public var seconds: Double

        /// The run's result: `no_solution`, the stop's termination (`time_limit` or `interrupted`), stopped in
        /// ``RunPhase/load``, no model, the seconds counted as loading.
        public var result: AllocationResult {
            AllocationResult(
                status: .noSolution, termination: stop.cause.termination, layout: nil, report: nil, objective: nil,
                bound: nil, gap: nil, nodes: 0, source: nil, timing: AllocationResult.Timing(load: seconds),
                modelSize: .none, heuristic: AllocationResult.HeuristicSummary(), structuralConflicts: [],
                rawStatus: "\(stop.cause == .interrupted ? "interrupted" : "time limit") while reading the scenario "
                    + "(\(stop.stage.rawValue))",
                stoppedIn: .load)
        }

        /// One line: the file, what stopped it and where, e.g. `s.yaml: stopped at the time limit while reading the
        /// scenario (decoding) after 10.02 s; no layout`.
        public var description: String {
            let why = stop.cause == .interrupted ? "interrupted" : "stopped at the time limit"
            return "\(file): \(why) while reading the scenario (\(stop.stage.phrase)) after "
                + String(format: "%.2f s", seconds) + "; no layout"
        }
    }

    /// The request.
    public var request: Request

    /// Prepares a run of `request`; nothing is read until ``run(progress:stage:interrupt:)``.
    public init(_ request: Request) {
        self.request = request
    }

    /// Runs the whole session.
    ///
    /// - Parameters:
    ///   - progress: called on the calling thread about once a second during the search and GLPK's solve.
    ///   - stage: called before each slower step after the solve (explanation, diagnosis, alternatives).
    ///   - interrupt: stops the run in whatever phase it is: reading the scenario (then there is no outcome, see
    ///     below), formulation, the search and GLPK (the best layout found is kept and verified), the follow-ups.
    /// - Returns: the outcome: the scenario, the verified result, reasons for unplaced firms and, as asked or
    ///   needed, the diagnosis of an infeasible scenario, the explanation of `--explain` and the alternatives.
    ///   An infeasible scenario or a run stopped before any layout, once the scenario is read, is an outcome (see
    ///   ``AllocationResult/status``).
    /// - Throws: ``Failure/invalidInput(_:)`` when the scenario cannot be read or breaks the format, or the
    ///   `--explain` id is not one of its firms (checked before any solve); ``Failure/stoppedLoading(_:)`` when the
    ///   deadline (of a limit given in the request) or the interrupt stopped the run while it read the scenario;
    ///   ``Failure/failed(_:)`` when GLPK fails or a layout does not pass the verifier.
    public func run(
        progress: ((SolveProgress) -> Void)? = nil, stage: ((Stage) -> Void)? = nil, interrupt: SolveInterrupt? = nil,
        alternativesProgress: ((_ found: Int, _ solve: SolveProgress) -> Void)? = nil
    ) throws(Failure) -> SolveOutcome {
        let path = request.path
        let clock = ContinuousClock()
        let began = clock.now
        // Reading is bounded by the run's deadline when the request gives the limit (the scenario's own
        // `solver.time_limit` is known only once it is read) and by the interrupt.
        let watch = !request.stopsWhileLoading ? LoadWatch.none
            : LoadWatch(deadline: TimePolicy(limit: request.settings.timeLimit).runDeadline(start: began),
                        interrupt: interrupt)
        var scenario: Scenario
        do throws(ScenarioLoader.Failure) {
            scenario = try ScenarioLoader.load(path: path, watch: watch)
        } catch {
            switch error {
            case .invalid(let e): throw .invalidInput(e.description)
            case .stopped(let stop):
                let d = clock.now - began
                throw .stoppedLoading(StoppedLoading(
                    file: path, stop: stop,
                    seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18))
            }
        }
        if let standing = request.incumbents {
            do throws(StandingLayoutError) {
                scenario = try StandingLayout.apply(path: standing, to: scenario)
            } catch {
                throw .invalidInput(error.problems.map {
                    "\($0.file)\($0.line.map { ":\($0)" } ?? ""): error: --incumbents: \($0.message)"
                }.joined(separator: "\n"))
            }
            scenario.incumbentsFrom = standing
            do throws(ScenarioError) {
                try ScenarioLoader.check(scenario, file: path)
            } catch {
                throw .invalidInput(error.description)
            }
        }
        if let firm = request.explain {
            do throws(WhyNotError) {
                try WhyNotExplainer.validate(firm: firm, in: scenario)
            } catch {
                throw .invalidInput("\(path): error: \(error.description)")
            }
        }
        // A model that cannot fit is refused before it is built; a huge one is warned about.
        let estimate = ModelSizeEstimate(scenario: scenario)
        let memory = Double(ProcessInfo.processInfo.physicalMemory)
        if estimate.exceeds(memory: memory) {
            throw .invalidInput("\(path): error: \(estimate.message); refused: more than this machine's "
                + String(format: "%.1f GB", memory / 1e9) + " of memory")
        }
        let warnings = estimate.isHuge ? ["\(path): warning: \(estimate.message)"] : []
        let d = clock.now - began
        let loadSeconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18

        let settings = request.settings.filling(from: scenario.solver)
        let allocator = settings.allocator(verbosity: request.verbosity)
        let policy = TimePolicy(limit: allocator.options.timeLimit)
        let runDeadline = policy.runDeadline(start: began)
        let followUps = request.explain != nil || request.alternatives != nil || settings.lotterySeed != nil
        var result: AllocationResult
        do throws(AllocationError) {
            result = try allocator.allocate(scenario, loadSeconds: loadSeconds, progress: progress,
                                            interrupt: interrupt,
                                            deadline: policy.solveDeadline(run: runDeadline, followUps: followUps))
        } catch {
            throw .failed("\(path): \(error.description)")
        }
        // The lot breaks ties among layouts of the best score before anything is explained or reported.
        var lottery: LotteryOutcome?
        if settings.lotterySeed != nil && result.layout != nil {
            do throws(AllocationError) {
                (result, lottery) = try Lottery.decide(
                    result, seed: settings.lotterySeed, scenario: scenario, allocator: allocator,
                    deadline: runDeadline, interrupt: interrupt, progress: { stage?(.drawingLots(solves: $0)) })
            } catch {
                throw .failed("\(path): \(error.description)")
            }
        }
        var outcome = SolveOutcome(scenario: scenario, result: result)
        outcome.lottery = lottery
        if let lottery { outcome.unplaced = lottery.marking(outcome.unplaced) }
        outcome.warnings = warnings
        outcome.input = path
        outcome.allocator = allocator
        outcome.standingLayout = request.incumbents
            ?? scenario.incumbentsFrom.map { StandingLayout.resolve($0, relativeTo: path) }

        // Explanations: why not this firm (the explainer diagnoses an infeasible scenario itself), why infeasible;
        // they and the alternatives end by the run's deadline.
        let diagnoser = InfeasibilityDiagnoser(
            check: FeasibilityCheck(options: policy.checkOptions(allocator.options), deadline: runDeadline,
                                    interrupt: interrupt))
        if let firm = request.explain {
            stage?(.explaining(firm: firm))
            do throws(WhyNotError) {
                let explanation = try WhyNotExplainer(allocator: allocator, diagnoser: diagnoser)
                    .explain(firm: firm, in: scenario, baseline: result, deadline: runDeadline, interrupt: interrupt)
                outcome.explanation = explanation
                if case .scenarioInfeasible(let d) = explanation.outcome { outcome.diagnosis = d }
            } catch {
                throw .failed("\(path): \(error.description)")
            }
        }
        if result.status == .infeasible && outcome.diagnosis == nil {
            stage?(.diagnosing)
            do throws(AllocationError) {
                outcome.diagnosis = try diagnoser.diagnose(scenario)
            } catch {
                throw .failed("\(path): \(error.description)")
            }
        }
        if let count = request.alternatives, result.layout != nil {
            stage?(.findingAlternatives(count: count, within: request.within))
            do throws(AllocationError) {
                outcome.alternatives = try AlternativeLayouts(options: allocator.options).find(
                    in: scenario, count: count, within: request.within, best: result,
                    timeBudget: policy.alternativesBudget(run: runDeadline),
                    interrupt: interrupt, deadline: runDeadline, progress: alternativesProgress)
            } catch {
                throw .failed("\(path): \(error.description)")
            }
        }
        return outcome
    }
}

/// Everything one `solve` run found, as every renderer (text, JSON, CSV, SVG, HTML, layout file) takes it.
public struct SolveOutcome: Sendable {
    /// The scenario as loaded.
    public var scenario: Scenario
    /// The verified result of the allocation.
    public var result: AllocationResult
    /// Why each firm the layout leaves out is unplaced (empty without a layout).
    public var unplaced: [UnplacedReason]
    /// Why the scenario is infeasible, when it is.
    public var diagnosis: InfeasibilityDiagnosis?
    /// The answer to "why not this firm?", when asked.
    public var explanation: WhyNotExplanation?
    /// The alternative layouts, when asked and a layout was found.
    public var alternatives: AlternativeLayoutSet?
    /// Lines to print on standard error before the report, e.g. a huge model's size naming the key that causes it.
    public var warnings: [String] = []
    /// The scenario file the run read, for the receipt; `nil` for an outcome made in code.
    public var input: String?
    /// The allocator the run used (seed, limits), for the receipt.
    public var allocator: Allocator?
    /// The standing layout file (`--incumbents` or `incumbents_from`), for the receipt.
    public var standingLayout: String?
    /// What the lot decided (`--lottery-seed`, `solver.lottery_seed`), or `nil` without a lottery; ``result`` then
    /// holds the lottery's layout.
    public var lottery: LotteryOutcome?

    /// An outcome of `result` alone, with the unplaced firms' reasons computed from the scenario.
    ///
    /// After an interrupt (``AllocationResult/interrupted``) the unplaced firms are listed without their reasons
    /// (``UnplacedReason/notExplained(firm:)``), so that the run ends soon after the stop: explaining hundreds of
    /// firms took a third of the time from Ctrl-C to exit on the 1,600-firm estate. The layout is verified all
    /// the same (``Allocator``).
    public init(scenario: Scenario, result: AllocationResult, diagnosis: InfeasibilityDiagnosis? = nil,
                explanation: WhyNotExplanation? = nil, alternatives: AlternativeLayoutSet? = nil) {
        self.scenario = scenario
        self.result = result
        unplaced = result.layout.map { layout in
            guard !result.interrupted else {
                return scenario.firms.filter { layout.plot(of: $0.id) == nil }.map { .notExplained(firm: $0.id) }
            }
            return UnplacedExplainer(scenario: scenario).explain(layout)
        } ?? []
        self.diagnosis = diagnosis
        self.explanation = explanation
        self.alternatives = alternatives
    }
}
