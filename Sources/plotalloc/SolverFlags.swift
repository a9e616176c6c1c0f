import ArgumentParser
import MIPModel
import GLPKBackend
import Estate
import Allocation

/// The solver flags shared by the commands that solve (`solve`, `compare`); each overrides the scenario's
/// `solver:` setting of the same name.
struct SolverFlags: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "End the whole run within about this many seconds: reading, model, search, GLPK, explanations, alternatives.",
        valueName: "seconds"))
    var timeLimit: Double?

    @Option(name: .long, help: "Stop when the relative gap is at most this fraction (e.g. 0.01).")
    var gap: Double?

    @Option(name: .long, help: "Cut families: a comma list of gomory, mir, cover, clique; or all, or none (default mir,cover,clique).",
            transform: CutSelection.parse)
    var cuts: CutSelection?

    @Flag(inversion: .prefixedNo, help: "GLPK's MIP presolver (off whenever a warm start is given).")
    var presolve: Bool?

    @Flag(inversion: .prefixedNo, help: "Hand the heuristic's verified layout to GLPK as its first solution.")
    var warmStart: Bool?

    @Flag(inversion: .prefixedNo, help: "Compute the LP and Lagrangian street-block bound on a second thread.")
    var blockBound: Bool?

    @Flag(inversion: .prefixedNo, help: "GLPK's feasibility pump heuristic.")
    var feasibilityPump: Bool?

    @Flag(inversion: .prefixedNo, help: "GLPK's proximity search heuristic.")
    var proximitySearch: Bool?

    @Option(name: .long, help: "Branching rule: \(BranchingRule.allCases.map(\.rawValue).joined(separator: ", ")).")
    var branching: String?

    @Option(name: .long, help: "Backtracking rule: \(BacktrackingRule.allCases.map(\.rawValue).joined(separator: ", ")).")
    var backtracking: String?

    @Option(name: .long, help: ArgumentHelp(
        "Deterministic work limit: at most this many search sub-problems and branch-and-bound nodes.",
        valueName: "units"))
    var workLimit: Int?

    @Option(name: .long, help: "Seed of the warm-start search's random choices (default 1).")
    var seed: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Break ties among layouts of the best score by a lot order drawn from this published seed.",
        valueName: "text"))
    var lotterySeed: String?

    @Option(name: .long, help: "GLPK's own output on standard error: off, errors, normal, all.")
    var verbosity: String = "off"

    func validate() throws {
        if let t = timeLimit, !(t > 0 && t.isFinite) {
            throw ValidationError("--time-limit: found \(t); expected a positive number of seconds")
        }
        if let g = gap, !(g >= 0 && g <= 1) { throw ValidationError("--gap: found \(g); expected a fraction 0…1") }
        if let w = workLimit, w < 1 { throw ValidationError("--work-limit: found \(w); expected a whole number ≥ 1") }
        if let s = seed, s < 0 { throw ValidationError("--seed: found \(s); expected a whole number ≥ 0") }
        if let l = lotterySeed, let problem = SolverSettings.lotterySeedProblem(l) {
            throw ValidationError("--lottery-seed: \(problem)")
        }
        if let b = branching, BranchingRule(rawValue: b) == nil {
            throw ValidationError("--branching: found \"\(b)\"; expected one of "
                + BranchingRule.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let b = backtracking, BacktrackingRule(rawValue: b) == nil {
            throw ValidationError("--backtracking: found \"\(b)\"; expected one of "
                + BacktrackingRule.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if GLPKVerbosity(rawValue: verbosity) == nil {
            throw ValidationError("--verbosity: found \"\(verbosity)\"; expected off, errors, normal or all")
        }
    }

    /// The flags as solver settings (unset where no flag was given).
    var settings: SolverSettings {
        SolverSettings(
            timeLimit: timeLimit, gap: gap, presolve: presolve, cuts: cuts?.families,
            feasibilityPump: feasibilityPump, proximitySearch: proximitySearch,
            branching: branching.flatMap(BranchingRule.init(rawValue:)),
            backtracking: backtracking.flatMap(BacktrackingRule.init(rawValue:)), warmStart: warmStart,
            blockBound: blockBound, workLimit: workLimit, seed: seed, lotterySeed: lotterySeed)
    }

    /// GLPK's own output level (`--verbosity`, validated).
    var glpkVerbosity: GLPKVerbosity { GLPKVerbosity(rawValue: verbosity) ?? .off }
}
