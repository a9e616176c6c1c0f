import Foundation

/// Number formats of the benchmark reports (`plotalloc bench`, `plotalloc-benchmarks`).
public enum BenchFormat {
    /// A whole number without decimals (`7431`), else at most two decimals without trailing zeros (`7431.5`).
    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "-" }
        if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) }
        var s = String(format: "%.2f", d)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// KiB as MiB with one decimal (`25.3 MiB`).
    public static func mebibytes(_ kib: Int) -> String { String(format: "%.1f MiB", Double(kib) / 1024) }
}
