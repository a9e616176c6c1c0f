import Foundation
import MIPModel
import Estate

/// The sites a layout could make from a scenario's land, all at once, as the plots of one *candidate scenario*:
/// every kavling a raw street block can be cut into that some firm may take, and every run of mergeable pre-cut
/// plots, after the scenario's own plots. Candidates overlap; the *cover groups* say which may not be used together.
///
/// The integer program (`docs/formulation.md`, section 12, "Cut plans and merged runs") chooses among them with one `x[f,c]` per
/// firm and candidate and one row per cover group, `Σ_{c ∈ group} Σ_f x[f,c] ≤ 1`:
/// - per raw block and module cell `[t, t+m)`: the candidate kavlings that cover it (two kavlings of a cut plan never
///   overlap, and two that overlap share a cell);
/// - per pre-cut plot that some run contains: the plot and the runs containing it (each plot is covered once).
///
/// Each candidate is the plot ``Scenario/applying(_:)`` makes of it (``RawBlock/plot(of:)``,
/// ``Scenario/plot(of:)``), so every rule, the neighbours and the score are those of the effective scenario of any
/// plan the candidates form.
struct SiteCandidates: Sendable {
    /// The scenario's plots, then the candidate kavlings, then the candidate runs, as plots (``Plot/derived`` set).
    let scenario: Scenario
    /// Cover groups, as plot indices of ``scenario``.
    let groups: [[Int]]
    /// Candidate kavlings and runs.
    let kavlings: Int
    let runs: Int
    /// Whether the deadline or the interrupt stopped the enumeration (the value is then incomplete).
    let stopped: Bool
    /// The grid the kavlings' cuts were taken on, in modules: 1 when every cut the rules allow is a candidate (the
    /// model is then exact); `g > 1` when there would have been more than ``maxKavlings`` and the cuts were
    /// restricted to every `g`-th module point from each block's start: every layout of the model is then still a
    /// layout of the scenario (verified as any), but its optimum is only the optimum over those cuts, not a bound.
    let grid: Int

    /// The most candidate kavlings before the cuts are restricted to a coarser grid (see ``grid``).
    static let maxKavlings = 1_500

    /// Which candidate kavlings to list: all (the default), or those inside a window of some blocks, and how many
    /// before the cuts are restricted to a coarser grid. The decomposition search (``RawLandSearch``) re-cuts one
    /// window of a block at a time with it, every other kavling fixed as a plot.
    struct Scope: Sendable, Hashable {
        /// The most candidate kavlings before the cuts are restricted to a coarser grid (see ``grid``).
        var maxKavlings = SiteCandidates.maxKavlings
        /// Per raw block id, the part of its frontage whose kavlings are listed (both ends cut points of the block:
        /// the start a multiple of the module, the end one or the block's length); blocks not named are listed
        /// whole.
        var windows: [String: Window] = [:]
        /// Per raw block id, further cut points (module points or the block's length, inside its window) added to
        /// the grid's: the cuts of the plan being improved, so that it stays a point of the model.
        var points: [String: [Double]] = [:]
    }

    /// A part `[start, end]` of a raw block's frontage, metres from the block's start.
    struct Window: Sendable, Hashable {
        var start: Double
        var end: Double
    }

    /// The candidates of `raw`, or `nil` when it has neither raw blocks nor merging.
    ///
    /// A kavling is a candidate when its width is on the block's module and within its cutting rules and some firm
    /// may take it (``Eligibility``): a kavling no firm may take stays empty in every layout, and an empty kavling
    /// adds nothing to a layout but land (which only the land-use rule counts, as an upper bound), so leaving it
    /// uncut loses no layout. A run is a candidate when ``Scenario/mergeableRuns()`` lists it.
    init?(scenario raw: Scenario, deadline: Deadline = .never, interrupt: SolveInterrupt? = nil,
          scope: Scope = Scope()) {
        guard !raw.site.rawBlocks.isEmpty || raw.site.merging != nil else { return nil }
        let eligibility = Eligibility(scenario: raw)
        // The coarsest grid needed: count the cuts the rules allow (widths only, no eligibility) per grid step.
        var grid = 1
        while grid < 64 && Self.cutCount(raw, grid: grid, scope: scope) > scope.maxKavlings { grid += 1 }
        self.grid = grid
        let firms = raw.firms
        var plots = raw.site.plots
        var groups: [[Int]] = []
        var stopped = false
        var kavlings = 0
        var checks = 0
        func timeUp() -> Bool {
            checks &+= 1
            if checks & 1023 == 1 && (deadline.hasPassed || interrupt?.isRequested == true) { stopped = true }
            return stopped
        }
        blocks: for block in raw.site.rawBlocks {
            guard let rules = block.cutting(defaults: raw.site.cutting), rules.module > 0 else { continue }
            // Cut points: every `grid`-th multiple of the module from the block's start, and the block's end (which
            // also counts as a cut when the length is not on the module); cells lie between consecutive points.
            var points = Self.cutPoints(length: block.length, module: rules.module, grid: grid,
                                        window: scope.windows[block.id])
            if let extra = scope.points[block.id], !extra.isEmpty {
                points = (points + extra).sorted()
                points = points.enumerated().filter { $0.offset == 0 || $0.element - points[$0.offset - 1] > 1e-6 }
                    .map(\.element)
            }
            var covering = [[Int]](repeating: [], count: max(0, points.count - 1))
            for i in points.indices {
                for j in (i + 1)..<points.count {
                    if timeUp() { break blocks }
                    let width = points[j] - points[i]
                    if width > rules.maxWidth + 1e-9 { break }
                    guard width >= rules.minWidth - 1e-9 else { continue }
                    let plot = block.plot(of: Kavling(block: block.id, start: points[i], end: points[j]))
                    guard firms.contains(where: { eligibility.mayTake(firm: $0, plot: plot) }) else { continue }
                    for k in i..<j { covering[k].append(plots.count) }
                    plots.append(plot)
                    kavlings += 1
                }
            }
            groups.append(contentsOf: covering.filter { $0.count > 1 })
        }
        var runs = 0
        if !stopped && raw.site.merging != nil {
            var plotIndex: [String: Int] = [:]
            for (i, p) in raw.site.plots.enumerated() where plotIndex[p.id] == nil { plotIndex[p.id] = i }
            var runsOfPlot: [Int: [Int]] = [:]
            for run in Self.mergeableRuns(raw) {
                if timeUp() { break }
                // The run's plot exactly as the effective scenario makes it (appended after the remaining plots).
                guard let plot = raw.applying([.merged(run)]).site.plots.last, plot.derived == .merged(run),
                      firms.contains(where: { eligibility.mayTake(firm: $0, plot: plot) }) else { continue }
                for id in run.plots { if let p = plotIndex[id] { runsOfPlot[p, default: []].append(plots.count) } }
                plots.append(plot)
                runs += 1
            }
            for (p, members) in runsOfPlot.sorted(by: { $0.key < $1.key }) { groups.append([p] + members) }
        }
        var scenario = raw
        scenario.site.plots = plots
        self.scenario = scenario
        self.groups = groups
        self.kavlings = kavlings
        self.runs = runs
        self.stopped = stopped
    }

    /// The cut points of a block of `length` m: `0, g·m, 2g·m, …` up to the length, and the length itself; with a
    /// `window`, `a, a + g·m, …` up to its end `b`, and `b` itself (empty when the window is empty).
    static func cutPoints(length: Double, module m: Double, grid g: Int, window: Window? = nil) -> [Double] {
        let first = window.map { Int(($0.start / m).rounded()) } ?? 0
        let end = min(length, window?.end ?? length)
        let cells = Int((end / m + 1e-9).rounded(.down))
        guard first <= cells else { return [] }
        var points = Swift.stride(from: first, through: cells, by: g).map { Double($0) * m }
        if end - points.last! > 1e-6 { points.append(end) }
        return points
    }

    /// The number of kavlings the cutting rules allow with cuts every `grid` modules (within `scope`'s windows)
    /// whose area some firm's range admits (no other eligibility test; firms promised a plot of the scenario's own
    /// are left out, as they take no kavling).
    static func cutCount(_ scenario: Scenario, grid: Int, scope: Scope = Scope()) -> Int {
        let plotIDs = Set(scenario.site.plots.map(\.id))
        let areas = scenario.firms.filter { f in f.lock?.plot.map { !plotIDs.contains($0) } ?? true }.map(\.area)
        var n = 0
        for block in scenario.site.rawBlocks {
            guard let rules = block.cutting(defaults: scenario.site.cutting), rules.module > 0 else { continue }
            let points = cutPoints(length: block.length, module: rules.module, grid: grid,
                                   window: scope.windows[block.id])
            for i in points.indices {
                for j in (i + 1)..<points.count {
                    let width = points[j] - points[i]
                    if width > rules.maxWidth + 1e-9 { break }
                    let area = width * block.depth
                    guard width >= rules.minWidth - 1e-9,
                          areas.contains(where: { $0.min <= area + 1e-9 && area <= $0.max + 1e-9 })
                    else { continue }
                    n += 1
                }
            }
        }
        return n
    }

    /// Every run of 2…k pre-cut plots that may be merged (`site.merging.max_plots` = k): each mergeable, each beside
    /// the next (``Plot/isBeside(_:)``), all in one power block, in order along the frontage (each run once).
    static func mergeableRuns(_ scenario: Scenario) -> [MergedRun] {
        guard let k = scenario.site.merging?.maxPlots, k >= 2 else { return [] }
        let plots = scenario.site.plots
        // The plot beside each one further along its frontage (rotation's direction).
        var next = [Int?](repeating: nil, count: plots.count)
        for p in plots.indices where plots[p].mergeable {
            let a = (plots[p].rotation ?? 0) * .pi / 180
            for q in plots.indices where q != p && plots[q].mergeable && plots[q].powerBlock == plots[p].powerBlock
                && plots[p].isBeside(plots[q]) {
                let along = (plots[q].x - plots[p].x) * cos(a) + (plots[q].y - plots[p].y) * sin(a)
                if along > 0 { next[p] = q }
            }
        }
        var runs: [MergedRun] = []
        for p in plots.indices {
            var members = [p]
            while members.count < k, let q = next[members.last!], !members.contains(q) {
                members.append(q)
                runs.append(MergedRun(plots: members.map { plots[$0].id }))
            }
        }
        return runs
    }
}
