import PlotAllocSupport
import Estate

/// Chooses the regions (sets of plots) that ``LayoutSearch`` frees, and the assignment variables a region frees.
///
/// Three kinds, chosen at random: whole power blocks (in this estate a power block is a street block, whose
/// neighbour, power and most separation interactions are internal) grown from a random plot's block to the nearest
/// blocks; the plots nearest a random plot; and plots drawn uniformly from the whole site (so that distant firms can
/// trade places). Only plots with a movable assignment variable are ever chosen. Deterministic for a given random
/// generator state.
struct RegionMaker {
    /// A movable (not fixed) assignment variable.
    struct Pair {
        let firm: Int
        let plot: Int
        let variable: Int
    }

    let firmCount: Int
    let plotCount: Int
    /// Every movable assignment variable.
    let movablePairs: [Pair]
    /// Movable pairs by plot.
    let pairsOfPlot: [[Pair]]
    /// Plots with at least one movable pair.
    let movablePlots: [Int]
    /// Every assignment variable (fixed ones too): firm, plot, variable index.
    let allPairs: [(firm: Int, plot: Int, variable: Int)]
    /// Per movable plot: the other movable plots by distance.
    let nearestPlots: [[Int]]
    /// Power block index of each plot (−1 unknown).
    let blockOf: [Int]
    /// Movable plots of each block.
    let plotsOfBlock: [[Int]]
    /// Per block: the blocks by centroid distance (itself first).
    let nearestBlocks: [[Int]]

    init(scenario: Scenario, model: AllocationModel) {
        let plots = scenario.site.plots
        firmCount = scenario.firms.count
        plotCount = plots.count
        var movable: [Pair] = []
        var byPlot = [[Pair]](repeating: [], count: plots.count)
        var all: [(firm: Int, plot: Int, variable: Int)] = []
        for a in model.assignmentVariables {
            all.append((a.firm, a.plot, a.variable.index))
            guard !a.isFixed else { continue }
            let pair = Pair(firm: a.firm, plot: a.plot, variable: a.variable.index)
            movable.append(pair)
            byPlot[a.plot].append(pair)
        }
        movablePairs = movable
        pairsOfPlot = byPlot
        allPairs = all
        let movablePlots = plots.indices.filter { !byPlot[$0].isEmpty }
        self.movablePlots = movablePlots
        // Each distance computed once, not at every comparison of the sort (a quarter of a 10 s run at 1,600 firms).
        nearestPlots = plots.indices.map { p in
            movablePlots.filter { $0 != p }.map { (plots[p].distance(to: plots[$0]), $0) }.sorted { $0 < $1 }
                .map(\.1)
        }
        var blockIndex: [String: Int] = [:]
        for (i, b) in scenario.site.powerBlocks.enumerated() where blockIndex[b.id] == nil { blockIndex[b.id] = i }
        let blockOf = plots.map { blockIndex[$0.powerBlock] ?? -1 }
        self.blockOf = blockOf
        let blockCount = scenario.site.powerBlocks.count
        var members = [[Int]](repeating: [], count: blockCount)
        for p in movablePlots where blockOf[p] >= 0 { members[blockOf[p]].append(p) }
        plotsOfBlock = members
        var centre = [(x: Double, y: Double)](repeating: (0, 0), count: blockCount)
        var counts = [Int](repeating: 0, count: blockCount)
        for (p, plot) in plots.enumerated() where blockOf[p] >= 0 {
            centre[blockOf[p]].x += plot.x
            centre[blockOf[p]].y += plot.y
            counts[blockOf[p]] += 1
        }
        for b in 0..<blockCount where counts[b] > 0 {
            centre[b] = (centre[b].x / Double(counts[b]), centre[b].y / Double(counts[b]))
        }
        nearestBlocks = (0..<blockCount).map { b in
            (0..<blockCount).filter { !members[$0].isEmpty }.sorted {
                let da = (centre[$0].x - centre[b].x) * (centre[$0].x - centre[b].x)
                    + (centre[$0].y - centre[b].y) * (centre[$0].y - centre[b].y)
                let db = (centre[$1].x - centre[b].x) * (centre[$1].x - centre[b].x)
                    + (centre[$1].y - centre[b].y) * (centre[$1].y - centre[b].y)
                return (da, $0) < (db, $1)
            }
        }
    }

    /// The plot of each firm in a solution vector (−1 unplaced).
    func plotOf(_ vector: [Double]) -> [Int] {
        var out = [Int](repeating: -1, count: firmCount)
        for a in allPairs where vector[a.variable] > 0.5 { out[a.firm] = a.plot }
        return out
    }

    /// A region of about `size` movable plots (all of them when `size` reaches their number).
    func region(size: Int, plotOf: [Int], rng: inout SeededGenerator) -> [Int] {
        guard size < movablePlots.count else { return movablePlots }
        let seed = movablePlots[Int(rng.next() % UInt64(movablePlots.count))]
        let kind = rng.next() % 10
        if kind < 5, blockOf[seed] >= 0 {
            // Whole blocks, nearest first; each further block is skipped now and then for variety.
            var out: [Int] = []
            for (i, b) in nearestBlocks[blockOf[seed]].enumerated() {
                if i > 0 && rng.next() % 3 == 0 { continue }
                out += plotsOfBlock[b]
                if out.count >= size { break }
            }
            return out.sorted()
        }
        if kind < 8 {
            return ([seed] + nearestPlots[seed].prefix(size - 1)).sorted()
        }
        // Uniform sample.
        var pool = movablePlots
        var out: [Int] = []
        while out.count < size && !pool.isEmpty {
            let i = Int(rng.next() % UInt64(pool.count))
            out.append(pool.remove(at: i))
        }
        return out.sorted()
    }

    /// The variables a region frees: `x[f,p]` for its plots `p` and every firm `f` that sits on one of them, and
    /// for unplaced firms the `outsiders` pairs per plot with the largest objective coefficient (`nil`: all) and
    /// `randomOutsiders` more drawn at random, in increasing index order.
    func freeVariables(
        region: [Int], plotOf: [Int], objective: [Double], outsiders: Int?, randomOutsiders: Int,
        rng: inout SeededGenerator
    ) -> [Int] {
        var inRegion = [Bool](repeating: false, count: plotCount)
        for p in region { inRegion[p] = true }
        var out: [Int] = []
        for p in region {
            var unplaced: [Pair] = []
            for pair in pairsOfPlot[p] {
                let q = plotOf[pair.firm]
                if q < 0 {
                    unplaced.append(pair)
                } else if inRegion[q] {
                    out.append(pair.variable)
                }
            }
            if let k = outsiders, unplaced.count > k {
                unplaced.sort { (objective[$0.variable], -$0.variable) > (objective[$1.variable], -$1.variable) }
                var rest = Array(unplaced[k...])
                unplaced.removeLast(unplaced.count - k)
                for _ in 0..<min(randomOutsiders, rest.count) {
                    unplaced.append(rest.remove(at: Int(rng.next() % UInt64(rest.count))))
                }
            }
            out += unplaced.map(\.variable)
        }
        return out.sorted()
    }
}
