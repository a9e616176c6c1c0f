import Foundation

extension ScenarioRunRecord {
    /// One run in a few words, for a progress line: `feasible 3850.95 (gap 0.45 %), 60.08 s, peak 61.2 MiB`, or
    /// `error: …` for a failed run.
    public var progressText: String {
        if failed { return "error: \(error ?? "unknown")" }
        var s = status
        if let o = objective { s += " " + BenchFormat.number(o) }
        if status != "optimal", let g = gap { s += String(format: " (gap %.2f %%)", 100 * g) }
        s += String(format: ", %.2f s", timing.total)
        if let m = peakMemoryKiB { s += ", peak " + BenchFormat.mebibytes(m) }
        return s
    }
}

extension ScenarioBenchmarkSummary {
    /// The text report of one scenario's runs (`plotalloc bench scenario`, `plotalloc-benchmarks`): the model's size,
    /// per phase the median and min–max seconds, then status, objective, bound, gap, nodes and peak memory, and one
    /// line per failed run.
    public var text: String {
        var lines: [String] = []
        let limit = timeLimit.map { "time limit \(BenchFormat.number($0)) s" } ?? "the scenario's time limit"
        lines.append("\(scenario) (\(name)): \(runs.count) run\(runs.count == 1 ? "" : "s"), \(limit)")
        if let m = model {
            lines.append("model: \(m.variables) variables (\(m.binaries) binary), \(m.constraints) rows, "
                + "\(m.nonzeros) non-zeros")
        }
        lines.append("phase       median s   min–max s")
        for phase in BenchmarkPhase.allCases {
            let cell = seconds(phase).map {
                String(format: "%10.3f   %.3f–%.3f", $0.median, $0.minimum, $0.maximum)
            } ?? "        -"
            lines.append(phase.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + cell)
        }
        let counts = statusCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("status: \(status) (\(counts))")
        func spread(_ x: SampleSpread?, _ f: (Double) -> String) -> String {
            guard let x else { return "-" }
            return x.minimum == x.maximum ? f(x.median) : "\(f(x.median)) (\(f(x.minimum))–\(f(x.maximum)))"
        }
        lines.append("objective: \(spread(objective, BenchFormat.number)); bound: \(spread(bound, BenchFormat.number)); "
            + "gap: \(spread(gap) { String(format: "%.2f %%", 100 * $0) }); "
            + "nodes: \(spread(nodes) { String(Int($0)) })")
        lines.append("peak memory: \(spread(peakMemoryKiB) { BenchFormat.mebibytes(Int($0)) })"
            + (overheadShare.map { String(format: "; load + formulate + verify: %.1f %% of the total", 100 * $0) } ?? ""))
        for (k, r) in runs.enumerated() where r.failed {
            lines.append("run \(k + 1) failed: \(r.error ?? "unknown")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
