import GLPKBackend
import Estate

extension SolverSettings {
    /// These settings, with every field left unset taken from `fallback`.
    ///
    /// The command line uses it to lay its flags over a scenario's `solver:` section.
    public func filling(from fallback: SolverSettings) -> SolverSettings {
        SolverSettings(
            timeLimit: timeLimit ?? fallback.timeLimit, gap: gap ?? fallback.gap,
            presolve: presolve ?? fallback.presolve, cuts: cuts ?? fallback.cuts,
            feasibilityPump: feasibilityPump ?? fallback.feasibilityPump,
            proximitySearch: proximitySearch ?? fallback.proximitySearch,
            branching: branching ?? fallback.branching, backtracking: backtracking ?? fallback.backtracking,
            warmStart: warmStart ?? fallback.warmStart, blockBound: blockBound ?? fallback.blockBound,
            workLimit: workLimit ?? fallback.workLimit, seed: seed ?? fallback.seed,
            lotterySeed: lotterySeed ?? fallback.lotterySeed)
    }

    /// The GLPK options these settings ask for; a field left unset keeps ``GLPKOptions``' default.
    ///
    /// One proximity-search run is capped at half the time limit (at least 1 s): GLPK does not check its time limit
    /// inside that heuristic, and an uncapped run overran a 30 s limit to 60 s.
    public func glpkOptions(verbosity: GLPKVerbosity = .off) -> GLPKOptions {
        var o = GLPKOptions()
        o.timeLimit = timeLimit
        o.relativeGap = gap
        if let cuts { o.cuts = Set(cuts) }
        o.presolve = presolve ?? o.presolve
        o.feasibilityPump = feasibilityPump ?? o.feasibilityPump
        o.proximitySearch = proximitySearch ?? o.proximitySearch
        if let limit = timeLimit { o.proximitySearchTimeLimit = min(o.proximitySearchTimeLimit, max(1, limit / 2)) }
        o.branching = branching ?? o.branching
        o.backtracking = backtracking ?? o.backtracking
        o.verbosity = verbosity
        return o
    }

    /// The allocator these settings ask for (warm start and block bound on unless turned off; seed 1 unless set).
    public func allocator(verbosity: GLPKVerbosity = .off) -> Allocator {
        Allocator(options: glpkOptions(verbosity: verbosity), warmStart: warmStart ?? true,
                  seed: UInt64(max(0, seed ?? 1)), blockBound: blockBound ?? true, workLimit: workLimit)
    }
}
