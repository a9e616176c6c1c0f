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
        maxIterations: Int = 100_000, progress: ((RawLandBoundResult) -> Void)? = nil
    ) -> RawLandBoundResult? {
        func stop() -> Bool { deadline.hasPassed || interrupt?.isRequested == true }
        guard let relaxation = RawLandRelaxation(scenario, stop: stop) else { return nil }
        return relaxation.minimise(target: target, maxIterations: max(1, maxIterations), stop: stop, progress: progress)
    }
}

/// The relaxation of ``RawLandBound``: sites (candidate kavlings per block, free pre-cut plots, candidate runs), the
/// eligible firms of each with the price-free part of their value, the closeness claims each site may make, the
/// capacity resources and the quota rows.
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

    /// A priced row `Σ_f coefficient[f] · placed_f ≥ rhs` over the movable firms (a quota).
    struct Row {
        var coefficient: [Double]
        var rhs: Double
    }

    /// The multipliers: `lambda` per firm (each firm at most once; free for a firm that must be placed), `mu` per
    /// capacity resource, `eta` per quota row, `nu` per ordered group pair and sector pair of the closeness claims
    /// (antisymmetric), `phi` per firm and positive firm-pair partner (antisymmetric).
    struct Prices {
        var lambda: [Double]
        var mu: [Double]
        var eta: [Double]
        var nu: [Double]
        var phi: [[Double]]
    }

    /// A subgradient of `L` at some prices (the direction in which `L` grows), component by component: one value per
    /// multiplier, so the same shape as ``Prices``.
    typealias Gradient = Prices

    /// Objective constant: fixed incumbents' placement and their closeness among themselves.
    let constant: Double
    let firmCount: Int
    let sectorOf: [Int]
    let sectorCount: Int
    /// Sector-pair weights, `s * S + t`.
    let sectorWeight: [Double]
    /// Per site: its eligible firms and the price-free, claim-free value of each there (CSR:
    /// `siteStart[i]..<siteStart[i+1]`).
    let siteStart: [Int]
    let siteFirm: [Int32]
    let siteValue: [Double]
    /// Per site: its group (raw block index; `groupCount - 1`: the pre-cut sites).
    let siteGroup: [Int]
    /// Per site: the groups of the other sites it may neighbour besides the kavlings beside it in its block, and at
    /// most how many of each (CSR: `slotStart[i]..<slotStart[i+1]`).
    let slotStart: [Int]
    let slotGroup: [Int]
    let slotCount: [Double]
    /// Per site: at most how many occupied sites may neighbour it, of any kind.
    let neighbourLimit: [Int]
    /// Per kavling: at most how many kavlings of its own block, not touching it, may neighbour it on its left side
    /// when none touches it there (`left`) or when one does (`leftTaken`), and on its right side likewise (zeros for
    /// the other sites).
    let sideCounts: [(left: Double, leftTaken: Double, right: Double, rightTaken: Double)]
    let groupCount: Int
    /// Per group: the sectors of the firms that may occupy one of its sites.
    let groupSectors: [[Int]]
    /// Per movable firm: its movable partners with a positive firm-pair weight, and for each the index of the firm
    /// in the partner's own list.
    let partners: [[(firm: Int, weight: Double, back: Int)]]
    /// Per firm: whether every layout places it (its "at most once" row is an equality).
    let mustPlace: [Bool]
    let quotas: [Row]
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
        mustPlace = firms.indices.map { fixedPlot[$0] == nil && firms[$0].mustBePlaced }

        // Firm-pair partners among the movable firms (positive weights only: a claim may always be left unmade).
        var partners = [[(firm: Int, weight: Double, back: Int)]](repeating: [], count: firms.count)
        for (n, f) in movable.enumerated() {
            for g in movable[(n + 1)...] {
                let w = firmWeight(f, g)
                guard w > 0 else { continue }
                partners[f].append((g, w, partners[g].count))
                partners[g].append((f, w, partners[f].count - 1))
            }
        }
        self.partners = partners

        // Quota rows over the movable firms, as the formulation writes them (fixed incumbents on the right side).
        var quotas: [Row] = []
        for quota in rules.quotas {
            var fixedInGroup = 0.0, fixedFirms = 0.0
            for (f, _) in fixed where firms[f].kind == .firm {
                fixedFirms += 1
                if quota.counts(firms[f]) { fixedInGroup += 1 }
            }
            if let minCount = quota.minCount, Double(minCount) - fixedInGroup > 0 {
                quotas.append(Row(coefficient: firms.indices.map { fixedPlot[$0] == nil && quota.counts(firms[$0]) ? 1 : 0 },
                                  rhs: Double(minCount) - fixedInGroup))
            }
            if let share = quota.minShare, share > 0 {
                quotas.append(Row(coefficient: firms.indices.map { f in
                    fixedPlot[f] == nil && firms[f].kind == .firm ? (quota.counts(firms[f]) ? 1 : 0) - share : 0
                }, rhs: share * fixedFirms - fixedInGroup))
            }
        }
        self.quotas = quotas

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
        var siteGroup: [Int] = []
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
                    siteGroup.append(blockOfKavlings.count)
                    eligible.append(who)
                }
            }
            blockOfKavlings.append((block, cut, points, kavlings))
        }
        let precutGroup = blockOfKavlings.count
        groupCount = precutGroup + 1
        var singles: [Int] = []
        var freePlots: [Int] = []  // indices in `plots` of pre-cut plots no fixed incumbent holds
        // A site that is not a kavling (a free pre-cut plot, a candidate run), if some movable firm may take it.
        func addSingle(_ plot: Plot) {
            let who = movable.filter { eligibility.mayTake(firm: firms[$0], plot: plot) }
            guard !who.isEmpty else { return }
            singles.append(sitePlots.count)
            sitePlots.append(plot)
            siteGroup.append(precutGroup)
            eligible.append(who)
        }
        for (p, plot) in plots.enumerated() where fixedFirm[p] == nil {
            freePlots.append(p)
            addSingle(plot)
        }
        if scenario.site.merging != nil {
            let fixedIDs = Set(fixedFirm.keys.map { plots[$0].id })
            for run in SiteCandidates.mergeableRuns(scenario) where !run.plots.contains(where: fixedIDs.contains) {
                if stop() { return nil }
                guard let plot = scenario.applying([.merged(run)]).site.plots.last, plot.derived == .merged(run)
                else { continue }
                addSingle(plot)
            }
        }
        self.singles = singles
        self.siteGroup = siteGroup

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

        // Values: placement − relocation + closeness with fixed incumbents (exact); claim slots per site.
        var siteStart = [0], siteFirm: [Int32] = [], siteValue: [Double] = []
        var slotStart = [0], slotGroup: [Int] = [], slotCount: [Double] = []
        var neighbourLimit: [Int] = []
        var sideCounts: [(left: Double, leftTaken: Double, right: Double, rightTaken: Double)] = []
        var groupSectorSet = [Set<Int>](repeating: [], count: precutGroup + 1)
        var kavlingOf = [(block: Int, start: Int, end: Int)?](repeating: nil, count: sitePlots.count)
        for (k, b) in blockOfKavlings.enumerated() { for kv in b.kavlings { kavlingOf[kv.2] = (k, kv.0, kv.1) } }
        for (i, plot) in sitePlots.enumerated() {
            if i & 1023 == 0 && stop() { return nil }
            var limit = 0
            func slot(_ group: Int, _ count: Int) {
                guard count > 0 else { return }
                slotGroup.append(group)
                slotCount.append(Double(count))
                limit += count
            }
            // Pre-cut sites that may neighbour this one: each holds a free plot within the adjacency distance.
            let own = Set(partsOf(plot).map(\.id))
            slot(precutGroup, freePlots.filter { !own.contains(plots[$0].id) && neighbours(plot, plots[$0]) }.count)
            // Kavlings of the other blocks.
            for k in blockOfKavlings.indices where kavlingOf[i]?.block != k {
                slot(k, partsOf(plot).reduce(0) { $0 + kavlingsNear(($1.x, $1.y), block: k) })
            }
            // In its own block, on each side: kavlings not touching it (`free`: none touches it on that side;
            // `taken`: beyond one that does). Their sector terms are claims; the one touching it is the DP's.
            if let kv = kavlingOf[i] {
                let b = blockOfKavlings[kv.block]
                let w = minWidth[kv.block]
                let (a, e) = (b.points[kv.start], b.points[kv.end])
                let c = (a + e) / 2
                let lo = max(c - adjacency, w / 2), hi = min(c + adjacency, b.block.length - w / 2)
                let sides = [(fit(lo, a - w / 2, w), fit(lo, a - 1.5 * w, w)),
                             (fit(e + w / 2, hi, w), fit(e + 1.5 * w, hi, w))]
                sideCounts.append((Double(sides[0].0), Double(sides[0].1), Double(sides[1].0), Double(sides[1].1)))
                limit += sides.reduce(0) { $0 + max($1.0, 1 + $1.1) }
            } else {
                sideCounts.append((0, 0, 0, 0))
            }
            slotStart.append(slotGroup.count)
            neighbourLimit.append(limit)
            let near = fixedPlots.filter { neighbours(plot, $0.plot) }
            for f in eligible[i] {
                var v = placement[f]
                if let own = firms[f].incumbentPlot, own != plot.id { v -= penalty }
                for h in near { v += pairValue(f, h.firm) }
                // Firms too hungry for what a resource has left beside the fixed incumbents never sit here.
                guard member[i].allSatisfy({ use[$0][f] <= room[$0] + 1e-9 }) else { continue }
                siteFirm.append(Int32(f))
                siteValue.append(v)
                groupSectorSet[siteGroup[i]].insert(sectorOf[f])
            }
            siteStart.append(siteFirm.count)
        }
        self.siteStart = siteStart
        self.siteFirm = siteFirm
        self.siteValue = siteValue
        self.slotStart = slotStart
        self.slotGroup = slotGroup
        self.slotCount = slotCount
        self.neighbourLimit = neighbourLimit
        self.sideCounts = sideCounts
        groupSectors = groupSectorSet.map { $0.sorted() }

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

    /// Prices at zero.
    func zeroPrices() -> Prices {
        Prices(lambda: [Double](repeating: 0, count: firmCount), mu: [Double](repeating: 0, count: room.count),
               eta: [Double](repeating: 0, count: quotas.count),
               nu: [Double](repeating: 0, count: groupCount * groupCount * sectorCount * sectorCount),
               phi: partners.map { [Double](repeating: 0, count: $0.count) })
    }

    /// One evaluation of the Lagrangian function at `prices`: its value and a subgradient, or `nil` when `stop` said
    /// so midway.
    func evaluate(_ prices: Prices, stop: () -> Bool) -> (value: Double, gradient: Gradient)? {
        let S = sectorCount, G = groupCount
        let lambda = prices.lambda, mu = prices.mu
        var value = constant
        for f in 0..<firmCount { value += lambda[f] }
        for r in room.indices { value += mu[r] * room[r] }
        var firmBonus = [Double](repeating: 0, count: firmCount)  // Σ_q η_q a_qf
        for (q, row) in quotas.enumerated() where prices.eta[q] != 0 {
            value -= prices.eta[q] * row.rhs
            for f in 0..<firmCount { firmBonus[f] += prices.eta[q] * row.coefficient[f] }
        }
        // Each firm's price at each resource signature.
        let price: [[Double]] = signatures.map { sig in
            (0..<firmCount).map { f in sig.reduce(lambda[f] - firmBonus[f]) { $0 + mu[$1] * use[$1][f] } }
        }
        // Sector claims: a site of group g and sector s claiming a neighbour in group h earns the best of
        // ½ w(s, t) − ν[g, h, s, t] over the sectors t that may occupy h, or nothing.
        var claim = [Double](repeating: 0, count: G * G * S)
        var claimSector = [Int](repeating: -1, count: G * G * S)
        for g in 0..<G {
            for h in 0..<G {
                for s in 0..<S {
                    var best = 0.0, arg = -1
                    for t in groupSectors[h] {
                        let v = 0.5 * sectorWeight[s * S + t] - prices.nu[((g * G + h) * S + s) * S + t]
                        if v > best { best = v; arg = t }
                    }
                    claim[(g * G + h) * S + s] = best
                    claimSector[(g * G + h) * S + s] = arg
                }
            }
        }
        // Firm-pair claims: firm f claiming partner g earns ½ w(f, g) − φ[f, g]; the best ones first.
        var claimOrder = [[Int]](repeating: [], count: firmCount)
        var claimSum = [[Double]](repeating: [0], count: firmCount)
        for f in 0..<firmCount where !partners[f].isEmpty {
            let values = partners[f].indices.map { 0.5 * partners[f][$0].weight - prices.phi[f][$0] }
            let order = values.indices.filter { values[$0] > 0 }.sorted { values[$0] > values[$1] }
            claimOrder[f] = order
            var sum = 0.0
            claimSum[f] = [0] + order.map { sum += values[$0]; return sum }
        }
        func siteValue(_ site: Int, _ n: Int, _ cost: [Double]) -> Double {
            let f = Int(siteFirm[n])
            var v = self.siteValue[n] - cost[f]
            let base = siteGroup[site] * G * S + sectorOf[f]
            for m in slotStart[site]..<slotStart[site + 1] { v += slotCount[m] * claim[base + slotGroup[m] * S] }
            let sums = claimSum[f]
            return v + sums[min(neighbourLimit[site], sums.count - 1)]
        }

        var used = [Int](repeating: 0, count: firmCount)
        var roomGap = room
        var claims = [Double](repeating: 0, count: G * G * S * S)
        var firmClaims = partners.map { [Double](repeating: 0, count: $0.count) }
        func take(_ site: Int, _ f: Int, own: Double = 0) {
            used[f] += 1
            for r in signatures[siteSignature[site]] { roomGap[r] -= use[r][f] }
            let g = siteGroup[site], s = sectorOf[f]
            for m in slotStart[site]..<slotStart[site + 1] {
                let c = (g * G + slotGroup[m]) * S + s
                if claimSector[c] >= 0 { claims[c * S + claimSector[c]] += slotCount[m] }
            }
            if own > 0 {
                let c = (g * G + g) * S + s
                if claimSector[c] >= 0 { claims[c * S + claimSector[c]] += own }
            }
            for k in claimOrder[f].prefix(neighbourLimit[site]) { firmClaims[f][k] += 1 }
        }
        for site in singles {
            let cost = price[siteSignature[site]]
            var bestValue = 0.0, bestFirm = -1
            for n in siteStart[site]..<siteStart[site + 1] {
                let v = siteValue(site, n, cost)
                if v > bestValue { bestValue = v; bestFirm = Int(siteFirm[n]) }
            }
            value += bestValue
            if bestFirm >= 0 { take(site, bestFirm) }
        }
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
                    let v = siteValue(kv.site, m, cost)
                    let slot = k * S + sectorOf[f]
                    if v > kavValue[slot] { kavValue[slot] = v; kavFirm[slot] = f }
                }
            }
            // Claims on the kavlings of its own block not touching it, per sector: their number depends on whether
            // a kavling touches it on each side, which the DP knows.
            guard let first = block.kavlings.first else { continue }
            let ownGroup = siteGroup[first.site] * (G + 1) * S
            let own = (0..<S).map { claim[ownGroup + $0] }
            // E[(b·n + j)·S + t]: best plan on [0, p_j) whose last kavling ends at p_j with sector t, its right side
            // counted as free (b = 0: the next kavling does not touch it) or taken (b = 1); G[j]: best plan on
            // [0, p_j); C[j·S + t]: best value before a kavling of sector t starting at p_j beside the last one.
            var E = [Double](repeating: -.infinity, count: 2 * n * S)
            var eKav = [Int](repeating: -1, count: 2 * n * S)
            var eFromSector = [Int](repeating: -1, count: 2 * n * S)  // -1: after a gap (from G), else the sector before
            var C = [Double](repeating: -.infinity, count: n * S)
            var cSector = [Int](repeating: -1, count: n * S)
            var G = [Double](repeating: 0, count: n)
            var gFrom = [Int](repeating: -1, count: n)  // -1: G[j-1] (or empty), else the sector of E[j] (right free)
            for j in 0..<n {
                for k in block.endingAt[j] {
                    let i = block.kavlings[k].start
                    let sides = sideCounts[block.kavlings[k].site]
                    let gap = i == 0 ? 0 : G[i - 1]
                    for t in 0..<S {
                        let v = kavValue[k * S + t]
                        guard v > -.infinity else { continue }
                        let afterGap = gap + sides.left * own[t]
                        let beside = C[i * S + t] + sides.leftTaken * own[t]
                        let (before, from) = beside > afterGap ? (beside, cSector[i * S + t]) : (afterGap, -1)
                        for (b, right) in [sides.right, sides.rightTaken].enumerated() {
                            let slot = (b * n + j) * S + t
                            if before + v + right * own[t] > E[slot] {
                                E[slot] = before + v + right * own[t]
                                eKav[slot] = k
                                eFromSector[slot] = from
                            }
                        }
                    }
                }
                G[j] = j == 0 ? 0 : G[j - 1]
                for t in 0..<S where E[j * S + t] > G[j] {
                    G[j] = E[j * S + t]
                    gFrom[j] = t
                }
                for t in 0..<S {
                    for s in 0..<S where block.allowed[s * S + t] && E[(n + j) * S + s] > -.infinity {
                        let v = E[(n + j) * S + s] + sectorWeight[s * S + t]
                        if v > C[j * S + t] { C[j * S + t] = v; cSector[j * S + t] = s }
                    }
                }
            }
            guard n > 0 else { continue }
            value += G[n - 1]
            // The plan behind G[n-1], from its last kavling back.
            var j = n - 1
            var sector: Int? = nil  // set: the next kavling (to the right) touches this one, of this sector
            while j >= 0 {
                let t: Int, b: Int
                if let s = sector {
                    t = s
                    b = 1
                } else {
                    guard gFrom[j] >= 0 else { j -= 1; continue }
                    t = gFrom[j]
                    b = 0
                }
                let slot = (b * n + j) * S + t
                let k = eKav[slot]
                let kv = block.kavlings[k]
                let from = eFromSector[slot]
                let sides = sideCounts[kv.site]
                take(kv.site, kavFirm[k * S + t],
                     own: (from >= 0 ? sides.leftTaken : sides.left) + (b == 1 ? sides.rightTaken : sides.right))
                if from >= 0 {
                    sector = from
                    j = kv.start
                } else {
                    sector = nil
                    j = kv.start - 1
                }
            }
        }
        // L grows along: λ by 1 − uses, μ by room − use, η by a·uses − rhs, ν by the claims made against the
        // claims mirrored (−(C[g,h,s,t] − C[h,g,t,s])), φ likewise per firm pair.
        var etaGrad = quotas.map { -$0.rhs }
        for (q, row) in quotas.enumerated() {
            for f in 0..<firmCount where used[f] > 0 { etaGrad[q] += row.coefficient[f] * Double(used[f]) }
        }
        var nuGrad = [Double](repeating: 0, count: claims.count)
        for g in 0..<G {
            for h in 0..<G {
                for s in 0..<S {
                    for t in 0..<S {
                        nuGrad[((g * G + h) * S + s) * S + t] =
                            claims[((h * G + g) * S + t) * S + s] - claims[((g * G + h) * S + s) * S + t]
                    }
                }
            }
        }
        let phiGrad = partners.indices.map { f in
            partners[f].indices.map { k in firmClaims[partners[f][k].firm][partners[f][k].back] - firmClaims[f][k] }
        }
        return (value, Gradient(lambda: used.map { 1 - Double($0) }, mu: roomGap, eta: etaGrad, nu: nuGrad,
                                phi: phiGrad))
    }

    /// Projected subgradient descent on the prices, from zero: the smallest value evaluated.
    func minimise(
        target: Double?, maxIterations: Int, stop: () -> Bool, progress: ((RawLandBoundResult) -> Void)? = nil
    ) -> RawLandBoundResult? {
        var prices = zeroPrices()
        // Resource rows are scaled to about one unit so that one step suits firms and resources alike.
        let scale = room.indices.map { r in max(1, room[r], use[r].max() ?? 0) }
        var bestValue = Double.infinity
        var bestPrices = prices
        var iterations = 0, sinceBetter = 0
        // Polyak steps towards a level `spread` below the best value (or towards `target`); the level rises (the
        // spread halves) after 5 evaluations without a better bound; when it has shrunk to nothing, the search goes
        // back to the best prices with a spread of 1 %, and ends after 3 such restarts in a row found nothing better.
        var spread = 0.0
        var stopped = false
        var restarts = 0
        let nuScale = 3.0
        while iterations < maxIterations {
            if stop() { stopped = true; break }
            guard let (value, gradient) = evaluate(prices, stop: stop) else {
                stopped = true
                break
            }
            iterations += 1
            if iterations == 1 { spread = 0.25 * max(1, abs(value)) }
            if value < bestValue - 1e-9 {
                bestValue = value
                bestPrices = prices
                sinceBetter = 0
                restarts = 0
                progress?(RawLandBoundResult(value: value, method: .streetBlockLagrangian, iterations: iterations,
                                             stopped: false))
            } else {
                sinceBetter += 1
                if sinceBetter >= 5 { spread /= 2; sinceBetter = 0 }
            }
            if spread < 1e-5 * max(1, abs(bestValue)) {
                restarts += 1
                if restarts > 3 { break }
                spread = 0.01 * max(1, abs(bestValue))
                prices = bestPrices
                continue
            }
            // The subgradient, scaled, with only the components that move the projected point.
            var g = gradient
            for r in room.indices { g.mu[r] /= scale[r] }
            // One Polyak step for all multipliers; the claim balances' components (counts of claims, often tens) are
            // scaled down by `nuScale` so that they do not swamp the firms' (at most a few uses each).
            var norm = 0.0
            for f in 0..<firmCount where prices.lambda[f] > 0 || g.lambda[f] < 0 || mustPlace[f] {
                norm += g.lambda[f] * g.lambda[f]
            }
            for r in room.indices where prices.mu[r] > 0 || g.mu[r] < 0 { norm += g.mu[r] * g.mu[r] }
            for q in quotas.indices where prices.eta[q] > 0 || g.eta[q] < 0 { norm += g.eta[q] * g.eta[q] }
            for i in g.nu.indices { g.nu[i] /= nuScale; norm += 0.5 * g.nu[i] * g.nu[i] }
            for f in g.phi.indices { for k in g.phi[f].indices { norm += 0.5 * g.phi[f][k] * g.phi[f][k] } }
            guard norm > 1e-12 else { break }  // the relaxed optimum satisfies every priced row: L is optimal
            let aim = max(target ?? -.infinity, bestValue - spread)
            let step = max(value - aim, 1e-6 * max(1, abs(value))) / norm
            for f in 0..<firmCount {
                let moved = prices.lambda[f] - step * g.lambda[f]
                prices.lambda[f] = mustPlace[f] ? moved : max(0, moved)  // free on an equality row
            }
            for r in room.indices { prices.mu[r] = max(0, prices.mu[r] - step * g.mu[r] / scale[r]) }
            for q in quotas.indices { prices.eta[q] = max(0, prices.eta[q] - step * g.eta[q]) }
            for i in prices.nu.indices { prices.nu[i] -= step * g.nu[i] / nuScale }
            for f in prices.phi.indices { for k in prices.phi[f].indices { prices.phi[f][k] -= step * g.phi[f][k] } }
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
