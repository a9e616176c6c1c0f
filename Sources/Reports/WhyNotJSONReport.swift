import Foundation
import Estate
import Allocation

/// The JSON form of a ``WhyNotExplanation``, as `plotalloc solve --explain FIRM --json` prints it under
/// `explanation`.
///
/// Keys (snake_case; a key that does not apply to the outcome is `null`, lists are then empty):
/// - `firm`; `outcome`: `already_placed`, `no_eligible_plot`, `would_be_placed`, `infeasible_when_required`,
///   `scenario_infeasible` or `undecided`; `message`: the answer in one line.
/// - `plot`: the firm's plot (already placed, or once required).
/// - `score_before`, `score_after` (`{placement, closeness, relocation, total, closeness_by_rating}`),
///   `score_change` (`{placement, closeness, relocation, total}`, after minus before).
/// - `displaced` (`[{firm, plot}]`, baseline plots), `moved` (`[{firm, from, to}]`), `joined` (`[{firm, plot}]`),
///   `assignments` (the layout with the firm required), `proven`, `least_disruptive`.
/// - `reason` (`{kind, message, details}`) for `no_eligible_plot`; `diagnosis` (see ``InfeasibilityJSONReport``)
///   for the two infeasible outcomes.
public struct WhyNotJSONReport: Sendable, Encodable {
    struct Change: Encodable, Sendable {
        var placement: Double
        var closeness: Double
        var relocation: Double
        var total: Double
    }

    struct Move: Encodable, Sendable {
        var firm: String
        var from: String
        var to: String
    }

    struct Reason: Encodable, Sendable {
        var kind: String
        var message: String
        var details: [String]
    }

    let firm: String
    let outcome: String
    let message: String
    var plot: String?
    var scoreBefore: SolveJSONReport.Score?
    var scoreAfter: SolveJSONReport.Score?
    var scoreChange: Change?
    var displaced: [SolveJSONReport.Assignment] = []
    var moved: [Move] = []
    var joined: [SolveJSONReport.Assignment] = []
    var assignments: [SolveJSONReport.Assignment] = []
    var proven: Bool?
    var leastDisruptive: Bool?
    var reason: Reason?
    var diagnosis: InfeasibilityJSONReport?

    /// Prepares the object.
    public init(scenario: Scenario, explanation: WhyNotExplanation) {
        let id = explanation.firm
        firm = id
        switch explanation.outcome {
        case .alreadyPlaced(let p):
            outcome = "already_placed"
            message = "\(id) is already placed, on \(p)"
            plot = p
        case .noEligiblePlot(let r):
            outcome = "no_eligible_plot"
            message = "\(id) has no plot it may take: \(r.message)"
            reason = Reason(kind: r.kind.rawValue, message: r.message, details: r.details)
        case .undecided(let why):
            outcome = "undecided"
            message = "no answer: \(why)"
        case .scenarioInfeasible(let d):
            outcome = "scenario_infeasible"
            message = "the scenario itself has no feasible layout"
            diagnosis = InfeasibilityJSONReport(scenario: scenario, diagnosis: d)
        case .infeasibleWhenRequired(let d):
            outcome = "infeasible_when_required"
            message = "\(id) cannot be placed: requiring it leaves no feasible layout"
            diagnosis = InfeasibilityJSONReport(scenario: scenario, diagnosis: d)
        case .wouldBePlaced(let c):
            outcome = "would_be_placed"
            message = "requiring \(id) places it on \(c.plot) and changes the score by \(ReportText.number(c.scoreChange))"
            plot = c.plot
            scoreBefore = ReportJSON.score(c.before)
            scoreAfter = ReportJSON.score(c.after)
            scoreChange = Change(placement: ReportJSON.rounded(c.placementChange),
                                 closeness: ReportJSON.rounded(c.closenessChange),
                                 relocation: ReportJSON.rounded(c.relocationChange), total: ReportJSON.rounded(c.scoreChange))
            displaced = c.displaced.map { SolveJSONReport.Assignment(firm: $0.firm, plot: $0.plot) }
            moved = c.moved.map { Move(firm: $0.firm, from: $0.from, to: $0.to) }
            joined = c.joined.map { SolveJSONReport.Assignment(firm: $0.firm, plot: $0.plot) }
            assignments = ReportJSON.assignments(c.layout, in: scenario)
            proven = c.isProven
            leastDisruptive = c.isLeastDisruptive
        }
    }

    public func encode(to encoder: any Encoder) throws {
        enum K: String, CodingKey {
            case firm, outcome, message, plot, score_before, score_after, score_change, displaced, moved, joined
            case assignments, proven, least_disruptive, reason, diagnosis
        }
        var c = encoder.container(keyedBy: K.self)
        try c.encode(firm, forKey: .firm)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(message, forKey: .message)
        try c.encode(plot, forKey: .plot)
        try c.encode(scoreBefore, forKey: .score_before)
        try c.encode(scoreAfter, forKey: .score_after)
        try c.encode(scoreChange, forKey: .score_change)
        try c.encode(displaced, forKey: .displaced)
        try c.encode(moved, forKey: .moved)
        try c.encode(joined, forKey: .joined)
        try c.encode(assignments, forKey: .assignments)
        try c.encode(proven, forKey: .proven)
        try c.encode(leastDisruptive, forKey: .least_disruptive)
        try c.encode(reason, forKey: .reason)
        try c.encode(diagnosis, forKey: .diagnosis)
    }

    /// The JSON text, pretty-printed with sorted keys, ending with a newline.
    public func render() -> String { ReportText.json(self) }
}
