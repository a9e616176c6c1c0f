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
    /// One proximity-search run is capped by the time policy (``TimePolicy/cappingProximitySearch(_:)``).
    public func glpkOptions(verbosity: GLPKVerbosity = .off) -> GLPKOptions {
        var o = GLPKOptions()
        o.timeLimit = timeLimit
        o.relativeGap = gap
        if let cuts { o.cuts = Set(cuts) }
        o.presolve = presolve ?? o.presolve
        o.feasibilityPump = feasibilityPump ?? o.feasibilityPump
        o.proximitySearch = proximitySearch ?? o.proximitySearch
        o.branching = branching ?? o.branching
        o.backtracking = backtracking ?? o.backtracking
        o.verbosity = verbosity
        return TimePolicy.cappingProximitySearch(o)
    }

    /// The allocator these settings ask for (warm start and block bound on unless turned off; seed 1 unless set).
    public func allocator(verbosity: GLPKVerbosity = .off) -> Allocator {
        Allocator(options: glpkOptions(verbosity: verbosity), warmStart: warmStart ?? true,
                  seed: UInt64(max(0, seed ?? 1)), blockBound: blockBound ?? true, workLimit: workLimit)
    }
}
