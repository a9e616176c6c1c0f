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

    /// The `score` object of every report: `{placement, closeness, relocation, total, closeness_by_rating}`.
    static func score(_ s: ScoreBreakdown) -> SolveJSONReport.Score {
        SolveJSONReport.Score(placement: s.placement, closeness: s.closeness, relocation: s.relocation, total: s.total,
                              closeness_by_rating: s.closenessByRating)
    }
}
