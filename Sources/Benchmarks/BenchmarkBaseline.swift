import Foundation

/// A saved result of the Swift benchmark target (`plotalloc-benchmarks --save-baseline FILE`) to compare a later run
/// against (`--baseline FILE`): per case the status and the medians over its runs.
///
/// Stored as pretty-printed JSON: `{"created", "note", "cases": {NAME: {"status", "runs", "time_limit", "objective",
/// "bound", "gap", "seconds": {PHASE: median}}}}`.
public struct BenchmarkBaseline: Sendable, Hashable, Codable {
    /// One case's figures: the medians over its runs (failed runs left out).
    public struct Entry: Sendable, Hashable, Codable {
        /// The summary's status (that of every run, `mixed`, or `error`).
        public var status: String
        /// How many runs the medians are over.
        public var runs: Int
        /// The time limit of the runs, or `nil` for the scenario's own.
        public var timeLimit: Double?
        /// The median score, or `nil` without a layout.
        public var objective: Double?
        /// The median bound, or `nil` without one.
        public var bound: Double?
        /// The median relative gap, or `nil` without a bound.
        public var gap: Double?
        /// The median seconds per phase (``BenchmarkPhase`` raw values: load, formulate, heuristic, solve, verify,
        /// total).
        public var seconds: [String: Double]

        enum CodingKeys: String, CodingKey {
            case status, runs, objective, bound, gap, seconds
            case timeLimit = "time_limit"
        }

        /// The entry of a benchmark summary.
        public init(_ summary: ScenarioBenchmarkSummary) {
            status = summary.status
            runs = summary.runs.count
            timeLimit = summary.timeLimit
            objective = summary.objective?.median
            bound = summary.bound?.median
            gap = summary.gap?.median
            var s: [String: Double] = [:]
            for phase in BenchmarkPhase.allCases {
                if let x = summary.seconds(phase) { s[phase.rawValue] = x.median }
            }
            seconds = s
        }

        /// The median end-to-end seconds, or `nil` when every run failed.
        public var totalSeconds: Double? { seconds[BenchmarkPhase.total.rawValue] }
    }

    /// When the baseline was made (ISO 8601).
    public var created: String
    /// Free text: the commit, machine and load it was measured on.
    public var note: String
    /// The entries by case name.
    public var cases: [String: Entry]

    /// A baseline of named summaries.
    public init(created: String, note: String, cases: [String: Entry]) {
        self.created = created
        self.note = note
        self.cases = cases
    }

    /// The baseline as pretty-printed JSON with sorted keys (stable diffs).
    ///
    /// - Throws: `EncodingError` only for a non-finite number, which no summary holds.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a baseline written by ``json()``.
    ///
    /// - Throws: `DecodingError` when the data is not such a baseline.
    public static func decode(_ data: Data) throws -> BenchmarkBaseline {
        try JSONDecoder().decode(BenchmarkBaseline.self, from: data)
    }
}

/// How a case of the current run compares with the baseline's.
public struct BaselineComparison: Sendable, Hashable {
    /// The verdict.
    public enum Verdict: String, Sendable, Hashable {
        /// Better beyond the tolerances: proven where the baseline was not, proven faster, a smaller gap.
        case better
        /// Within the tolerances.
        case same
        /// Worse beyond the tolerances: a regression.
        case worse
        /// In this run only.
        case new
        /// In the baseline only.
        case missing
    }

    /// What counts as a change.
    public struct Tolerance: Sendable, Hashable {
        /// The relative change of the time to a proven optimum that counts (0.10: 10 % slower or faster).
        public var time: Double
        /// The change of the gap, in absolute terms, that counts (0.001: 0.1 percentage point).
        public var gap: Double

        /// A tolerance.
        public init(time: Double = 0.10, gap: Double = 0.001) {
            self.time = time
            self.gap = gap
        }
    }

    /// The case's name.
    public var name: String
    /// The baseline's entry, or `nil` for a new case.
    public var baseline: BenchmarkBaseline.Entry?
    /// This run's entry, or `nil` for a case missing from this run.
    public var current: BenchmarkBaseline.Entry?
    /// The verdict.
    public var verdict: Verdict
    /// Why, in a few words (`time to proof 12.1 s → 9.8 s (×0.81)`, `gap 0.45 % → 0.62 %`).
    public var reason: String

    /// Compares every case of `current` with `baseline`, in the order of `order` (then any case of the baseline that
    /// is not in it).
    ///
    /// Rules, for the score (higher is better): an error is worse than any result; proven optimal is better than
    /// stopped at the limit; two proofs compare their end-to-end time; two time-limited runs compare their gaps (a
    /// lost bound is worse, a gained one better); otherwise a layout beats none (`no_solution` < `mixed` <
    /// `feasible`), and any change to or from `infeasible` is worse.
    public static func compare(current: BenchmarkBaseline, baseline: BenchmarkBaseline, order: [String],
                               tolerance: Tolerance = Tolerance()) -> [BaselineComparison] {
        var names = order.filter { current.cases[$0] != nil }
        names += baseline.cases.keys.sorted().filter { !names.contains($0) }
        return names.map { name in
            let b = baseline.cases[name], c = current.cases[name]
            guard let c else { return .init(name: name, baseline: b, current: nil, verdict: .missing, reason: "not run") }
            guard let b else { return .init(name: name, baseline: nil, current: c, verdict: .new, reason: "not in the baseline") }
            let (verdict, reason) = judge(b, c, tolerance)
            return .init(name: name, baseline: b, current: c, verdict: verdict, reason: reason)
        }
    }

    static func judge(_ b: BenchmarkBaseline.Entry, _ c: BenchmarkBaseline.Entry,
                      _ tol: Tolerance) -> (Verdict, String) {
        let error = ScenarioRunRecord.errorStatus
        if b.status == error || c.status == error {
            if b.status == c.status { return (.same, "both failed") }
            return c.status == error ? (.worse, "\(b.status) → error") : (.better, "error → \(c.status)")
        }
        func pct(_ g: Double?) -> String { g.map { String(format: "%.2f %%", 100 * $0) } ?? "no bound" }
        func secs(_ s: Double?) -> String { s.map { String(format: "%.2f s", $0) } ?? "-" }
        let bOpt = b.status == "optimal", cOpt = c.status == "optimal"
        if bOpt && cOpt {
            guard let bt = b.totalSeconds, let ct = c.totalSeconds, bt > 0 else { return (.same, "both optimal") }
            let ratio = ct / bt
            let text = "time to proof \(secs(bt)) → \(secs(ct)) (×\(String(format: "%.2f", ratio)))"
            return (ratio > 1 + tol.time ? .worse : ratio < 1 - tol.time ? .better : .same, text)
        }
        if bOpt != cOpt {
            let text = "\(b.status) \(secs(b.totalSeconds)) → \(c.status)"
                + (cOpt ? " \(secs(c.totalSeconds))" : " (gap \(pct(c.gap)))")
            return (cOpt ? .better : .worse, text)
        }
        if b.status == "feasible" && c.status == "feasible" {
            let text = "gap \(pct(b.gap)) → \(pct(c.gap))"
            switch (b.gap, c.gap) {
            case let (bg?, cg?):
                return (cg - bg > tol.gap ? .worse : bg - cg > tol.gap ? .better : .same, text)
            case (nil, nil): return (.same, text)
            case (nil, _?): return (.better, text)
            case (_?, nil): return (.worse, text)
            }
        }
        // Left: no_solution, mixed (some runs proven, some not), infeasible. Infeasibility is the scenario's, so
        // any change to or from it is a regression; otherwise a layout beats none.
        let rank = ["no_solution": 0, "mixed": 1, "feasible": 2]
        let text = "\(b.status) → \(c.status)"
        guard b.status != c.status else { return (.same, text) }
        guard let br = rank[b.status], let cr = rank[c.status] else { return (.worse, text) }
        return (cr > br ? .better : .worse, text)
    }
}
