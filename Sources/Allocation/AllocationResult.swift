import MIPModel
import Estate

/// The outcome of one allocation run: status, the verified layout, its score, the bound and the time per phase.
///
/// A result is only made by ``Allocator`` after the layout (if any) passed ``LayoutVerifier`` and its score matched
/// the solver's objective; `report` is that verification.
public struct AllocationResult: Sendable {
    /// Seconds spent in each phase.
    public struct Timing: Sendable, Hashable, Codable {
        /// Reading and checking the scenario file (0 when the scenario was given in memory).
        public var load: Double
        /// Building the integer program.
        public var formulate: Double
        /// The constructive heuristic and local search (0 when off).
        public var heuristic: Double
        /// GLPK, root LP included.
        public var solve: Double
        /// Verifying the layout from the scenario alone.
        public var verify: Double

        /// Makes a timing.
        public init(load: Double = 0, formulate: Double = 0, heuristic: Double = 0, solve: Double = 0, verify: Double = 0) {
            self.load = load
            self.formulate = formulate
            self.heuristic = heuristic
            self.solve = solve
            self.verify = verify
        }

        /// The sum of the phases.
        public var total: Double { load + formulate + heuristic + solve + verify }
    }

    /// The size of the integer program.
    public struct ModelSize: Sendable, Hashable, Codable {
        /// All columns.
        public var variables: Int
        /// Binary columns.
        public var binaries: Int
        /// Rows.
        public var constraints: Int
        /// Non-zero coefficients in the rows.
        public var nonzeros: Int

        /// No model (formulation was stopped before it finished).
        public static let none = ModelSize(variables: 0, binaries: 0, constraints: 0, nonzeros: 0)

        init(variables: Int, binaries: Int, constraints: Int, nonzeros: Int) {
            self.variables = variables
            self.binaries = binaries
            self.constraints = constraints
            self.nonzeros = nonzeros
        }

        /// Measures `model`.
        public init(_ model: Model) {
            variables = model.variables.count
            binaries = model.integerVariableCount
            constraints = model.constraints.count
            nonzeros = model.nonZeroCount
        }
    }

    /// What the warm-start heuristic did.
    public struct HeuristicSummary: Sendable, Hashable {
        /// The verified score of its layout, or `nil` when it found none (or it failed verification).
        public var score: Double?
        /// Why its layout was not used as a start, when it was not.
        public var rejected: String?
        /// Whether GLPK accepted it as its first incumbent (`nil` when not handed over or unknown).
        public var acceptedBySolver: Bool?
        /// The stage of the warm-start search that found its layout: `construction` (greedy, local search,
        /// ruin-and-recreate) or `lns` (a large-neighbourhood sub-problem); `nil` without a layout.
        public var stage: LayoutSearch.Stage?
        /// The verified score of the construction's layout, before the large-neighbourhood search.
        public var constructionScore: Double?
        /// Large-neighbourhood sub-problems solved.
        public var iterations: Int = 0
        /// Sub-problems that improved the layout.
        public var improvements: Int = 0
        /// Trials of the construction's iterated local search (a work count, the same on any machine).
        public var constructionTrials: Int = 0
        /// Why the large-neighbourhood search ended (`nil` when no search ran).
        public var end: LayoutSearch.End?
    }

    /// What the Lagrangian block bound (``LagrangianBound``, run on a second thread) reached.
    ///
    /// Encoded (in `solve --json`, as `block_bound`) with snake_case keys; unknown values are left out.
    public struct BlockBoundSummary: Sendable, Hashable, Encodable {
        /// The LP relaxation's optimum, when it was solved in time.
        public var lpBound: Double?
        /// The smallest proven Lagrangian bound, when one was.
        public var lagrangianBound: Double?
        /// Subgradient iterations (each solves every block once).
        public var iterations: Int
        /// Blocks with rows.
        public var blocks: Int
        /// Rows linking the blocks, priced.
        public var linkingRows: Int
        /// Seconds it ran.
        public var seconds: Double
        /// Why it stopped early or did not run, when it did.
        public var note: String?
        /// Whether the blocks were solved as LPs, without the full LP relaxation first (a model too large for that
        /// LP within a run: its bound is then the Lagrangian one of the blocks' LP relaxations, and ``lpBound`` is
        /// absent); `false` when they were solved as integer programs.
        public var relaxedBlocks = false

        enum CodingKeys: String, CodingKey {
            case lpBound = "lp_bound", lagrangianBound = "lagrangian_bound", iterations, blocks
            case linkingRows = "linking_rows", seconds, note, relaxedBlocks = "relaxed_blocks"
        }

        /// Nothing reached yet.
        init() {
            iterations = 0
            blocks = 0
            linkingRows = 0
            seconds = 0
        }

        /// The better of the two bounds, or `nil` when neither was reached.
        public var bound: Double? {
            switch (lpBound, lagrangianBound) {
            case let (a?, b?): min(a, b)
            case let (a?, nil): a
            case let (nil, b?): b
            default: nil
            }
        }
    }

    /// The status users see.
    public var status: AllocationStatus
    /// Why the solver stopped (the finer vocabulary).
    public var termination: Termination
    /// Whether Ctrl-C (or ``SolveInterrupt/request()``) stopped the search.
    public var interrupted: Bool { termination == .interrupted }
    /// The verified layout (for `optimal` and `feasible`), else `nil`.
    public var layout: Layout?
    /// The verification of ``layout``, with its score by part and by rating.
    public var report: VerificationReport?
    /// The objective the solver reported for ``layout``, equal to `report.score.total` within 1e-6 relative.
    public var objective: Double?
    /// The best proven bound, or `nil` when unknown.
    public var bound: Double?
    /// The relative gap `|bound − objective| / max(|objective|, 1e-9)`; 0 when optimal.
    public var gap: Double?
    /// Branch-and-bound nodes.
    public var nodes: Int
    /// Where the layout came from: `solver` when GLPK found it, or `heuristic` when it is the warm-start search's
    /// (GLPK found nothing better, stopped before holding it, or was not run because the search solved the whole
    /// model as one neighbourhood); ``HeuristicSummary/stage`` then tells which stage of the search.
    public var source: LayoutSource?
    /// Time per phase.
    public var timing: Timing
    /// The integer program's size.
    public var modelSize: ModelSize
    /// The warm start.
    public var heuristic: HeuristicSummary
    /// Rule conflicts found before solving (see ``AllocationModel/structuralConflicts``).
    public var structuralConflicts: [String]
    /// GLPK's raw status, for debugging.
    public var rawStatus: String
    /// Which proof gave ``bound``: `solver` (GLPK's branch-and-cut), `blocks` (the LP relaxation or the Lagrangian
    /// block bound, computed on a second thread), `search` (the warm-start search solved the whole model as one
    /// neighbourhood); `nil` without a bound.
    public var boundSource: BoundSource? = nil
    /// What the block bound reached, when it ran (see ``Allocator/blockBound``).
    public var blockBound: BlockBoundSummary? = nil
    /// The phase the time limit or the interrupt stopped, when one did (`nil` when the run ended on its own):
    /// e.g. ``RunPhase/search`` when the limit passed before GLPK could start.
    public var stoppedIn: RunPhase? = nil
    /// The integer program of the scenario the result was solved on (not a restriction of it), so that follow-ups
    /// re-solving the same scenario (alternative layouts, "why not" keeping most of a layout) do not build it again;
    /// `nil` when the result was not made by ``Allocator`` or formulation was stopped.
    var formulation: AllocationModel? = nil
    /// How raw land was cut, when the scenario has raw blocks: by the exact candidate-site program or by the
    /// decomposition search, and what the search did; `nil` without raw land.
    public var rawLand: RawLandSummary? = nil

    /// How a raw-land plan was made (``rawLand``); encoded in `solve --json` as `raw_land` with snake_case keys.
    public struct RawLandSummary: Sendable, Hashable, Encodable {
        /// The method that cut the raw land.
        public enum Method: String, Sendable, Hashable, Codable {
            /// The candidate-site program over every cut (or, labelled by the raw status, a coarser grid of them).
            case exact
            /// The decomposition search (``RawLandSearch``): a default cut and refits solved as pre-cut allocations,
            /// verified insertion and exchange moves, windows of one block re-cut exactly, everything else fixed. Its
            /// plans are verified; the bound beside it is ``RawLandBound``'s (``AllocationResult/BoundSource/rawLand``).
            case decomposition
        }

        /// The method.
        public var method: Method
        /// Candidate kavlings of the exact program (every cut the rules allow whose area some firm admits).
        public var candidateKavlings: Int
        /// Default cuts solved as pre-cut allocations (decomposition only).
        public var starts: Int = 0
        /// The best start's verified score (decomposition only).
        public var startScore: Double?
        /// Windows re-cut, and those that improved the plan (decomposition only).
        public var neighbourhoods: Int = 0
        public var improvements: Int = 0
        /// Firms placed by the insertion move and exchanges kept by the exchange move (decomposition only).
        public var inserted: Int = 0
        public var exchanged: Int = 0
        /// Price updates of the raw-land bound reported as the run's bound (decomposition only); `nil` when none was
        /// computed (a reproducible run, the bound off, stopped before one evaluation, or set aside).
        public var boundIterations: Int?

        enum CodingKeys: String, CodingKey {
            case method, candidateKavlings = "candidate_kavlings", starts, startScore = "start_score"
            case neighbourhoods, improvements, inserted, exchanged, boundIterations = "bound_iterations"
        }
    }

    /// Where a layout came from (``source``); the raw values are those of `solve --json`'s `source`.
    public enum LayoutSource: String, Sendable, Hashable, Codable {
        /// GLPK's branch-and-cut found it.
        case solver
        /// It is the warm-start search's layout.
        case heuristic
        /// The lot order chose it among layouts of the same score (``Lottery``): a restricted solve found it.
        case lottery
        /// The raw-land decomposition search (``RawLandSearch``) cut and assigned it.
        case decomposition
    }

    /// Which proof gave the bound (``boundSource``); the raw values are those of `solve --json`'s `bound_source`.
    public enum BoundSource: String, Sendable, Hashable, Codable {
        /// GLPK's branch-and-cut.
        case solver
        /// The LP relaxation or the Lagrangian block bound, computed on a second thread.
        case blocks
        /// The warm-start search solved the whole model as one neighbourhood.
        case search
        /// The raw-land bound (``RawLandBound``) over every cut plan, beside the decomposition search.
        case rawLand = "raw_land"
    }
}
