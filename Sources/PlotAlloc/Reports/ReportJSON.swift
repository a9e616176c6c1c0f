import Foundation

/// The one JSON style of every `--json` report: pretty-printed, sorted keys, slashes unescaped, non-finite numbers
/// as the strings `inf`, `-inf`, `nan`.
enum ReportJSON {
    /// `value` as JSON text ending with a newline; `{}` and a newline if it cannot be encoded (it always can for the
    /// report types, which hold only strings, numbers, booleans, arrays and objects).
    static func render(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension ReportJSON {
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
