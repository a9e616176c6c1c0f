import Foundation
import Allocation

/// One benchmark run of a scenario: load → formulate → heuristic → solve → verify, with the time of each phase,
/// what the solver reached, the model's size and the process's peak memory.
///
/// `plotalloc bench` makes one record per run in a fresh child process (so the peak memory is that run's) and hands
/// it to the parent as one JSON line (``jsonLine``). A run that failed (the solver failed, the layout did not verify,
/// the child crashed) is a record with status `error` and a message, so a benchmark can report it and go on.
public struct ScenarioRunRecord: Sendable, Hashable, Codable {
    /// The status value of a failed run.
    public static let errorStatus = "error"

    /// An ``AllocationStatus`` raw value (`optimal`, `feasible`, `infeasible`, `no_solution`), or `error`.
    public var status: String
    /// Why the solver stopped (a ``Termination`` raw value), or `nil` for a failed run.
    public var termination: String?
    /// The verified layout's score, or `nil` without a layout.
    public var objective: Double?
    /// The best proven bound, or `nil` when unknown.
    public var bound: Double?
    /// The relative gap between objective and bound (0 when optimal), or `nil` when unknown.
    public var gap: Double?
    /// Branch-and-bound nodes.
    public var nodes: Int
    /// Seconds per phase.
    public var timing: AllocationResult.Timing
    /// The integer program's size, or `nil` for a failed run.
    public var model: AllocationResult.ModelSize?
    /// The verified score of the warm-start heuristic's layout, or `nil` when it found none or was off.
    public var heuristicScore: Double?
    /// Where the layout came from (`solver` or `heuristic`), or `nil` without one.
    public var source: AllocationResult.LayoutSource?
    /// The process's peak resident memory (KiB) at the end of the run, or `nil` where unknown.
    public var peakMemoryKiB: Int?
    /// What went wrong, for a failed run.
    public var error: String?
    /// Which proof gave ``bound`` (``AllocationResult/boundSource``: `solver`, `blocks`, `search`), or `nil`.
    public var boundSource: AllocationResult.BoundSource?
    /// The Lagrangian street-block bound the second thread reached, or `nil` (off, or none proven in time).
    public var blockBound: Double?
    /// The LP relaxation's optimum, when the second thread solved it in time.
    public var lpBound: Double?

    enum CodingKeys: String, CodingKey {
        case status, termination, objective, bound, gap, nodes, model, source, error
        case timing = "seconds"
        case heuristicScore = "heuristic_score"
        case peakMemoryKiB = "peak_memory_kib"
        case totalSeconds = "total_seconds"
        case boundSource = "bound_source"
        case blockBound = "block_bound"
        case lpBound = "lp_bound"
    }

    /// The record of a finished allocation run.
    ///
    /// - Parameter peakMemoryKiB: the peak memory to report (usually ``PeakMemory/currentProcessKiB()`` read right
    ///   after the run).
    public init(result: AllocationResult, peakMemoryKiB: Int?) {
        status = result.status.rawValue
        termination = result.termination.rawValue
        objective = result.objective
        bound = result.bound
        gap = result.gap
        nodes = result.nodes
        timing = result.timing
        model = result.modelSize
        heuristicScore = result.heuristic.score
        source = result.source
        self.peakMemoryKiB = peakMemoryKiB
        error = nil
        boundSource = result.boundSource
        blockBound = result.blockBound?.lagrangianBound
        lpBound = result.blockBound?.lpBound
    }

    /// The record of a failed run: status `error`, the message, and the time spent before it failed.
    public init(error message: String, timing: AllocationResult.Timing = .init(), peakMemoryKiB: Int? = nil) {
        status = Self.errorStatus
        termination = nil
        objective = nil
        bound = nil
        gap = nil
        nodes = 0
        self.timing = timing
        model = nil
        heuristicScore = nil
        source = nil
        self.peakMemoryKiB = peakMemoryKiB
        error = message
    }

    /// Whether the run failed (status `error`).
    public var failed: Bool { status == Self.errorStatus }

    /// Decodes a record; `total_seconds` is ignored (it is recomputed from the phases).
    ///
    /// - Throws: `DecodingError` when a required field (status, nodes, seconds) is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(String.self, forKey: .status)
        termination = try c.decodeIfPresent(String.self, forKey: .termination)
        objective = try c.decodeIfPresent(Double.self, forKey: .objective)
        bound = try c.decodeIfPresent(Double.self, forKey: .bound)
        gap = try c.decodeIfPresent(Double.self, forKey: .gap)
        nodes = try c.decode(Int.self, forKey: .nodes)
        timing = try c.decode(AllocationResult.Timing.self, forKey: .timing)
        model = try c.decodeIfPresent(AllocationResult.ModelSize.self, forKey: .model)
        heuristicScore = try c.decodeIfPresent(Double.self, forKey: .heuristicScore)
        source = try c.decodeIfPresent(AllocationResult.LayoutSource.self, forKey: .source)
        peakMemoryKiB = try c.decodeIfPresent(Int.self, forKey: .peakMemoryKiB)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        boundSource = try c.decodeIfPresent(AllocationResult.BoundSource.self, forKey: .boundSource)
        blockBound = try c.decodeIfPresent(Double.self, forKey: .blockBound)
        lpBound = try c.decodeIfPresent(Double.self, forKey: .lpBound)
    }

    /// Encodes every field, unknown ones as `null`, plus `total_seconds` (the sum of the phases).
    ///
    /// - Throws: the encoder's errors (non-finite numbers are written as `null`, so none from the values).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func finite(_ d: Double?) -> Double? { d.flatMap { $0.isFinite ? $0 : nil } }
        try c.encode(status, forKey: .status)
        try c.encode(termination, forKey: .termination)
        try c.encode(finite(objective), forKey: .objective)
        try c.encode(finite(bound), forKey: .bound)
        try c.encode(finite(gap), forKey: .gap)
        try c.encode(nodes, forKey: .nodes)
        try c.encode(timing, forKey: .timing)
        try c.encode(timing.total, forKey: .totalSeconds)
        try c.encode(model, forKey: .model)
        try c.encode(finite(heuristicScore), forKey: .heuristicScore)
        try c.encode(source, forKey: .source)
        try c.encode(peakMemoryKiB, forKey: .peakMemoryKiB)
        try c.encode(error, forKey: .error)
        try c.encode(boundSource, forKey: .boundSource)
        try c.encode(finite(blockBound), forKey: .blockBound)
        try c.encode(finite(lpBound), forKey: .lpBound)
    }

    /// The record as one line of JSON (keys sorted), without a trailing newline.
    public var jsonLine: String { BenchmarkJSON.line(self) }

    /// Reads a record from the JSON line a child process printed.
    ///
    /// - Throws: `DecodingError` when `line` is not such a record.
    public static func decode(jsonLine line: String) throws -> ScenarioRunRecord {
        try JSONDecoder().decode(ScenarioRunRecord.self, from: Data(line.utf8))
    }
}
