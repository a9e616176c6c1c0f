import Foundation

/// The JSON encoding of the benchmark records: one object per line, keys sorted, slashes not escaped.
enum BenchmarkJSON {
    /// `value` as one line of JSON; `{}` if it cannot be encoded (the records encode non-finite numbers as `null`,
    /// so this does not happen for them).
    static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
