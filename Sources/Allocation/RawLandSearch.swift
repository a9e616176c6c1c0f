import Foundation
import PlotAllocSupport
import MIPModel
import Estate

/// The decomposition search for raw land whose exact candidate model is too large (`docs/formulation.md`, 10.4,
/// "The decomposition search"): a default cut solved as a pre-cut allocation, verified moves to a local optimum, the
/// plan's cut re-solved whole ("refit"), and a large-neighbourhood search that re-cuts one window of one street block
/// at a time exactly, everything else fixed.
///
/// 1. **Start.** Each raw block is cut greedily along its frontage into kavlings fitted to the firms that may use
///    it (the narrowest width on the module that holds a firm's smallest area), narrowest first, within the land-use
///    share and the power blocks' room. The cut is solved as an ordinary pre-cut allocation (its kavlings are plots
///    carrying ``Plot/derived``, so neighbours, drainage and land are the effective scenario's) by a
///    sub-``Allocator``; its layout, written as a cut plan of the occupied kavlings, is verified on the raw scenario.
/// 2. **Moves** (``insertUnplaced(into:)``, ``exchange(in:)``): unplaced firms cut a kavling in free frontage
///    (narrowing the kavlings beside it when short), or take a placed firm's place (which goes elsewhere if it can),
///    each plan kept only when ``LayoutVerifier`` finds it feasible with a higher score; repeated until none gains.
/// 3. **Refit.** The best plan's kavlings plus the gaps between them cut for the firms it leaves out, solved as a
///    pre-cut allocation from the plan; then the moves. Once after the start, and after every
///    ``Options/refitEvery`` windows in a row without improvement.
/// 4. **Windows.** A *window* of a block (2–4 consecutive occupied kavlings and the reserve around them) is
///    freed: the firms on it and every unplaced firm may move, every other firm is locked to its site (its lock
///    promises the site), every other kavling is a fixed plot, and the window is re-cut and re-assigned by the
///    candidate-site program (``SiteCandidates``) restricted to that window (on a coarser grid when it would list
///    more than ``Options/windowKavlings`` candidates), solved by a sub-``Allocator`` (warm-start search + GLPK).
///    The new plan is accepted when ``LayoutVerifier`` finds it feasible on the raw scenario with a higher score,
///    then the moves.
///
/// Every layout it returns is the raw scenario's, verified there: the sub-problems and moves only propose. It
/// proves nothing: its plan is as good as the cuts it tried.
struct RawLandSearch {
    /// How long and how hard to search.
    struct Options: Sendable {
        /// When the whole search must end; checked before every sub-solve, and every sub-solve is bounded by it.
        var deadline: Deadline = .never
        /// Seed of the windows' choice.
        var seed: UInt64 = 1
        /// Window re-cuts at most; `nil` for no such limit (the deadline or ``stallLimit`` ends the search).
        var maxNeighbourhoods: Int?
        /// Window re-cuts in a row without improvement before the search ends; `nil`: 8 per raw block.
        var stallLimit: Int?
        /// A deterministic work limit for every sub-solve (``Allocator/workLimit``), or `nil` for none.
        var subWorkLimit: Int?
        /// The share of the time left that the start and the first refit may use together (65 % of it the start).
        var startShare = 0.4
        /// Rounds of insertion and exchange passes after each start, refit or improving window at most, and pairs
        /// (outside firm, placed firm) one exchange pass tries at most; `nil` for no such limit (a local optimum).
        /// Work-limited runs bound them (``Allocator/workLimit``).
        var maxMoveRounds: Int?
        var maxExchangePairs: Int?
        /// Window re-cuts in a row without improvement before the plan is refitted (its cut re-solved whole, from
        /// it), and the share of the time left that refit may use.
        var refitEvery = 6
        var refitShare = 0.2
        /// Seconds one window re-cut may use at most.
        var windowSeconds = 4.0
        /// Candidate kavlings of a window before its cuts are restricted to a coarser grid.
        var windowKavlings = 60
        /// Unplaced firms that may enter a window: those of the highest placement value, and more drawn at random.
        var windowOutsiders = 8
        var windowRandomOutsiders = 4
    }

    /// Why the search ended.
    enum End: String, Sendable, Hashable {
        case deadline, interrupted, stalled, neighbourhoods
    }

    /// What the search reached.
    struct Outcome {
        /// The best verified layout of the raw scenario and its verification, if any.
        var layout: Layout?
        var report: VerificationReport?
        /// The verified score of the best plan before the window re-cuts (the start and the first refit, improved by
        /// the moves).
        var startScore: Double?
        /// Cuts solved as pre-cut allocations (the default cut and the refits).
        var starts = 0
        /// Window re-cuts solved, and those that improved the plan.
        var neighbourhoods = 0
        var improvements = 0
        /// Proposed plans that failed verification on the raw scenario (a sub-problem whose rules differ from the
        /// raw scenario's; never accepted).
        var rejected = 0
        /// Firms placed by the insertion move (``RawLandSearch/insertUnplaced(into:)``), and exchanges kept
        /// (``RawLandSearch/exchange(in:)``).
        var inserted = 0
        var exchanged = 0
        /// Why it ended.
        var end: End = .stalled
    }

    let scenario: Scenario
    let verifier: LayoutVerifier
    /// The scenario's raw blocks by id (the first of a repeated id, which validation refuses anyway).
    let blocks: [String: RawBlock]
    let options: Options
    let interrupt: SolveInterrupt?
    /// The scenario's eligibility tests, firms by id and power block of each pre-cut plot (for the insertion move).
    let eligibility: Eligibility
    let firms: [String: Firm]
    let powerBlockOfPlot: [String: String]

    init(scenario: Scenario, options: Options, interrupt: SolveInterrupt?) {
        self.scenario = scenario
        verifier = LayoutVerifier(scenario: scenario)
        blocks = Dictionary(scenario.site.rawBlocks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.options = options
        self.interrupt = interrupt
        eligibility = Eligibility(scenario: scenario)
        firms = Dictionary(scenario.firms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        powerBlockOfPlot = Dictionary(scenario.site.plots.map { ($0.id, $0.powerBlock) }, uniquingKeysWith: { a, _ in a })
    }

    var stopRequested: Bool { options.deadline.hasPassed || interrupt?.isRequested == true }

    /// Runs the search.
    ///
    /// - Throws: the ``AllocationError`` of a sub-solve whose layout did not verify on its sub-problem or did not
    ///   score what its solver said (a bug, reported rather than skipped).
    func run() throws(AllocationError) -> Outcome {
        var out = Outcome()
        var best: (layout: Layout, report: VerificationReport)?
        func beatsBest(_ score: Double) -> Bool {
            guard let b = best?.report.score.total else { return true }
            return score > b + 1e-6 * max(1, abs(b))
        }
        func consider(_ layout: Layout) -> Bool {
            let report = verifier.verify(layout)
            guard report.isFeasible else {
                out.rejected += 1
                return false
            }
            guard beatsBest(report.score.total) else { return false }
            best = (layout, report)
            return true
        }
        // A verified feasible plan, improved by the insertion and exchange moves until neither gains, kept when it
        // beats the best.
        func improveAndAdopt(_ plan: Plan) {
            var plan = plan
            var moved = true
            var rounds = 0
            while moved && !stopRequested && rounds < (options.maxMoveRounds ?? .max) {
                rounds += 1
                let repaired = insertUnplaced(into: plan)
                if repaired.placed > 0 { out.inserted += repaired.placed; plan = repaired.plan }
                let exchanged = exchange(in: plan)
                if exchanged.exchanges > 0 { out.exchanged += exchanged.exchanges; plan = exchanged.plan }
                moved = exchanged.exchanges > 0
            }
            if beatsBest(plan.report.score.total) { best = plan }
        }
        // A cut solved as a pre-cut allocation within `share` of the time left (from `start` when given), improved
        // and kept when better.
        func solve(_ cut: [Kavling], share: Double, from start: Layout?) throws(AllocationError) {
            let left = options.deadline.remaining
            let deadline = left.map { options.deadline.earlier(Deadline.after(seconds: $0 * share)) } ?? .never
            out.starts += 1
            guard let layout = try solvePrecut(cut: cut, deadline: deadline, from: start) else { return }
            let report = verifier.verify(layout)
            if report.isFeasible { improveAndAdopt((layout, report)) } else { out.rejected += 1 }
        }
        // The refit: the best plan's cut, its gaps cut for the firms it leaves out, solved from the best plan.
        func refit(share: Double) throws(AllocationError) {
            guard let current = best?.layout, !stopRequested else { return }
            try solve(Self.defaultCut(scenario, keeping: current), share: share, from: current)
        }

        // 1. Start: the default cut, narrowest first (the most firms, the better start on the cases measured), as
        // a pre-cut allocation; then the refit of the best plan.
        if !stopRequested { try solve(Self.defaultCut(scenario), share: options.startShare * 0.65, from: nil) }
        try refit(share: options.startShare * 0.35)
        out.startScore = best?.report.score.total

        // 2. Window re-cuts.
        var rng = SeededGenerator(seed: options.seed)
        let rawBlocks = scenario.site.rawBlocks
        let stallLimit = options.stallLimit ?? max(16, 8 * rawBlocks.count)
        var stall = 0
        var next = rawBlocks.isEmpty ? 0 : rng.int(in: 0...(rawBlocks.count - 1))
        while let current = best?.layout, !rawBlocks.isEmpty {
            if interrupt?.isRequested == true { out.end = .interrupted; break }
            if options.deadline.hasPassed { out.end = .deadline; break }
            if let m = options.maxNeighbourhoods, out.neighbourhoods >= m { out.end = .neighbourhoods; break }
            if stall >= stallLimit { out.end = .stalled; break }
            let block = rawBlocks[next % rawBlocks.count]
            next += 1
            let window = Self.window(of: block, in: current, kavlings: rng.int(in: 2...4), rng: &rng)
            out.neighbourhoods += 1
            let proposed = try solveWindow(block: block, window: window, current: current, rng: &rng)
            let accepted = proposed.map(consider) ?? false
            if accepted, let b = best {
                out.improvements += 1
                stall = 0
                improveAndAdopt(b)
            } else {
                stall += 1
                // Windows that stall: the plan's cut, re-solved whole from the plan, may reassign across blocks.
                if stall % options.refitEvery == 0 {
                    let before = best?.report.score.total
                    try refit(share: options.refitShare)
                    if best?.report.score.total != before { stall = 0 }
                }
            }
        }
        if best == nil { out.end = interrupt?.isRequested == true ? .interrupted : options.deadline.hasPassed ? .deadline : .stalled }
        out.layout = best?.layout
        out.report = best?.report
        return out
    }

    // MARK: - Sub-solves

    /// The allocator of a sub-problem: never the decomposition again, no block bound (it would bound only the
    /// sub-problem), the search's work limit.
    private func subAllocator(scope: SiteCandidates.Scope) -> Allocator {
        var a = Allocator(seed: options.seed, blockBound: false, workLimit: options.subWorkLimit)
        a.candidateScope = scope
        return a
    }

    /// Solves `cut` as a pre-cut allocation and returns its layout written as a cut plan of the raw scenario (not yet
    /// verified there), or `nil` when it found none.
    private func solvePrecut(cut: [Kavling], deadline: Deadline, from start: Layout? = nil) throws(AllocationError) -> Layout? {
        var precut = scenario
        var kavlingOfID: [String: Kavling] = [:]
        for k in cut {
            guard let block = blocks[k.block] else { continue }
            precut.site.plots.append(block.plot(of: k))
            kavlingOfID[k.id] = k
        }
        precut.site.rawBlocks = []
        var allocator = subAllocator(scope: SiteCandidates.Scope())
        // The plan's kavlings are plots of the pre-cut scenario under the same ids.
        allocator.startLayout = start.map { Layout(assignments: $0.assignments) }
        guard let layout = try allocator.allocate(precut, interrupt: interrupt, deadline: deadline).layout
        else { return nil }
        let used = Set(layout.assignments.values)
        let kavlings = kavlingOfID.filter { used.contains($0.key) }.map { DerivedSite.kavling($0.value) }
        return Layout(assignments: layout.assignments, sites: (layout.sites + kavlings).sorted { $0.id < $1.id })
    }

    /// Re-cuts `window` of `block` with the firms on it and the unplaced firms free, everything else of `current`
    /// fixed; the new layout of the raw scenario (not yet verified there), or `nil` when the sub-solve found none.
    private func solveWindow(
        block: RawBlock, window: SiteCandidates.Window, current: Layout, rng: inout SeededGenerator
    ) throws(AllocationError) -> Layout? {
        var sub = scenario
        var fixedSites: [DerivedSite] = []
        var freed = Set<String>()
        for site in current.sites {
            if case .kavling(let k) = site, let b = blocks[k.block] {
                if k.block == block.id && k.start >= window.start - 1e-6 && k.end <= window.end + 1e-6 {
                    freed.insert(k.id)
                } else {
                    sub.site.plots.append(b.plot(of: k))
                    fixedSites.append(site)
                }
            }
        }
        // Firms outside the window keep their sites: a promise is a lock the formulation and verifier both apply.
        // Of the unplaced firms, those of the highest placement value and a few drawn at random may enter.
        let weights = scenario.rules.placementValue
        var outsiders = sub.firms.indices.filter { current.assignments[sub.firms[$0].id] == nil }
        outsiders.sort { (-weights.value(of: sub.firms[$0]), $0) < (-weights.value(of: sub.firms[$1]), $1) }
        var admitted = Set(outsiders.prefix(options.windowOutsiders))
        let rest = Array(outsiders.dropFirst(options.windowOutsiders))
        for _ in 0..<min(rest.count, options.windowRandomOutsiders) { admitted.insert(rest[rng.int(in: 0...(rest.count - 1))]) }
        for i in sub.firms.indices {
            var lock = sub.firms[i].lock ?? FirmLock()
            if let site = current.assignments[sub.firms[i].id] {
                guard !freed.contains(site) else { continue }
                lock.plot = site
            } else if !admitted.contains(i) {
                lock.allowedPlots = []
            } else {
                continue
            }
            sub.firms[i].lock = lock
        }
        var scope = SiteCandidates.Scope(maxKavlings: options.windowKavlings)
        // The window's current cuts stay candidates: the current plan is a point of the sub-model and its start.
        var freedSites: [DerivedSite] = []
        for site in current.sites where freed.contains(site.id) {
            if case .kavling(let k) = site {
                scope.points[block.id, default: []].append(contentsOf: [k.start, k.end])
                freedSites.append(site)
            }
        }
        for b in scenario.site.rawBlocks {
            scope.windows[b.id] = b.id == block.id ? window : SiteCandidates.Window(start: b.length, end: b.length)
        }
        let deadline = options.deadline.earlier(Deadline.after(seconds: options.windowSeconds))
        var allocator = subAllocator(scope: scope)
        allocator.startLayout = Layout(assignments: current.assignments, sites: freedSites.sorted { $0.id < $1.id })
        guard let layout = try allocator.allocate(sub, interrupt: interrupt, deadline: deadline).layout else { return nil }
        let sites = (layout.sites + fixedSites).sorted { $0.id < $1.id }
        return Layout(assignments: layout.assignments, sites: sites)
    }

    // MARK: - Cuts and windows

    /// The narrowest kavling of `block` (on its module, within its widths) whose area holds `firm`'s smallest area,
    /// or `nil` when none within its widths is in the firm's area range.
    static func fittedWidth(of firm: Firm, on block: RawBlock, rules: CuttingRules) -> Double? {
        let m = rules.module
        let least = max(rules.minWidth, firm.area.min / block.depth)
        let w = (least / m - 1e-9).rounded(.up) * m
        guard w <= rules.maxWidth + 1e-9, w * block.depth <= firm.area.max + 1e-6, w <= block.length + 1e-9
        else { return nil }
        return w
    }

    /// A cut of every raw block sized to the applicants: along each block's frontage, the next kavling is fitted to
    /// the first firm (narrowest fitted kavling first: the most firms) not yet given one that may take it there
    /// (``Eligibility`` on its plot), whose power the block's power room still holds and whose area the phase's
    /// land-use room still holds; the rest of the frontage stays reserve. Firms that must be placed come first;
    /// firms with a site of their own (incumbents, firms promised a plot) are left out.
    ///
    /// With `keeping` (a plan of the scenario), its kavlings are kept (and returned first) and only the gaps between
    /// them are cut, for the firms it leaves out, within the power and land-use room its firms and kavlings leave.
    static func defaultCut(_ scenario: Scenario, keeping: Layout? = nil) -> [Kavling] {
        let eligibility = Eligibility(scenario: scenario)
        let plotIDs = Set(scenario.site.plots.map(\.id))
        var pool = scenario.firms.filter { f in
            f.incumbentPlot == nil && (f.lock?.plot.map { !plotIDs.contains($0) } ?? true)
                && keeping?.assignments[f.id] == nil
        }
        let kept = keeping.map(RawFrontage.kavlingsByBlock) ?? [:]
        // Power room per power block beside the firms that keep a plot of their own (or a site of `keeping`).
        var power = Dictionary(scenario.site.powerBlocks.map { ($0.id, $0.capacityKVA) }, uniquingKeysWith: { a, _ in a })
        var blockOfPlot = Dictionary(scenario.site.plots.map { ($0.id, $0.powerBlock) }, uniquingKeysWith: { a, _ in a })
        let rawBlock = Dictionary(scenario.site.rawBlocks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for k in kept.values.joined() { blockOfPlot[k.id] = rawBlock[k.block]?.powerBlock }
        for f in scenario.firms {
            if let p = keeping?.assignments[f.id] ?? f.incumbentPlot ?? f.lock?.plot, let b = blockOfPlot[p] {
                power[b, default: 0] -= f.powerKVA
            }
        }
        // Land-use room per phase.
        var room: [String: Double] = [:]
        if let share = scenario.rules.landUse?.maxPlotShare {
            for phase in scenario.site.phases { room[phase.id] = share * phase.area }
            for p in scenario.site.plots { room[p.phase, default: 0] -= p.area }
            for k in kept.values.joined() {
                if let b = rawBlock[k.block] { room[b.phase, default: 0] -= k.width * b.depth }
            }
        }
        // Firms that must be placed first (each gets the first place it may take), then the narrowest first.
        pool.sort { ($0.mustBePlaced ? 0 : 1, $0.area.min, $0.id) < ($1.mustBePlaced ? 0 : 1, $1.area.min, $1.id) }
        var used = Set<String>()
        var cut: [Kavling] = Array(kept.values.joined())
        for block in scenario.site.rawBlocks {
            guard let rules = block.cutting(defaults: scenario.site.cutting), rules.module > 0 else { continue }
            for gap in RawFrontage.gaps(of: block, kavlings: kept[block.id] ?? []) {
            var position = gap.start
            placing: while true {
                for firm in pool where !used.contains(firm.id) {
                    guard let w = fittedWidth(of: firm, on: block, rules: rules), position + w <= gap.end + 1e-9
                    else { continue }
                    let area = w * block.depth
                    if let r = room[block.phase], area > r + 1e-6 { continue }
                    if firm.powerKVA > (power[block.powerBlock] ?? .infinity) + 1e-9 { continue }
                    let end = min(block.length, ((position + w) * 1e6).rounded() / 1e6)
                    let k = Kavling(block: block.id, start: position, end: end)
                    guard eligibility.mayTake(firm: firm, plot: block.plot(of: k)) else { continue }
                    cut.append(k)
                    used.insert(firm.id)
                    power[block.powerBlock, default: 0] -= firm.powerKVA
                    if room[block.phase] != nil { room[block.phase]! -= area }
                    position = end
                    continue placing
                }
                break
            }
            }
        }
        return cut
    }

    /// A window of `block` to re-cut: `kavlings` consecutive occupied kavlings of `layout` on it (from a random
    /// one) and the reserve up to its neighbours, or the whole block when it holds at most that many.
    static func window(
        of block: RawBlock, in layout: Layout, kavlings count: Int, rng: inout SeededGenerator
    ) -> SiteCandidates.Window {
        let mine = layout.sites.compactMap { site -> Kavling? in
            if case .kavling(let k) = site, k.block == block.id { return k }
            return nil
        }.sorted { $0.start < $1.start }
        guard mine.count > count else { return SiteCandidates.Window(start: 0, end: block.length) }
        let first = rng.int(in: 0...(mine.count - count))
        let last = first + count - 1
        return SiteCandidates.Window(start: first == 0 ? 0 : mine[first - 1].end,
                                     end: last + 1 < mine.count ? mine[last + 1].start : block.length)
    }
}
