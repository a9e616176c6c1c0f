import Foundation
import Estate

/// Small text helpers shared by the score, comparison and HTML reports.
enum ReportText {
    /// A score or figure: whole numbers without decimals, others with two.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.2f", x)
    }

    /// Seconds with two decimals and a unit.
    static func seconds(_ x: Double) -> String { String(format: "%.2f s", x) }

    /// Turnover in billions of IDR, one decimal.
    static func billions(_ idr: Double) -> String { String(format: "%.1f", idr / 1e9) }

    /// A percentage with one decimal.
    static func percent(_ fraction: Double) -> String { String(format: "%.1f %%", 100 * fraction) }

    /// Closeness by rating in rating order (A, E, I, O, U, X), e.g. `A 16, E 8`; `-` when empty.
    static func byRating(_ parts: [String: Double]) -> String {
        let order = ClosenessRating.allCases.map(\.rawValue)
        let sorted = parts.sorted { (order.firstIndex(of: $0.key) ?? 9, $0.key) < (order.firstIndex(of: $1.key) ?? 9, $1.key) }
        return sorted.isEmpty ? "-" : sorted.map { "\($0.key) \(number($0.value))" }.joined(separator: ", ")
    }

    /// The one-line score: `123 = placement 100 + closeness 31 - relocation 8`.
    static func score(_ s: ScoreBreakdown) -> String {
        "\(number(s.total)) = placement \(number(s.placement)) + closeness \(number(s.closeness)) - relocation "
            + "\(number(s.relocation))"
    }

    /// Rows padded into aligned columns, each line indented by two spaces; the last column is not padded.
    static func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            "  " + r.enumerated().map { i, c in
                i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count)
            }.joined(separator: "  ")
        }
    }

    /// Pretty-printed JSON with sorted keys and a final newline; non-finite numbers as strings.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
