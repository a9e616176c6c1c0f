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
    /// The lottery's published seed (`--lottery-seed`), or `nil` without a lottery.
    public var lottery_seed: String?
    /// What the lot decided, or `nil` without a lottery (or without a layout to decide on).
    public var lottery: Lottery?

    /// What the lot decided (``LotteryOutcome``), as the receipt prints it.
    public struct Lottery: Sendable, Hashable, Encodable {
        /// A firm and its rank in the lot order (1 = drawn first).
        public struct Ticket: Sendable, Hashable, Encodable {
            /// The firm's id.
            public var firm: String
            /// Its rank in the whole draw (every firm of the scenario), as anyone redoing the draw finds it.
            public var rank: Int
        }

        /// A set of tied firms: their placement can be exchanged without lowering the score.
        public struct Group: Sendable, Hashable, Encodable {
            /// The tied firms, in lot order.
            public var firms: [Ticket]
            /// Those the lot placed.
            public var won_by_lot: [String]
            /// Those the lot left out.
            public var lost_by_lot: [String]
        }

        /// `optimum` (the lot decided among the optimal layouts) or `best_found` (a limit stopped the run: among
        /// the layouts scoring at least the best found).
        public var basis: String
        /// The score the lot's layout keeps.
        public var score: Double?
        /// Every firm in lot order.
        public var order: [String]
        /// The firms the lot could decide (not required, not incumbents, not promised a plot, with an eligible
        /// plot), in lot order.
        public var drawn: [String]
        /// The groups of tied firms; empty when the score decided every firm.
        public var tied: [Group]
        /// Firms whose restricted solve a limit cut short: kept as the layout held had them, not decided by lot.
        public var undecided: [String]
        /// Restricted solves made.
        public var solves: Int

        /// The receipt's view of `outcome`.
        public init(_ outcome: LotteryOutcome) {
            basis = outcome.basis.rawValue
            score = ReportJSON.rounded(outcome.report?.score.total)
            order = outcome.order
            drawn = outcome.drawn
            tied = outcome.groups.map { g in
                Group(firms: g.firms.map { Ticket(firm: $0, rank: outcome.rank(of: $0) ?? 0) },
                      won_by_lot: g.wonByLot, lost_by_lot: g.lostByLot)
            }
            undecided = outcome.undecided
            solves = outcome.solves
        }

        /// Which layouts the lot chose among, for people: `among the optimal layouts (score 40)`, or, after a run
        /// not proven optimal, among those scoring at least the best found, saying that is not the optimum.
        var among: String {
            let score = self.score.map { ReportText.number($0) } ?? "-"
            return basis == "optimum"
                ? "among the optimal layouts (score \(score))"
                : "among the layouts scoring at least \(score), the best this run found: it was not proven optimal, "
                    + "so not necessarily among the optimal ones"
        }

        /// The lines for people, each ending in a newline.
        func lines(seed: String) -> [String] {
            var out = ["Lottery: seed \"\(seed)\"; lot order drawn by SHA-256 of \"seed:firm\"; "
                + "\(drawn.count) firm\(drawn.count == 1 ? "" : "s") in the draw; ties broken \(among); "
                + "\(solves) restricted solve\(solves == 1 ? "" : "s")"]
            if tied.isEmpty { out.append("  no ties: the score decided every firm (placed or not on merit)") }
            for g in tied {
                func named(_ ids: [String]) -> String {
                    ids.isEmpty ? "none" : ids.map { id in
                        "\(id) (rank \(g.firms.first { $0.firm == id }?.rank ?? 0))"
                    }.joined(separator: ", ")
                }
                out.append("  tied: \(g.firms.map(\.firm).joined(separator: ", ")): won by lot \(named(g.won_by_lot)); "
                    + "lost by lot \(named(g.lost_by_lot))")
            }
            if !undecided.isEmpty {
                out.append("  undecided (a limit cut the check short; placed or not as the solve had them): "
                    + undecided.joined(separator: ", "))
            }
            out.append("  lot order: " + order.joined(separator: " "))
            return out.map { $0 + "\n" }
        }
    }

    /// The receipt of a run of `allocator` on the scenario file `input` (read again for its digest).
    ///
    /// - Parameter incumbents: the standing layout file, when one was given (its digest is taken too).
    ///   - lottery: what the lot decided, when `--lottery-seed` was given.
    public init(input: String, incumbents: String?, allocator: Allocator, result: AllocationResult,
                lottery: LotteryOutcome? = nil) {
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
        lottery_seed = lottery?.seed
        self.lottery = lottery.flatMap { $0.layout == nil ? nil : Lottery($0) }
    }

    /// The receipt of a ``SolveSession`` run, or `nil` for an outcome made in code (no input file or allocator).
    public init?(outcome: SolveOutcome) {
        guard let input = outcome.input, let allocator = outcome.allocator else { return nil }
        self.init(input: input, incumbents: outcome.standingLayout, allocator: allocator, result: outcome.result,
                  lottery: outcome.lottery)
    }

    /// The SHA-256 of the file at `path`, or `unreadable` when it cannot be read (it was read moments before).
    static func digest(ofFile path: String) -> String {
        FileManager.default.contents(atPath: path).map { SHA256.hex($0) } ?? "unreadable"
    }

    /// The limits given, for people: `time limit 60 s, work limit 200`; empty without limits.
    var limitsText: String {
        [time_limit.map { "time limit \(ReportText.number($0)) s" }, work_limit.map { "work limit \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// What ended the run, for people, saying whether another run gives the same result.
    var stopText: String {
        switch stopped_by {
        case "proof": "a proof (the result is reproducible)"
        case "work_limit": "the work limit (the result is reproducible)"
        case "time_limit": "the time limit (another run may stop elsewhere)"
        case "gap_limit": "the gap limit"
        default: "an interrupt"
        }
    }

    /// The receipt for people: two lines (and the lottery's, when there was one), ending in a newline.
    public var text: String {
        var first = "Receipt: \(input) sha256 \(input_sha256)"
        if let incumbents, let digest = incumbents_sha256 { first += "; standing layout \(incumbents) sha256 \(digest)" }
        let limits = limitsText
        return first + "\n"
            + "         plotalloc \(version), seed \(seed)"
            + (lottery_seed.map { ", lottery seed \"\($0)\"" } ?? "")
            + (limits.isEmpty ? "" : ", " + limits) + "; ended by \(stopText)\n"
            + (lottery.map { $0.lines(seed: lottery_seed ?? "").joined() } ?? "")
    }
}
