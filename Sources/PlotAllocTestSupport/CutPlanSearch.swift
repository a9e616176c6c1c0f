import Estate

/// A test oracle for raw land and merged plots (issue 13): the best feasible layout of a tiny scenario over every cut
/// plan of its raw blocks, every set of merged runs of its plots and every assignment, judged by ``LayoutVerifier``.
///
/// It enumerates every **site plan**: per raw block, every family of disjoint kavlings on the block's module with
/// widths in range (``kavlingFamilies(of:rules:)``), and every family of disjoint runs of 2…k mergeable plots side by
/// side in one power block (``runFamilies(of:)``), at most as many derived sites as firms. For each plan it builds the
/// effective scenario (``Scenario/applying(_:)``) and tries every assignment of firms (unplaced, or on one plot or
/// derived site their needs allow, without the planners' locks) that leaves no derived site empty; the verifier's
/// fast check says whether it is feasible (locks, land use included) and what it scores.
///
/// Leaving empty derived sites out is exact, not a heuristic: an empty kavling or run changes no other plot (a kavling's
/// neighbours and distances depend on its own rectangle only; a run only removes its plots, which an empty run leaves
/// unused), adds to no capacity and only adds land (the land-use rule has an upper limit), so removing it from a
/// feasible layout keeps it feasible with the same score. Among layouts of equal score (within 1e-9) the first in
/// enumeration order is kept: plans in order (runs first, then blocks in scenario order, each family from the block's
/// start, "uncut" before "cut"), firms in scenario order, each trying "unplaced" first.
///
/// Only for tiny inputs: it refuses more than ``ExhaustiveSearch/maxFirms`` firms or more than ``maxPlans`` site plans.
public struct CutPlanSearch: Sendable {
    /// The most site plans it accepts.
    public static let maxPlans = 200_000

    /// Thrown when the scenario is too large to enumerate.
    public struct TooLarge: Error, Sendable, Hashable, CustomStringConvertible {
        /// Why, e.g. "1,200,000 site plans; at most 200000".
        public var reason: String
        public var description: String { "exhaustive cut-plan search: \(reason)" }
    }

    /// What the enumeration found.
    public struct Outcome: Sendable, Hashable {
        /// The best feasible layout (with its derived sites), or `nil` when none is feasible.
        public var layout: Layout?
        /// The verifier's report on ``layout`` (checked by ``LayoutVerifier/verify(_:)`` on the raw scenario).
        public var report: VerificationReport?
        /// How many site plans were enumerated.
        public var plansExamined: Int
        /// How many layouts (plan and assignment) were judged.
        public var layoutsExamined: Int
        /// How many of them are feasible.
        public var feasibleLayouts: Int

        /// The best score, or `nil` when no layout is feasible.
        public var bestScore: Double? { report?.score.total }
    }

    private let scenario: Scenario
    private let plans: [[DerivedSite]]

    /// Prepares the enumeration.
    ///
    /// - Throws: ``TooLarge`` with more than ``ExhaustiveSearch/maxFirms`` firms or ``maxPlans`` site plans, or a raw
    ///   block without cutting rules.
    public init(scenario: Scenario) throws(TooLarge) {
        let n = scenario.firms.count
        guard n <= ExhaustiveSearch.maxFirms else {
            throw TooLarge(reason: "\(n) firms; at most \(ExhaustiveSearch.maxFirms)")
        }
        self.scenario = scenario
        var plans: [[DerivedSite]] = Self.runFamilies(of: scenario).filter { $0.count <= n }
        for block in scenario.site.rawBlocks {
            guard let rules = block.cutting(defaults: scenario.site.cutting) else {
                throw TooLarge(reason: "raw block \(block.id) has no cutting rules")
            }
            let families = Self.kavlingFamilies(of: block, rules: rules)
            var next: [[DerivedSite]] = []
            for plan in plans {
                for family in families where plan.count + family.count <= n {
                    next.append(plan + family.map { .kavling($0) })
                    guard next.count <= Self.maxPlans else {
                        throw TooLarge(reason: "more than \(Self.maxPlans) site plans")
                    }
                }
            }
            plans = next
        }
        self.plans = plans
    }

    /// Every family of disjoint kavlings of `block` under `rules`, the empty family first: cuts on the module from the
    /// block's start (and at its end), widths within `min_width`…`max_width` (tolerance 1e-6 m).
    public static func kavlingFamilies(of block: RawBlock, rules: CuttingRules) -> [[Kavling]] {
        var points: [Double] = []
        var k = 0
        while Double(k) * rules.module < block.length - 1e-6 {
            points.append(Double(k) * rules.module)
            k += 1
        }
        points.append(block.length)
        var out: [[Kavling]] = []
        func extend(_ i: Int, _ family: [Kavling]) {
            guard i < points.count - 1 else {
                out.append(family)
                return
            }
            extend(i + 1, family)
            for j in (i + 1)..<points.count {
                let w = points[j] - points[i]
                if w > rules.maxWidth + 1e-6 { break }
                if w < rules.minWidth - 1e-6 { continue }
                extend(j, family + [Kavling(block: block.id, start: points[i], end: points[j])])
            }
        }
        extend(0, [])
        return out
    }

    /// Every family of disjoint runs of `scenario`'s plots under `site.merging` (none without it), the empty family
    /// first: runs of 2…k mergeable plots, each beside the next (``Plot/isBeside(_:)``), all in one power block, taken
    /// in one direction (the first plot before the last in scenario order).
    public static func runFamilies(of scenario: Scenario) -> [[DerivedSite]] {
        guard let k = scenario.site.merging?.maxPlots else { return [[]] }
        let plots = scenario.site.plots
        var runs: [[Int]] = []
        func grow(_ run: [Int]) {
            if run.count >= 2, run[0] < run[run.count - 1] { runs.append(run) }
            guard run.count < k else { return }
            let last = plots[run[run.count - 1]]
            for q in plots.indices where !run.contains(q) && plots[q].mergeable && plots[q].powerBlock == last.powerBlock
                && last.isBeside(plots[q]) {
                grow(run + [q])
            }
        }
        for p in plots.indices where plots[p].mergeable { grow([p]) }
        var out: [[DerivedSite]] = []
        func choose(_ from: Int, _ used: Set<Int>, _ family: [DerivedSite]) {
            out.append(family)
            for r in from..<runs.count where used.isDisjoint(with: runs[r]) {
                choose(r + 1, used.union(runs[r]), family + [.merged(MergedRun(plots: runs[r].map { plots[$0].id }))])
            }
        }
        choose(0, [], [])
        return out
    }

    /// Tries every site plan and assignment and returns the best feasible layout.
    public func run() -> Outcome {
        var best: (layout: Layout, total: Double)?
        var examined = 0, feasible = 0
        for plan in plans {
            let effective = scenario.applying(plan)
            let verifier = LayoutVerifier(scenario: effective)
            let eligibility = Eligibility(scenario: effective)
            let plots = effective.site.plots
            let derived = Set(plots.indices.filter { plots[$0].derived != nil })
            let options = effective.firms.map { firm in
                plots.indices.filter { eligibility.needReasons(firm: firm, plot: plots[$0]).isEmpty }
            }
            let n = effective.firms.count
            var plotOf = [Int?](repeating: nil, count: n)
            var used = [Bool](repeating: false, count: plots.count)
            var emptyDerived = derived.count
            var planBest: (plotOf: [Int?], total: Double)?
            func visit(_ i: Int) {
                guard emptyDerived <= n - i else { return }
                if i == n {
                    examined += 1
                    guard let score = verifier.feasibleScore(plotOf: plotOf) else { return }
                    feasible += 1
                    if planBest == nil || score.total > planBest!.total + LayoutVerifier.tolerance {
                        planBest = (plotOf, score.total)
                    }
                    return
                }
                plotOf[i] = nil
                visit(i + 1)
                for p in options[i] where !used[p] {
                    used[p] = true
                    plotOf[i] = p
                    if derived.contains(p) { emptyDerived -= 1 }
                    visit(i + 1)
                    if derived.contains(p) { emptyDerived += 1 }
                    used[p] = false
                }
                plotOf[i] = nil
            }
            visit(0)
            guard let planBest, best == nil || planBest.total > best!.total + LayoutVerifier.tolerance else { continue }
            var assignments: [String: String] = [:]
            for i in 0..<n { if let p = planBest.plotOf[i] { assignments[effective.firms[i].id] = plots[p].id } }
            best = (Layout(assignments: assignments, sites: plan), planBest.total)
        }
        guard let best else {
            return Outcome(layout: nil, report: nil, plansExamined: plans.count, layoutsExamined: examined,
                           feasibleLayouts: 0)
        }
        let report = LayoutVerifier(scenario: scenario).verify(best.layout)
        precondition(report.isFeasible, "cut-plan search: the fast check and verify(_:) disagree: \(report.violations)")
        return Outcome(layout: best.layout, report: report, plansExamined: plans.count, layoutsExamined: examined,
                       feasibleLayouts: feasible)
    }
}
