import Foundation
import Estate

/// Pieces shared by the JSON reports (`--json`): assignments in scenario order and the score object. The JSON
/// text itself is written by ``ReportText/json(_:)``.
enum ReportJSON {
    /// `layout`'s assignments in the scenario's firm order (ids it does not know last, by id).
    static func assignments(_ layout: Layout, in scenario: Scenario) -> [SolveJSONReport.Assignment] {
        let order = Dictionary(scenario.firms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return layout.assignments
            .sorted { (order[$0.key] ?? .max, $0.key) < (order[$1.key] ?? .max, $1.key) }
            .map { SolveJSONReport.Assignment(firm: $0.key, plot: $0.value) }
    }

    /// The `score` object of every report: `{placement, closeness, relocation, total, closeness_by_rating}`, each
    /// value ``rounded(_:)``.
    static func score(_ s: ScoreBreakdown) -> SolveJSONReport.Score {
        SolveJSONReport.Score(placement: rounded(s.placement), closeness: rounded(s.closeness),
                              relocation: rounded(s.relocation), total: rounded(s.total),
                              closeness_by_rating: s.closenessByRating.mapValues(rounded))
    }

    /// Decimals of every score in the JSON reports (objective, bound, the score's parts, heuristic and alternative
    /// scores, score changes): 2, as the text reports print them, so a sum of weights such as 1011.8 is written
    /// `1011.8`, not `1011.8000000000002`. The exact value differs from the rounded one by less than 0.005.
    static let scoreDecimals = 2

    /// `x` rounded to ``scoreDecimals`` decimals; non-finite values unchanged.
    static func rounded(_ x: Double) -> Double {
        guard x.isFinite else { return x }
        let scale = pow(10, Double(scoreDecimals))
        let r = (x * scale).rounded() / scale
        return r == 0 ? 0 : r  // no "-0"
    }

    /// `x` rounded as ``rounded(_:)-(Double)``; `nil` stays `nil`.
    static func rounded(_ x: Double?) -> Double? { x.map { rounded($0) } }
}
