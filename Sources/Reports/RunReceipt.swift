import Foundation
import PlotAllocSupport
import MIPModel
import Allocation

/// What a result can be traced to, printed with every solve: the input file's SHA-256 (and the standing layout's,
/// when one was given), plotalloc's version, the seed, the limits, and which limit (or proof) ended the run.
///
/// With the same input (same digest), version, seed and options, the layout and report are the same
/// (`docs/reproducibility.md`), unless the time limit ended the run, which the receipt then says.
public struct RunReceipt: Sendable, Hashable, Encodable {
    /// The scenario file as given.
    public var input: String
    /// Its SHA-256, 64 hex digits.
    public var input_sha256: String
    /// The standing layout file (`--incumbents` or `incumbents_from`), or `nil`.
    public var incumbents: String?
    /// Its SHA-256, or `nil`.
    public var incumbents_sha256: String?
    /// plotalloc's version.
    public var version: String
    /// The search's seed.
    public var seed: UInt64
    /// The time limit in seconds, or `nil`.
    public var time_limit: Double?
    /// The work limit, or `nil`.
    public var work_limit: Int?
    /// What ended the run: `proof` (optimal or infeasible, proven), `time_limit`, `work_limit`, `gap_limit`,
    /// `interrupted`.
    public var stopped_by: String

    /// The receipt of a run of `allocator` on the scenario file `input` (read again for its digest).
    ///
    /// - Parameter incumbents: the standing layout file, when one was given (its digest is taken too).
    public init(input: String, incumbents: String?, allocator: Allocator, result: AllocationResult) {
        self.input = input
        input_sha256 = Self.digest(ofFile: input)
        self.incumbents = incumbents
        incumbents_sha256 = incumbents.map(Self.digest(ofFile:))
        version = PlotAllocVersion.current
        seed = allocator.seed
        time_limit = allocator.options.timeLimit
        work_limit = allocator.workLimit
        stopped_by = switch result.termination {
        case .optimal, .infeasible, .infeasibleOrUnbounded, .unbounded: "proof"
        case .timeLimit: "time_limit"
        case .workLimit: "work_limit"
        case .gapLimit: "gap_limit"
        case .interrupted: "interrupted"
        }
    }

    /// The receipt of a ``SolveSession`` run, or `nil` for an outcome made in code (no input file or allocator).
    public init?(outcome: SolveOutcome) {
        guard let input = outcome.input, let allocator = outcome.allocator else { return nil }
        self.init(input: input, incumbents: outcome.standingLayout, allocator: allocator, result: outcome.result)
    }

    /// The SHA-256 of the file at `path`, or `unreadable` when it cannot be read (it was read moments before).
    static func digest(ofFile path: String) -> String {
        FileManager.default.contents(atPath: path).map { SHA256.hex($0) } ?? "unreadable"
    }

    /// The receipt for people: two lines, ending in a newline.
    public var text: String {
        var first = "Receipt: \(input) sha256 \(input_sha256)"
        if let incumbents, let digest = incumbents_sha256 { first += "; standing layout \(incumbents) sha256 \(digest)" }
        let limits = [time_limit.map { "time limit \(ReportText.number($0)) s" },
                      work_limit.map { "work limit \($0)" }].compactMap { $0 }
        let stop = switch stopped_by {
        case "proof": "a proof (the result is reproducible)"
        case "work_limit": "the work limit (the result is reproducible)"
        case "time_limit": "the time limit (another run may stop elsewhere)"
        case "gap_limit": "the gap limit"
        default: "an interrupt"
        }
        return first + "\n"
            + "         plotalloc \(version), seed \(seed)"
            + (limits.isEmpty ? "" : ", " + limits.joined(separator: ", ")) + "; ended by \(stop)\n"
    }
}
