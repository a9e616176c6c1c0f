import Foundation
import Allocation

/// The runs of one scenario in a benchmark and their summary: per phase the median and spread (min–max) of the
/// seconds, and the same for objective, bound, gap, nodes and peak memory.
///
/// Failed runs (status `error`) are kept in ``runs`` and counted in ``statusCounts`` but left out of every
/// spread. With no successful run every spread is `nil`.
public struct ScenarioBenchmarkSummary: Sendable, Hashable, Encodable {
    /// The scenario file as given.
    public var scenario: String
    /// The scenario's name (its metadata).
    public var name: String
    /// The time limit of each run in seconds, or `nil` when the scenario's own setting (or none) applied.
    public var timeLimit: Double?
    /// Every run, in order.
    public var runs: [ScenarioRunRecord]

    /// Makes a summary of `runs`.
    public init(scenario: String, name: String, timeLimit: Double?, runs: [ScenarioRunRecord]) {
        self.scenario = scenario
        self.name = name
        self.timeLimit = timeLimit
        self.runs = runs
    }

    /// The runs that did not fail.
    public var completed: [ScenarioRunRecord] { runs.filter { !$0.failed } }

    /// How many runs ended with each status, `error` included.
    public var statusCounts: [String: Int] {
        runs.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }

    /// The status of every run when they all agree, `mixed` when they do not, `none` without runs.
    public var status: String {
        let kinds = Set(runs.map(\.status))
        return kinds.count == 1 ? kinds.first! : kinds.isEmpty ? "none" : "mixed"
    }

    /// The median and spread of one phase's seconds over the completed runs.
    public func seconds(_ phase: BenchmarkPhase) -> SampleSpread? {
        SampleSpread(completed.map { phase.seconds(in: $0.timing) })
    }

    /// The objective's median and spread over the runs that found a layout.
    public var objective: SampleSpread? { SampleSpread(completed.map(\.objective)) }
    /// The bound's median and spread.
    public var bound: SampleSpread? { SampleSpread(completed.map(\.bound)) }
    /// The relative gap's median and spread.
    public var gap: SampleSpread? { SampleSpread(completed.map(\.gap)) }
    /// The number of nodes' median and spread.
    public var nodes: SampleSpread? { SampleSpread(completed.map { Double($0.nodes) }) }
    /// The peak memory's median and spread, in KiB.
    public var peakMemoryKiB: SampleSpread? { SampleSpread(completed.map { $0.peakMemoryKiB.map(Double.init) }) }
    /// The model's size (the same in every run; that of the first completed run).
    public var model: AllocationResult.ModelSize? { completed.first?.model }

    /// The share of the median total spent outside the solver and the heuristic (load + formulate + verify), or
    /// `nil` without completed runs or with a zero total.
    public var overheadShare: Double? {
        let totals = completed.map { $0.timing.total }
        guard let total = SampleSpread(totals)?.median, total > 0 else { return nil }
        let overhead = SampleSpread(completed.map { $0.timing.load + $0.timing.formulate + $0.timing.verify })
        return overhead.map { $0.median / total }
    }

    enum CodingKeys: String, CodingKey {
        case scenario, name, runs, status, statuses, seconds, objective, bound, gap, nodes, model
        case timeLimit = "time_limit"
        case runCount = "run_count"
        case peakMemoryKiB = "peak_memory_kib"
        case overheadShare = "overhead_share"
    }

    /// Encodes the summary: `scenario, name, time_limit, run_count, status, statuses, seconds` (one spread
    /// `{count, median, min, max}` per phase, `total` included), `objective, bound, gap, nodes, peak_memory_kib`
    /// (spreads), `overhead_share, model` and `runs` (the per-run records); unknown values are `null`.
    ///
    /// - Throws: the encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(name, forKey: .name)
        try c.encode(timeLimit, forKey: .timeLimit)
        try c.encode(runs.count, forKey: .runCount)
        try c.encode(status, forKey: .status)
        try c.encode(statusCounts, forKey: .statuses)
        var phases = c.nestedContainer(keyedBy: PhaseKey.self, forKey: .seconds)
        for phase in BenchmarkPhase.allCases {
            try phases.encode(seconds(phase), forKey: PhaseKey(phase))
        }
        try c.encode(objective, forKey: .objective)
        try c.encode(bound, forKey: .bound)
        try c.encode(gap, forKey: .gap)
        try c.encode(nodes, forKey: .nodes)
        try c.encode(peakMemoryKiB, forKey: .peakMemoryKiB)
        try c.encode(overheadShare, forKey: .overheadShare)
        try c.encode(model, forKey: .model)
        try c.encode(runs, forKey: .runs)
    }

    struct PhaseKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ phase: BenchmarkPhase) { stringValue = phase.rawValue }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The summary as one line of JSON (keys sorted), without a trailing newline.
    public var jsonLine: String { BenchmarkJSON.line(self) }
}
