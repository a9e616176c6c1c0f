import Foundation
import PlotAllocSupport

/// A JSON value written the way the GIS outputs want it: object keys sorted, two-space indentation with
/// `"key" : value` (as Foundation's pretty printer), and numbers either in Swift's shortest round-trip form or with a
/// fixed count of decimals (``decimal(_:places:)``), so that `1011.8` is never written `1011.8000000000002` and a
/// whole score is still written `12.00` (a reader such as GDAL then types the field Real in every file).
///
/// Positions (an array of numbers only) are written on one line. Non-finite numbers are written `null` (JSON has
/// none).
enum JSONText: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number in its shortest round-trip form (`0.5`, `107.149452`, `12`).
    case number(Double)
    /// A number with exactly `places` decimals (`12.00`); `-0.00` is written `0.00`.
    case decimal(Double, places: Int)
    case text(String)
    case array([JSONText])
    case object([String: JSONText])

    /// A string, or `null` for `nil`.
    static func string(_ s: String?) -> JSONText { s.map { .text($0) } ?? .null }

    /// The value as JSON text, indented by `level` steps of two spaces after each line break.
    func rendered(level: Int = 0) -> String {
        let pad = String(repeating: "  ", count: level + 1), close = String(repeating: "  ", count: level)
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x):
            guard x.isFinite else { return "null" }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return "\(x)"
        case .decimal(let x, let places):
            guard x.isFinite else { return "null" }
            let nearZero = abs(x) < 0.5 * pow(10, -Double(places))
            return String(format: "%.\(places)f", nearZero ? 0 : x)
        case .text(let s): return Self.quoted(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .number = $0 { true } else { false } }) {
                return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { pad + $0.rendered(level: level + 1) }.joined(separator: ",\n") + "\n\(close)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.keys.sorted().map { key in
                pad + Self.quoted(key) + " : " + members[key]!.rendered(level: level + 1)
            }.joined(separator: ",\n") + "\n\(close)}"
        }
    }

    /// `s` as a JSON string literal (``JSONString/quoted(_:)``).
    static func quoted(_ s: String) -> String { JSONString.quoted(s) }
}
