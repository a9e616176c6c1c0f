import MIPModel
import PlotAllocSupport
import Estate

/// The lot order of a scenario's firms, drawn from a seed a board publishes before the run.
///
/// The draw, written so that anyone can redo it by hand or in another language: for each firm, its **ticket** is
/// the SHA-256 (FIPS 180-4) of the UTF-8 bytes of `SEED:FIRM` (the seed as given, a colon, the firm's id), written
/// as 64 lower-case hex digits; the firms sorted by ticket, smallest first, give the lot order (rank 1 first). Two
/// equal tickets (which SHA-256 makes practically impossible) would be ordered by firm id, byte by byte. In a shell:
/// `printf '%s:%s' "$SEED" F001 | sha256sum`, once per firm, then `sort`.
public struct LotOrder: Sendable, Hashable {
    /// The published seed.
    public var seed: String
    /// The firms drawn, first rank first.
    public var firms: [String]

    /// Draws the order of `firms` (ids) from `seed`.
    public init(seed: String, firms: [String]) {
        self.seed = seed
        self.firms = firms.map { (Self.ticket(seed: seed, firm: $0), $0) }
            .sorted { a, b in a.0 != b.0 ? a.0 < b.0 : Array(a.1.utf8).lexicographicallyPrecedes(b.1.utf8) }
            .map(\.1)
    }

    /// A firm's ticket: the SHA-256 of `seed:firm` in UTF-8, as 64 lower-case hex digits.
    public static func ticket(seed: String, firm: String) -> String {
        SHA256.hex(Array("\(seed):\(firm)".utf8))
    }

    /// The rank of `firm` (1 = drawn first), or `nil` when it was not drawn.
    public func rank(of firm: String) -> Int? {
        firms.firstIndex(of: firm).map { $0 + 1 }
    }
}

/// The tie-break a board can defend: among the layouts of the best score, the firms whose placement the score
/// leaves open are decided in lot order (``LotOrder``), and the firms that were tied are named.
///
/// Exact, by a sequence of solves of restricted copies of the scenario, each verified (`docs/formulation.md`,
/// section 9): with `T` the verified score of the solve's layout, each firm that may be placed (not one that must
/// be, and with an eligible plot) is taken in lot order; if the layout held places it, it is kept placed;
/// otherwise the scenario with the decisions so far and this firm required is solved, and if that gives a layout
/// whose **verified** score is at least `T` (within ``tieTolerance``), that layout is held and the firm placed;
/// otherwise the firm is kept out. The result maximises, among layouts scoring at least `T`, the placement of the
/// first firm in lot order, then of the second, and so on (lexicographically). Then, for each such firm, it is
/// **tied** when some layout scoring at least `T` has it placed and another has it unplaced (a layout already seen
/// is a witness; otherwise the scenario with the firm forced the other way is solved); the tied firms are grouped by
/// the witnesses (two tied firms share a group when the witness of one changes the other's placement too).
///
/// GLPK's answers are used only as layouts, and every layout is judged by ``LayoutVerifier`` on the original
/// scenario: a lower score cannot slip in through the solver's tolerances. A "no" is GLPK's proof (optimal below
/// `T`, infeasible, or a bound below `T`); a restricted optimum within GLPK's tolerance (1e-6 relative) of `T` but
/// not within ``tieTolerance`` is neither yes nor no: the firm is listed as undecided, as is one whose solve a limit
/// cut short.
public struct Lottery: Sendable {
    /// Two verified scores are equal for the lottery when they differ by at most this, relative (times
    /// `max(1, |T|)`): far above the rounding of a sum of doubles, far below any difference scores given to a few
    /// decimals can make.
    public static let tieTolerance = 1e-9
    /// The relative tolerance of GLPK's objective against the verified score (``Allocator``): a restricted optimum
    /// closer than this to `T` but not within ``tieTolerance`` is undecided, not "no".
    static let solverTolerance = 1e-6

    /// Solves the restricted copies (its gap is ignored: each is solved to optimality or to its limits).
    public var allocator: Allocator
    /// The lot order.
    public var order: LotOrder

    /// A lottery for `scenario`'s firms drawn from `seed`, solving with `allocator` (its relative gap removed).
    public init(seed: String, scenario: Scenario, allocator: Allocator) {
        var allocator = allocator
        allocator.options.relativeGap = nil
        self.allocator = allocator
        order = LotOrder(seed: seed, firms: scenario.firms.map(\.id))
    }

    /// Decides the firms the best score leaves open, in lot order.
    ///
    /// - Parameters:
    ///   - best: the solve's result; without a layout there is nothing to decide and the outcome says so.
    ///   - deadline: when all the restricted solves must end; a solve it cuts short leaves its firm undecided.
    ///   - interrupt: stops them likewise.
    ///   - progress: called before each restricted solve with the number of solves made so far.
    /// - Throws: ``AllocationError`` when a solve fails, the final layout does not verify, or (after a proven
    ///   optimum) a restricted solve finds a layout scoring more than the optimum: a bug, reported loudly.
    public func draw(
        in scenario: Scenario, best: AllocationResult, deadline: Deadline = .never,
        interrupt: SolveInterrupt? = nil, progress: ((Int) -> Void)? = nil
    ) throws(AllocationError) -> LotteryOutcome {
        let proven = best.status == .optimal
        var outcome = LotteryOutcome(seed: order.seed, order: order.firms, basis: proven ? .optimum : .bestFound)
        guard let start = best.layout, let startReport = best.report else { return outcome }
        let target = startReport.score.total
        outcome.target = target
        let verifier = LayoutVerifier(scenario: scenario)
        let eligibility = Eligibility(scenario: scenario)
        let index = Dictionary(scenario.firms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let candidates = order.firms.filter { id in
            let firm = scenario.firms[index[id]!]
            return !firm.mustBePlaced && scenario.site.plots.contains { eligibility.mayTake(firm: firm, plot: $0) }
        }
        outcome.drawn = candidates
        let tolerance = Self.tieTolerance * max(1, abs(target))
        let near = Self.solverTolerance * max(1, abs(target))

        enum Answer { case yes(Layout, Double), no, undecided }
        var solves = 0
        func check(_ restricted: Scenario) throws(AllocationError) -> Answer {
            progress?(solves)
            solves += 1
            let r = try allocator.allocate(restricted, interrupt: interrupt, deadline: deadline)
            if let layout = r.layout {
                let report = verifier.verify(layout)
                guard report.isFeasible else { throw .verificationFailed(violations: report.violations) }
                let score = report.score.total
                if proven && score > target + near {
                    throw .inconsistentSolution("a restricted solve of the lottery found a layout scoring \(score), "
                        + "above the proven optimum \(target)")
                }
                if score >= target - tolerance { return .yes(layout, score) }
                if r.status == .optimal { return score >= target - near ? .undecided : .no }
            }
            if r.status == .infeasible { return .no }
            if let b = r.bound, b < target - near { return .no }
            return .undecided
        }

        // Lot order decides: the lexicographic maximum of placement in lot order among layouts scoring ≥ T.
        var current = start
        var currentScore = target
        var witnesses = [start]
        var decided = scenario
        var undecided: [String] = []
        for id in candidates {
            let f = index[id]!
            if current.plot(of: id) != nil {
                decided.firms[f].required = true
                continue
            }
            var asked = decided
            asked.firms[f].required = true
            switch try check(asked) {
            case .yes(let layout, let score):
                current = layout
                currentScore = score
                witnesses.append(layout)
                decided = asked
            case .no:
                Self.keepOut(&decided.firms[f])
            case .undecided:
                Self.keepOut(&decided.firms[f])
                undecided.append(id)
            }
        }

        // Who was tied: each firm whose placement some layout scoring ≥ T has the other way.
        var witnessOf: [String: Layout] = [:]
        for id in candidates {
            let placed = current.plot(of: id) != nil
            if let w = witnesses.first(where: { ($0.plot(of: id) != nil) != placed }) {
                witnessOf[id] = w
                continue
            }
            var other = scenario
            if placed { Self.keepOut(&other.firms[index[id]!]) } else { other.firms[index[id]!].required = true }
            switch try check(other) {
            case .yes(let layout, _):
                witnesses.append(layout)
                witnessOf[id] = layout
            case .no:
                break
            case .undecided:
                if !undecided.contains(id) { undecided.append(id) }
            }
        }
        outcome.groups = Self.groups(tied: candidates.filter { witnessOf[$0] != nil }, final: current,
                                     witnessOf: witnessOf)
        outcome.undecided = candidates.filter(undecided.contains)
        outcome.solves = solves

        let report = verifier.verify(current)
        guard report.isFeasible else { throw .verificationFailed(violations: report.violations) }
        guard abs(report.score.total - currentScore) <= tolerance, report.score.total >= target - tolerance else {
            throw .inconsistentSolution("the lottery's layout scores \(report.score.total), below \(target)")
        }
        outcome.layout = current
        outcome.report = report
        return outcome
    }

    /// `best` with its ties decided by the lot drawn from `seed`, and what the lot decided; `best` unchanged and
    /// `nil` when there is no seed or no layout. The one call `solve` and `compare` make after a solve.
    ///
    /// - Throws: as ``draw(in:best:deadline:interrupt:progress:)``.
    public static func decide(
        _ best: AllocationResult, seed: String?, scenario: Scenario, allocator: Allocator, deadline: Deadline = .never,
        interrupt: SolveInterrupt? = nil, progress: ((Int) -> Void)? = nil
    ) throws(AllocationError) -> (result: AllocationResult, lottery: LotteryOutcome?) {
        guard let seed, best.layout != nil else { return (best, nil) }
        let drawn = try Lottery(seed: seed, scenario: scenario, allocator: allocator).draw(
            in: scenario, best: best, deadline: deadline, interrupt: interrupt, progress: progress)
        return (best.drawnByLot(drawn), drawn)
    }

    /// Rules `firm` out of every plot (a lock allowing none), so that it stays unplaced.
    static func keepOut(_ firm: inout Firm) {
        var lock = firm.lock ?? FirmLock()
        lock.allowedPlots = []
        firm.lock = lock
    }

    /// The tied firms grouped: `f` and `g` share a group when the witness of either places the other differently
    /// from `final` (union–find, groups in lot order of their first firm, firms in lot order).
    static func groups(tied: [String], final: Layout, witnessOf: [String: Layout]) -> [LotteryOutcome.TieGroup] {
        var parent = Dictionary(uniqueKeysWithValues: tied.map { ($0, $0) })
        func root(_ x: String) -> String {
            var x = x
            while parent[x]! != x { x = parent[x]! }
            return x
        }
        for f in tied {
            guard let w = witnessOf[f] else { continue }
            for g in tied where (w.plot(of: g) != nil) != (final.plot(of: g) != nil) {
                let (a, b) = (root(f), root(g))
                if a != b { parent[b] = a }
            }
        }
        var order: [String] = []
        var members: [String: [String]] = [:]
        for f in tied {
            let r = root(f)
            if members[r] == nil { order.append(r) }
            members[r, default: []].append(f)
        }
        return order.map { r in
            let firms = members[r]!
            return LotteryOutcome.TieGroup(firms: firms, wonByLot: firms.filter { final.plot(of: $0) != nil },
                                           lostByLot: firms.filter { final.plot(of: $0) == nil })
        }
    }
}

extension AllocationResult {
    /// This result with the lottery's layout in place of its own: the layout, its verification and the objective
    /// (its verified score, the same as before within ``Lottery/tieTolerance``, or higher after a run a limit
    /// stopped, when a restricted solve found better); the source is ``LayoutSource/lottery`` when the layout
    /// changed. Unchanged when the lottery has no layout.
    public func drawnByLot(_ lottery: LotteryOutcome) -> AllocationResult {
        guard let layout = lottery.layout, let report = lottery.report, layout != self.layout else { return self }
        var r = self
        r.layout = layout
        r.report = report
        r.source = .lottery
        let score = report.score.total
        if let o = objective, score > o + Lottery.tieTolerance * max(1, abs(o)) {
            r.objective = score
            if let b = bound, b < score { r.bound = score }
            if r.status != .optimal { r.gap = SolveResult.relativeGap(objective: score, bound: r.bound) }
        }
        return r
    }
}

/// What the lottery decided (``Lottery``): the lot order, the layout chosen, and the firms that were tied.
public struct LotteryOutcome: Sendable, Hashable {
    /// Which score the lot decided among.
    public enum Basis: String, Sendable, Hashable {
        /// The proven optimum: the lot decided among the optimal layouts.
        case optimum
        /// The best score found by a run a limit stopped: the lot decided among the layouts scoring at least that,
        /// not among the optimal ones.
        case bestFound = "best_found"
    }

    /// Firms whose placement can be exchanged without lowering the score below the target: decided by lot.
    public struct TieGroup: Sendable, Hashable {
        /// The tied firms, in lot order.
        public var firms: [String]
        /// Those the lot placed.
        public var wonByLot: [String]
        /// Those the lot left out.
        public var lostByLot: [String]
    }

    /// The published seed.
    public var seed: String
    /// Every firm of the scenario in lot order (``LotOrder``), first rank first.
    public var order: [String]
    /// The firms the lot may decide, in lot order: those that may be placed (not required, incumbent or promised a
    /// plot) and have an eligible plot; the others are placed (must be) or unplaced (no plot) by the rules alone.
    public var drawn: [String] = []
    /// Which score the lot decided among.
    public var basis: Basis
    /// The verified score of the solve's layout, which the lottery's layout keeps; `nil` without a layout.
    public var target: Double?
    /// The layout the lot chose (verified), or `nil` when the solve found none.
    public var layout: Layout?
    /// Its verification.
    public var report: VerificationReport?
    /// The groups of tied firms, in lot order of their first firm; empty when the score decided every firm.
    public var groups: [TieGroup] = []
    /// Firms whose restricted solve a limit cut short (or ended within GLPK's tolerance of the target): their
    /// placement was kept as the layout held had it, not decided by lot.
    public var undecided: [String] = []
    /// Restricted solves made.
    public var solves: Int = 0

    /// Makes an outcome with nothing decided yet.
    public init(seed: String, order: [String], basis: Basis) {
        self.seed = seed
        self.order = order
        self.basis = basis
    }

    /// The rank of `firm` in the lot order (1 = first), or `nil` when it was not in the draw.
    public func rank(of firm: String) -> Int? {
        order.firstIndex(of: firm).map { $0 + 1 }
    }

    /// `reasons` with the firms that lost by lot saying so: "…; tied on score: left out by lot (rank 3 in the
    /// draw)", since the reason the layout gives (e.g. the plots went to others) is not the whole story.
    public func marking(_ reasons: [UnplacedReason]) -> [UnplacedReason] {
        let lost = Set(groups.flatMap(\.lostByLot))
        return reasons.map { r in
            guard lost.contains(r.firm) else { return r }
            var r = r
            r.message += "; tied on score: left out by lot (rank \(rank(of: r.firm) ?? 0) in the draw)"
            return r
        }
    }
}
