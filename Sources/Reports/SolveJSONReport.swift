import Foundation
import Estate
import Allocation

/// The object `plotalloc solve --json` prints: status, objective, bound, gap, assignments, unplaced firms with
/// reasons, the score, key figures, time per phase and the model's size, and which proof gave the bound
/// (`bound_source`: `solver`, `blocks`, `raw_land` or `search`; `block_bound`: what the Lagrangian block bound reached).
///
/// Keys are snake_case and sorted; unknown values (a bound never computed, no layout) are `null`. The optional
/// sections `diagnosis` (why an infeasible scenario is infeasible, ``InfeasibilityJSONReport``), `explanation`
/// (`--explain`, ``WhyNotJSONReport``) and `alternatives` (`--alternatives`, ``AlternativeLayoutsJSONReport``) are
/// present only when set.
public struct SolveJSONReport: Sendable, Encodable {
    struct Assignment: Encodable { var firm: String; var plot: String }
    struct Unplaced: Encodable { var firm: String; var kind: String; var reason: String }
    struct Score: Encodable {
        var placement: Double
        var closeness: Double
        var relocation: Double
        var total: Double
        var closeness_by_rating: [String: Double]
    }
    struct ModelSize: Encodable { var variables: Int; var binaries: Int; var constraints: Int; var nonzeros: Int }
    struct Timing: Encodable {
        var load: Double
        var formulate: Double
        var heuristic: Double
        var solve: Double
        var verify: Double
        var total: Double
    }

    /// The scenario's name; `nil` (JSON `null`) when the run stopped before the scenario was read.
    let scenario: String?
    let status: String
    let termination: String
    let interrupted: Bool
    let objective: Double?
    let bound: Double?
    let gap: Double?
    let nodes: Int
    let source: String?
    let assignments: [Assignment]
    let unplaced: [Unplaced]
    let score: Score?
    let key_figures: KeyFigures?
    let timing: Timing
    let model: ModelSize
    let conflicts: [String]
    let heuristic_score: Double?
    let heuristic: Heuristic
    let bound_source: String?
    let block_bound: AllocationResult.BlockBoundSummary?
    /// How raw land was cut (`method`: `exact` or `decomposition`, with the decomposition's counts); `null` without
    /// raw land.
    let raw_land: AllocationResult.RawLandSummary?
    let stopped_in: String?
    /// Why the scenario is infeasible; encoded under `diagnosis` when set.
    public var diagnosis: InfeasibilityJSONReport?
    /// The answer to `--explain FIRM`; encoded under `explanation` when set.
    public var explanation: WhyNotJSONReport?
    /// The layouts of `--alternatives K`; encoded under `alternatives` when set.
    public var alternatives: AlternativeLayoutsJSONReport?
    /// What the result can be traced to (input digest, version, seed, limits); encoded under `receipt` when set.
    public var receipt: RunReceipt?

    /// Prepares the object.
    public init(scenario: Scenario, result: AllocationResult, unplaced: [UnplacedReason]) {
        self.init(scenario as Scenario?, result: result, unplaced: unplaced)
    }

    /// The object of a run stopped while it read its scenario: `scenario` null, `status` `no_solution`,
    /// `termination` `time_limit` or `interrupted`, `stopped_in` `load`, no assignments, the seconds as `timing.load`.
    public init(stoppedLoading stopped: SolveSession.StoppedLoading) {
        self.init(nil, result: stopped.result, unplaced: [])
    }

    private init(_ scenario: Scenario?, result: AllocationResult, unplaced: [UnplacedReason]) {
        self.scenario = scenario?.metadata.name
        status = result.status.rawValue
        termination = result.termination.rawValue
        interrupted = result.interrupted
        objective = ReportJSON.rounded(result.objective)
        bound = ReportJSON.rounded(result.bound)
        gap = result.gap
        nodes = result.nodes
        source = result.source?.rawValue
        let order = Dictionary((scenario?.firms ?? []).enumerated().map { ($1.id, $0) },
                               uniquingKeysWith: { a, _ in a })
        assignments = (result.layout?.assignments ?? [:])
            .sorted { (order[$0.key] ?? .max, $0.key) < (order[$1.key] ?? .max, $1.key) }
            .map { Assignment(firm: $0.key, plot: $0.value) }
        self.unplaced = unplaced.map { Unplaced(firm: $0.firm, kind: $0.kind.rawValue, reason: $0.message) }
        score = result.report.map { ReportJSON.score($0.score) }
        key_figures = scenario.flatMap { s in result.layout.map { KeyFigures(scenario: s, layout: $0) } }
        let t = result.timing
        timing = Timing(load: t.load, formulate: t.formulate, heuristic: t.heuristic, solve: t.solve,
                        verify: t.verify, total: t.total)
        let m = result.modelSize
        model = ModelSize(variables: m.variables, binaries: m.binaries, constraints: m.constraints, nonzeros: m.nonzeros)
        conflicts = result.structuralConflicts
        heuristic_score = ReportJSON.rounded(result.heuristic.score)
        let h = result.heuristic
        heuristic = Heuristic(score: ReportJSON.rounded(h.score), stage: h.stage?.rawValue,
                              construction_score: ReportJSON.rounded(h.constructionScore),
                              construction_trials: h.constructionTrials, iterations: h.iterations,
                              improvements: h.improvements, end: h.end?.rawValue,
                              accepted_by_solver: h.acceptedBySolver, rejected: h.rejected)
        bound_source = result.boundSource?.rawValue
        block_bound = result.blockBound
        raw_land = result.rawLand
        stopped_in = result.stoppedIn?.rawValue
    }


    /// The warm-start search: its score, the stage that found it, how many sub-problems it solved.
    struct Heuristic: Encodable {
        let score: Double?
        let stage: String?
        let construction_score: Double?
        let construction_trials: Int
        let iterations: Int
        let improvements: Int
        let end: String?
        let accepted_by_solver: Bool?
        let rejected: String?
    }

    public func encode(to encoder: any Encoder) throws {
        enum K: String, CodingKey {
            case scenario, status, termination, interrupted, objective, bound, gap, nodes, source, assignments
            case unplaced, score, key_figures, timing, model, conflicts, heuristic_score, heuristic, diagnosis, explanation
            case alternatives, bound_source, block_bound, raw_land, stopped_in, receipt
        }
        var c = encoder.container(keyedBy: K.self)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(status, forKey: .status)
        try c.encode(termination, forKey: .termination)
        try c.encode(interrupted, forKey: .interrupted)
        try c.encode(objective, forKey: .objective)
        try c.encode(bound, forKey: .bound)
        try c.encode(gap, forKey: .gap)
        try c.encode(nodes, forKey: .nodes)
        try c.encode(source, forKey: .source)
        try c.encode(assignments, forKey: .assignments)
        try c.encode(unplaced, forKey: .unplaced)
        try c.encode(score, forKey: .score)
        try c.encode(key_figures, forKey: .key_figures)
        try c.encode(timing, forKey: .timing)
        try c.encode(model, forKey: .model)
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(heuristic_score, forKey: .heuristic_score)
        try c.encode(heuristic, forKey: .heuristic)
        try c.encode(bound_source, forKey: .bound_source)
        try c.encode(block_bound, forKey: .block_bound)
        try c.encode(raw_land, forKey: .raw_land)
        try c.encode(stopped_in, forKey: .stopped_in)
        try c.encodeIfPresent(diagnosis, forKey: .diagnosis)
        try c.encodeIfPresent(explanation, forKey: .explanation)
        try c.encodeIfPresent(alternatives, forKey: .alternatives)
        try c.encodeIfPresent(receipt, forKey: .receipt)
    }

    /// The JSON text, pretty-printed with sorted keys, ending with a newline.
    public func render() -> String { ReportText.json(self) }
}
