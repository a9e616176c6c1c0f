import Foundation
import MIPModel
import Estate

/// How a raw-land bound (``RawLandBoundResult``) was obtained.
package enum RawLandBoundMethod: String, Sendable, Hashable, Codable {
    /// Lagrangian relaxation over the raw street blocks, each block's cut plan and occupants solved exactly by dynamic
    /// programming over its cut points (`docs/formulation.md`, section 12, "A bound for raw land").
    case streetBlockLagrangian = "street_block_lagrangian"
}

/// A proven upper bound on the best score of any feasible layout of a scenario with raw land, and how it was found.
package struct RawLandBoundResult: Sendable, Hashable {
    /// The bound: no feasible layout (any cut plan, any assignment) scores more.
    package var value: Double
    /// How it was obtained.
    package var method: RawLandBoundMethod
    /// Price updates evaluated (each solves every street block once); at least 1.
    package var iterations: Int
    /// Whether the deadline or the interrupt ended the price updates (the value is still a bound, only less tight).
    package var stopped: Bool
}

/// An upper bound on the optimum of a raw-land scenario without its exact candidate model (which is too large on the
/// bundled expansion): a Lagrangian relaxation whose subproblems are the raw street blocks, each solved exactly along
/// its frontage by dynamic programming over the cut points (`docs/formulation.md`, section 12, "A bound for raw land",
/// proves that every feasible layout scores at most ``RawLandBoundResult/value``).
///
/// Priced (dualised) rows: each firm at most once (`λ_f ≥ 0`), each capacity resource (power blocks, wastewater
/// units; `μ_r ≥ 0`). Relaxed (dropped): quotas, required placement, land use, separation between sites (except that
/// two X-rated sectors are never side by side in a block when every such pair is too close). Closeness: exact with
/// fixed incumbents and, for sector pairs, between kavlings side by side in a block; every other neighbouring pair is
/// split half to each of its two sites and bounded by the best pair value either firm could have, times the most
/// neighbours of that kind a site can have (disjoint kavlings' centroids lie at least the narrowest width apart).
package enum RawLandBound {
    /// The best (smallest) Lagrangian bound found before `deadline`, `interrupt` or `maxIterations` price updates.
    ///
    /// - Parameters:
    ///   - target: the score of a known layout, if any (Polyak steps aim at it); `nil`: a target below the bound.
    /// - Returns: `nil` when the scenario's neighbour rule is not the centroid rule (the counting argument needs it),
    ///   or when the deadline or the interrupt came before one evaluation was complete.
    package static func upperBound(
        _ scenario: Scenario, deadline: Deadline = .never, interrupt: SolveInterrupt? = nil, target: Double? = nil,
        maxIterations: Int = 100_000
    ) -> RawLandBoundResult? {
        func stop() -> Bool { deadline.hasPassed || interrupt?.isRequested == true }
        guard let relaxation = RawLandRelaxation(scenario, stop: stop) else { return nil }
        return relaxation.minimise(target: target, maxIterations: max(1, maxIterations), stop: stop)
    }
}

/// The relaxation of ``RawLandBound``: sites (candidate kavlings per block, free pre-cut plots, candidate runs), the
/// eligible firms of each with the price-free part of their value, and the capacity resources.
struct RawLandRelaxation {
    /// A raw block's candidate kavlings, by cut-point indices.
    struct Block {
        var points: [Double]
        /// Per kavling: start and end cut-point indices, and its site index.
        var kavlings: [(start: Int, end: Int, site: Int)]
        /// Kavlings ending at each cut point (indices into ``kavlings``).
        var endingAt: [[Int]]
        /// Per sector pair `s * S + t`: whether `t` may follow `s` side by side (not an X pair that is always too
        /// close).
        var allowed: [Bool]
    }

    /// Objective constant: fixed incumbents' placement and their closeness among themselves.
    let constant: Double
    let firmCount: Int
    let sectorOf: [Int]
    let sectorCount: Int
    /// Sector-pair weights, `s * S + t`.
    let sectorWeight: [Double]
    /// Per site: its eligible firms and the price-free value of each there (CSR: `siteStart[i]..<siteStart[i+1]`).
    let siteStart: [Int]
    let siteFirm: [Int32]
    let siteValue: [Double]
    /// Per site: its resource signature (index into ``signatures``).
    let siteSignature: [Int]
    /// Distinct sets of resources a site belongs to.
    let signatures: [[Int]]
    /// Per resource: room left beside the fixed incumbents, and each firm's use.
    let room: [Double]
    let use: [[Double]]
    let blocks: [Block]
    /// Sites that are not kavlings (free pre-cut plots, candidate runs): each solved on its own.
    let singles: [Int]

    init?(_ scenario: Scenario, stop: () -> Bool) {
        let rules = scenario.rules
        guard rules.geometry.neighbours == .centroid else { return nil }
        let firms = scenario.firms
        let lookup = ClosenessLookup(chart: scenario.closeness)
        let weights = rules.ratingWeights
        let adjacency = rules.adjacencyDistance + SiteGeometry.tolerance + 1e-9
        let eligibility = Eligibility(scenario: scenario)
        let placement = firms.map { rules.placementValue.value(of: $0) }
        let penalty = rules.incumbents.movePenalty
        let plots = scenario.site.plots

        // Fixed incumbents, as the formulation resolves them (a conflict makes the scenario infeasible: any value
        // bounds it).
        var fixedPlot: [Int: Int] = [:], fixedFirm: [Int: Int] = [:]
        if case .fixed = rules.incumbents {
            var index: [String: Int] = [:]
            for (i, p) in plots.enumerated() where index[p.id] == nil { index[p.id] = i }
            for (f, firm) in firms.enumerated() {
                guard let own = firm.incumbentPlot, let p = index[own], fixedFirm[p] == nil else { continue }
                fixedPlot[f] = p
                fixedFirm[p] = f
            }
        }
        let movable = firms.indices.filter { fixedPlot[$0] == nil }
        func pairValue(_ f: Int, _ g: Int) -> Double {
            weights.weight(lookup.sectorRating(firms[f].sector, firms[g].sector)?.rating)
                + weights.weight(lookup.firmRating(firms[f].id, firms[g].id)?.rating)
        }
        func firmWeight(_ f: Int, _ g: Int) -> Double { weights.weight(lookup.firmRating(firms[f].id, firms[g].id)?.rating) }

        // The constant: fixed incumbents' placement and closeness among themselves.
        var constant = 0.0
        let fixed = fixedPlot.sorted { $0.key < $1.key }
        for (f, _) in fixed { constant += placement[f] }
        if fixed.count > 1 {
            let geometry = SiteGeometry(scenario: scenario)
            for (i, (f, p)) in fixed.enumerated() {
                for (g, q) in fixed[(i + 1)...] where geometry.areNeighbours(p, q) { constant += pairValue(f, g) }
            }
        }
        self.constant = constant
        firmCount = firms.count

        // Best pair values a movable firm can have with another movable firm (clipped at 0: a neighbour may be empty).
        var best = [Double](repeating: 0, count: firms.count), bestFirm = best
        for f in movable {
            for g in movable where g != f {
                best[f] = max(best[f], pairValue(f, g))
                bestFirm[f] = max(bestFirm[f], firmWeight(f, g))
            }
        }

        // Sectors of the movable firms.
        var sectorIndex: [String: Int] = [:]
        var sectorIDs: [String] = []
        var sectorOf = [Int](repeating: -1, count: firms.count)
        for f in movable {
            let s = firms[f].sector
            if sectorIndex[s] == nil { sectorIndex[s] = sectorIDs.count; sectorIDs.append(s) }
            sectorOf[f] = sectorIndex[s]!
        }
        let sectors = sectorIDs.count
        var sectorWeight = [Double](repeating: 0, count: sectors * sectors)
        var sectorX = [Bool](repeating: false, count: sectors * sectors)
        for s in 0..<sectors {
            for t in 0..<sectors {
                let r = lookup.sectorRating(sectorIDs[s], sectorIDs[t])?.rating
                sectorWeight[s * sectors + t] = weights.weight(r)
                sectorX[s * sectors + t] = r == .x
            }
        }
        self.sectorOf = sectorOf
        sectorCount = sectors
        self.sectorWeight = sectorWeight

        // Sites: candidate kavlings per block, then free pre-cut plots, then candidate runs (as SiteCandidates makes
        // them, with every cut on the module: no restriction).
        var sitePlots: [Plot] = []
        var blockOfKavlings: [(block: RawBlock, rules: CuttingRules, points: [Double], kavlings: [(Int, Int, Int)])] = []
        var eligible: [[Int]] = []
        for block in scenario.site.rawBlocks {
            guard let cut = block.cutting(defaults: scenario.site.cutting), cut.module > 0 else { continue }
            let points = SiteCandidates.cutPoints(length: block.length, module: cut.module, grid: 1)
            var kavlings: [(Int, Int, Int)] = []
            for i in points.indices {
                if stop() { return nil }
                for j in (i + 1)..<points.count {
                    let width = points[j] - points[i]
                    if width > cut.maxWidth + 1e-9 { break }
                    guard width >= cut.minWidth - 1e-9 else { continue }
                    let plot = block.plot(of: Kavling(block: block.id, start: points[i], end: points[j]))
                    let who = movable.filter { eligibility.mayTake(firm: firms[$0], plot: plot) }
                    guard !who.isEmpty else { continue }
                    kavlings.append((i, j, sitePlots.count))
                    sitePlots.append(plot)
                    eligible.append(who)
                }
            }
            blockOfKavlings.append((block, cut, points, kavlings))
        }
        var singles: [Int] = []
        var freePlots: [Int] = []  // indices in `plots` of pre-cut plots no fixed incumbent holds
        for (p, plot) in plots.enumerated() where fixedFirm[p] == nil {
            freePlots.append(p)
            let who = movable.filter { eligibility.mayTake(firm: firms[$0], plot: plot) }
            guard !who.isEmpty else { continue }
            singles.append(sitePlots.count)
            sitePlots.append(plot)
            eligible.append(who)
        }
        if scenario.site.merging != nil {
            let fixedIDs = Set(fixedFirm.keys.map { plots[$0].id })
            for run in SiteCandidates.mergeableRuns(scenario) where !run.plots.contains(where: fixedIDs.contains) {
                if stop() { return nil }
                guard let plot = scenario.applying([.merged(run)]).site.plots.last, plot.derived == .merged(run)
                else { continue }
                let who = movable.filter { eligibility.mayTake(firm: firms[$0], plot: plot) }
                guard !who.isEmpty else { continue }
                singles.append(sitePlots.count)
                sitePlots.append(plot)
                eligible.append(who)
            }
        }
        self.singles = singles

        // Capacity resources over the sites (their membership is the effective scenario's), room beside the fixed
        // incumbents.
        var probe = scenario
        probe.site.plots = sitePlots + fixed.map { plots[$0.value] }
        var room: [Double] = [], use: [[Double]] = []
        var member = [[Int]](repeating: [], count: sitePlots.count)
        for rule in RuleKind.capacityRules {
            for resource in rule.resources(in: probe) {
                var left = resource.capacity
                let r = room.count
                for p in resource.plots {
                    if p < sitePlots.count { member[p].append(r) } else { left -= resource.use[fixed[p - sitePlots.count].key] }
                }
                room.append(left)
                use.append(resource.use)
            }
        }
        self.room = room
        self.use = use
        var signatureIndex: [[Int]: Int] = [:]
        var signatures: [[Int]] = []
        var siteSignature: [Int] = []
        for m in member {
            if signatureIndex[m] == nil { signatureIndex[m] = signatures.count; signatures.append(m) }
            siteSignature.append(signatureIndex[m]!)
        }
        self.signatures = signatures
        self.siteSignature = siteSignature

        // Neighbour counts. Along a block's middle line, disjoint kavlings at least `wmin` wide have centroids at
        // least `wmin` apart: at most floor(len / wmin) + 1 of them in a stretch of length `len`.
        let minWidth: [Double] = blockOfKavlings.map { b in
            b.kavlings.map { b.points[$0.1] - b.points[$0.0] }.min() ?? .infinity
        }
        func fit(_ lo: Double, _ hi: Double, _ w: Double) -> Int {
            guard w.isFinite, hi >= lo - 1e-9 else { return 0 }
            return Int(((hi - lo) / w + 1e-9).rounded(.down)) + 1
        }
        /// How many occupied kavlings of block `k` can have their centroid within the adjacency distance of `c`.
        func kavlingsNear(_ c: (x: Double, y: Double), block k: Int) -> Int {
            let b = blockOfKavlings[k]
            let w = minWidth[k]
            guard w.isFinite else { return 0 }
            let o = b.block.point(along: 0, inward: b.block.depth / 2)
            let e = b.block.point(along: 1, inward: b.block.depth / 2)
            let (ux, uy) = (e.x - o.x, e.y - o.y)
            let (dx, dy) = (c.x - o.x, c.y - o.y)
            let along = dx * ux + dy * uy
            let off2 = max(0, dx * dx + dy * dy - along * along)
            let r2 = adjacency * adjacency - off2
            guard r2 >= 0 else { return 0 }
            let half = r2.squareRoot()
            return fit(max(along - half, w / 2), min(along + half, b.block.length - w / 2), w)
        }
        func partsOf(_ p: Plot) -> [Plot] { p.parts.isEmpty ? [p] : p.parts }
        /// The centroid neighbour rule, without building part lists for two plain plots.
        func neighbours(_ a: Plot, _ b: Plot) -> Bool {
            guard a.parts.isEmpty && b.parts.isEmpty else {
                return SiteGeometry.centroidNeighbours(a, b, within: rules.adjacencyDistance)
            }
            return a.distance(to: b) <= rules.adjacencyDistance + SiteGeometry.tolerance
        }
        let fixedPlots = fixed.map { (firm: $0.key, plot: plots[$0.value]) }

        // Values: placement − relocation + closeness with fixed incumbents (exact) + the half shares of the others.
        var siteStart = [0], siteFirm: [Int32] = [], siteValue: [Double] = []
        var kavlingOf = [(block: Int, start: Int, end: Int)?](repeating: nil, count: sitePlots.count)
        for (k, b) in blockOfKavlings.enumerated() { for kv in b.kavlings { kavlingOf[kv.2] = (k, kv.0, kv.1) } }
        for (i, plot) in sitePlots.enumerated() {
            if i & 1023 == 0 && stop() { return nil }
            // Other occupied sites that may neighbour this one, besides kavlings side by side in its block.
            var others = 0
            let own = Set(partsOf(plot).map(\.id))
            for q in freePlots where !own.contains(plots[q].id) && neighbours(plot, plots[q]) { others += 1 }
            for k in blockOfKavlings.indices where kavlingOf[i]?.block != k {
                for part in partsOf(plot) { others += kavlingsNear((part.x, part.y), block: k) }
            }
            // In its own block: non-adjacent kavlings on each side, without (`free`) or beside (`taken`) a kavling
            // that touches it.
            var sides: [(free: Int, taken: Int)] = []
            if let kv = kavlingOf[i] {
                let b = blockOfKavlings[kv.block]
                let w = minWidth[kv.block]
                let (a, e) = (b.points[kv.start], b.points[kv.end])
                let c = (a + e) / 2
                let lo = max(c - adjacency, w / 2), hi = min(c + adjacency, b.block.length - w / 2)
                sides = [(fit(lo, a - w / 2, w), fit(lo, a - 1.5 * w, w)),
                         (fit(e + w / 2, hi, w), fit(e + 1.5 * w, hi, w))]
            }
            let near = fixedPlots.filter { neighbours(plot, $0.plot) }
            for f in eligible[i] {
                var v = placement[f]
                if let own = firms[f].incumbentPlot, own != plot.id { v -= penalty }
                for h in near { v += pairValue(f, h.firm) }
                v += 0.5 * best[f] * Double(others)
                for side in sides {
                    v += max(0.5 * best[f] * Double(side.free), 0.5 * bestFirm[f] + 0.5 * best[f] * Double(side.taken))
                }
                // Firms too hungry for what a resource has left beside the fixed incumbents never sit here.
                guard member[i].allSatisfy({ use[$0][f] <= room[$0] + 1e-9 }) else { continue }
                siteFirm.append(Int32(f))
                siteValue.append(v)
            }
            siteStart.append(siteFirm.count)
        }
        self.siteStart = siteStart
        self.siteFirm = siteFirm
        self.siteValue = siteValue

        blocks = blockOfKavlings.map { b in
            var endingAt = [[Int]](repeating: [], count: b.points.count)
            let kavlings = b.kavlings.map { (start: $0.0, end: $0.1, site: $0.2) }
            for (n, kv) in kavlings.enumerated() { endingAt[kv.end].append(n) }
            let widest = kavlings.map { b.points[$0.end] - b.points[$0.start] }.max() ?? 0
            // Two kavlings side by side: centroids (w₁ + w₂)/2 apart, outlines touching.
            let alwaysTooClose = switch rules.geometry.separation {
            case .centroid: widest < rules.separationDistance - SiteGeometry.tolerance
            case .polygon: rules.separationDistance > SiteGeometry.tolerance
            }
            return Block(points: b.points, kavlings: kavlings, endingAt: endingAt,
                         allowed: sectorX.map { !($0 && alwaysTooClose) })
        }
    }

    /// One evaluation of the Lagrangian function at prices `lambda` (per firm) and `mu` (per resource): its value and
    /// a subgradient (firms: 1 − times used; resources: room − use), or `nil` when `stop` said so midway.
    func evaluate(lambda: [Double], mu: [Double], stop: () -> Bool) -> (value: Double, firmGap: [Double], roomGap: [Double])? {
        var value = constant
        for f in 0..<firmCount { value += lambda[f] }
        for r in room.indices { value += mu[r] * room[r] }
        // Each firm's price at each resource signature.
        let price: [[Double]] = signatures.map { sig in
            (0..<firmCount).map { f in sig.reduce(lambda[f]) { $0 + mu[$1] * use[$1][f] } }
        }
        var used = [Int](repeating: 0, count: firmCount)
        var roomGap = room
        func take(_ site: Int, _ f: Int) {
            used[f] += 1
            for r in signatures[siteSignature[site]] { roomGap[r] -= use[r][f] }
        }
        for site in singles {
            let cost = price[siteSignature[site]]
            var bestValue = 0.0, bestFirm = -1
            for n in siteStart[site]..<siteStart[site + 1] {
                let f = Int(siteFirm[n])
                let v = siteValue[n] - cost[f]
                if v > bestValue { bestValue = v; bestFirm = f }
            }
            value += bestValue
            if bestFirm >= 0 { take(site, bestFirm) }
        }
        let S = sectorCount
        for block in blocks {
            if stop() { return nil }
            let n = block.points.count
            // Per kavling and sector: the best firm and its priced value.
            var kavValue = [Double](repeating: -.infinity, count: block.kavlings.count * S)
            var kavFirm = [Int](repeating: -1, count: block.kavlings.count * S)
            for (k, kv) in block.kavlings.enumerated() {
                let cost = price[siteSignature[kv.site]]
                for m in siteStart[kv.site]..<siteStart[kv.site + 1] {
                    let f = Int(siteFirm[m])
                    let v = siteValue[m] - cost[f]
                    let slot = k * S + sectorOf[f]
                    if v > kavValue[slot] { kavValue[slot] = v; kavFirm[slot] = f }
                }
            }
            // E[j·S + t]: best plan on [0, p_j) whose last kavling ends at p_j with sector t; G[j]: best plan on
            // [0, p_j); C[j·S + t]: best value before a kavling of sector t starting at p_j beside the last one.
            var E = [Double](repeating: -.infinity, count: n * S)
            var eKav = [Int](repeating: -1, count: n * S)
            var eFromSector = [Int](repeating: -1, count: n * S)  // -1: after a gap (from G), else the sector before
            var C = [Double](repeating: -.infinity, count: n * S)
            var cSector = [Int](repeating: -1, count: n * S)
            var G = [Double](repeating: 0, count: n)
            var gFrom = [Int](repeating: -1, count: n)  // -1: G[j-1] (or empty), else the sector of E[j]
            for j in 0..<n {
                for k in block.endingAt[j] {
                    let i = block.kavlings[k].start
                    let gap = i == 0 ? 0 : G[i - 1]
                    for t in 0..<S {
                        let v = kavValue[k * S + t]
                        guard v > -.infinity else { continue }
                        var before = gap, from = -1
                        if C[i * S + t] > before { before = C[i * S + t]; from = cSector[i * S + t] }
                        if before + v > E[j * S + t] {
                            E[j * S + t] = before + v
                            eKav[j * S + t] = k
                            eFromSector[j * S + t] = from
                        }
                    }
                }
                G[j] = j == 0 ? 0 : G[j - 1]
                for t in 0..<S where E[j * S + t] > G[j] {
                    G[j] = E[j * S + t]
                    gFrom[j] = t
                }
                for t in 0..<S {
                    for s in 0..<S where block.allowed[s * S + t] && E[j * S + s] > -.infinity {
                        let v = E[j * S + s] + sectorWeight[s * S + t]
                        if v > C[j * S + t] { C[j * S + t] = v; cSector[j * S + t] = s }
                    }
                }
            }
            guard n > 0 else { continue }
            value += G[n - 1]
            // The plan behind G[n-1].
            var j = n - 1
            var sector: Int? = nil
            while j >= 0 {
                let t: Int
                if let s = sector {
                    t = s
                } else {
                    guard gFrom[j] >= 0 else { j -= 1; continue }
                    t = gFrom[j]
                }
                let k = eKav[j * S + t]
                let kv = block.kavlings[k]
                take(kv.site, kavFirm[k * S + t])
                let from = eFromSector[j * S + t]
                if from >= 0 {
                    sector = from
                    j = kv.start
                } else {
                    sector = nil
                    j = kv.start - 1
                }
            }
        }
        return (value, used.map { 1 - Double($0) }, roomGap)
    }

    /// Projected subgradient descent on the prices, from zero: the smallest value evaluated.
    func minimise(target: Double?, maxIterations: Int, stop: () -> Bool) -> RawLandBoundResult? {
        var lambda = [Double](repeating: 0, count: firmCount)
        var mu = [Double](repeating: 0, count: room.count)
        // Resource rows are scaled to about one unit so that one step suits firms and resources alike.
        let scale = room.indices.map { r in max(1, room[r], use[r].max() ?? 0) }
        var bestValue = Double.infinity
        var iterations = 0, sinceBetter = 0
        // Polyak steps towards a level `spread` below the best value (or towards `target`); the level rises (the
        // spread halves) after 5 evaluations without a better bound.
        var spread = 0.0
        var stopped = false
        while iterations < maxIterations {
            if stop() { stopped = true; break }
            guard let (value, firmGap, roomGap) = evaluate(lambda: lambda, mu: mu, stop: stop) else {
                stopped = true
                break
            }
            iterations += 1
            if iterations == 1 { spread = 0.25 * max(1, abs(value)) }
            if value < bestValue - 1e-9 {
                bestValue = value
                sinceBetter = 0
            } else {
                sinceBetter += 1
                if sinceBetter >= 5 { spread /= 2; sinceBetter = 0 }
            }
            if spread < 1e-6 * max(1, abs(bestValue)) { break }
            // The subgradient (only the components that move the projected point).
            var norm = 0.0
            for f in 0..<firmCount where lambda[f] > 0 || firmGap[f] < 0 { norm += firmGap[f] * firmGap[f] }
            for r in room.indices {
                let g = roomGap[r] / scale[r]
                if mu[r] > 0 || g < 0 { norm += g * g }
            }
            guard norm > 1e-12 else { break }  // the relaxed optimum satisfies every priced row: L is optimal
            let aim = max(target ?? -.infinity, bestValue - spread)
            let step = max(value - aim, 1e-6 * max(1, abs(value))) / norm
            for f in 0..<firmCount { lambda[f] = max(0, lambda[f] - step * firmGap[f]) }
            for r in room.indices { mu[r] = max(0, mu[r] - step * roomGap[r] / scale[r] / scale[r]) }
        }
        guard bestValue.isFinite else { return nil }
        return RawLandBoundResult(value: bestValue, method: .streetBlockLagrangian, iterations: iterations,
                                  stopped: stopped)
    }
}

/// Runs ``RawLandBound`` on a thread of its own while the ``Allocator``'s search and GLPK solve a model restricted to
/// a coarser grid of cuts, whose own bounds say nothing of the scenario (pure Swift: no GLPK on this thread).
final class RawLandBoundWorker: @unchecked Sendable {
    private let lock = NSLock()
    private var result: RawLandBoundResult?
    private let stop: SolveInterrupt
    private let done = DispatchSemaphore(value: 0)

    /// Starts at once.
    ///
    /// - Parameters:
    ///   - deadline: when it must stop (the run's solve deadline).
    ///   - interrupt: the whole run's stop; ``finish()`` also stops it.
    init(scenario: Scenario, deadline: Deadline, interrupt: SolveInterrupt?) {
        stop = SolveInterrupt(linkedTo: interrupt)
        let stop = self.stop
        let thread = Thread { [self] in
            let found = RawLandBound.upperBound(scenario, deadline: deadline, interrupt: stop)
            self.lock.lock()
            self.result = found
            self.lock.unlock()
            self.done.signal()
        }
        thread.start()
    }

    /// Stops the worker (at its next block) and waits for it: the best bound it proved, if any.
    func finish() -> RawLandBoundResult? {
        stop.request()
        done.wait()
        done.signal()
        lock.lock()
        defer { lock.unlock() }
        return result
    }
}
