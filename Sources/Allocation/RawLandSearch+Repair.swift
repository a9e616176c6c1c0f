import Foundation
import Estate

extension RawLandSearch {
    /// A verified plan of the raw scenario: its layout and the verifier's report on it.
    typealias Plan = (layout: Layout, report: VerificationReport)

    /// The insertion move (`docs/formulation.md` 10.4, step 3): one pass over the firms `plan` leaves out, highest
    /// placement value first; each is cut a kavling of the narrowest width it may take (``RawFrontage/narrowest(_:_:_:_:)``)
    /// at either end of a gap of free frontage of any raw block, narrowing the occupied kavlings beside the gap to
    /// their occupants' narrowest widths when the gap is too short, and placed there when ``LayoutVerifier`` finds the
    /// plan feasible and its score higher (the best such kavling). Returns the improved plan and the firms placed.
    ///
    /// Edge cases: a plan without raw blocks, or whose firms are all placed, comes back unchanged; a candidate whose
    /// power block's room (capacity minus the firms on it) is too small is not verified at all; the pass stops at the
    /// search's deadline or interrupt.
    func insertUnplaced(into plan: Plan) -> (plan: Plan, placed: Int) {
        var plan = plan
        var placed = 0
        let weights = scenario.rules.placementValue
        let outside = scenario.firms.filter { plan.layout.assignments[$0.id] == nil }
            .map { (firm: $0, value: weights.value(of: $0)) }
            .sorted { ($0.value, $1.firm.id) > ($1.value, $0.firm.id) }
        for (firm, _) in outside where !stopRequested {
            if let better = bestInsertion(of: firm, into: plan) {
                plan = better
                placed += 1
            }
        }
        return (plan, placed)
    }

    /// The exchange move (`docs/formulation.md` 10.4, step 3): for each firm `plan` leaves out, highest placement
    /// value first, and each movable firm it places (not an incumbent, no lock), taken in turn: the placed firm is
    /// taken off (its kavling uncut), the outside firm is put on the freed plot or cut a kavling in the freed
    /// frontage (as ``insertUnplaced(into:)`` would), and the firm taken off is put back wherever the insertion move
    /// finds room for it, if anywhere; the first plan that verifies feasible with a higher score than `plan`'s is
    /// kept and the pass goes on from it. Returns the improved plan and the exchanges kept.
    ///
    /// Edge cases: only pairs where the outside firm may take the freed plot or a kavling of the freed block are
    /// tried; the pass stops at the search's deadline or interrupt.
    func exchange(in plan: Plan) -> (plan: Plan, exchanges: Int) {
        var plan = plan
        var exchanges = 0
        let weights = scenario.rules.placementValue
        let plotByID = Dictionary(scenario.site.plots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let outside = scenario.firms.filter { plan.layout.assignments[$0.id] == nil }
            .map { (firm: $0, value: weights.value(of: $0)) }
            .sorted { ($0.value, $1.firm.id) > ($1.value, $0.firm.id) }
        // Whether a firm may take some kavling of a raw block (zone, road, rent, area), per firm and block.
        var fitting: [String: Bool] = [:]
        func fits(_ firm: Firm, _ blockID: String) -> Bool {
            let key = firm.id + "\u{1}" + blockID
            if let known = fitting[key] { return known }
            let yes = blocks[blockID].flatMap { b in
                b.cutting(defaults: scenario.site.cutting).flatMap { RawFrontage.narrowest(firm, b, $0, eligibility) }
            } != nil
            fitting[key] = yes
            return yes
        }
        var withoutFirm: [String: VerificationReport] = [:]
        var pairs = 0
        outer: for (firm, _) in outside where !stopRequested && pairs < (options.maxExchangePairs ?? .max) {
            guard plan.layout.assignments[firm.id] == nil else { continue }
            let placed = plan.layout.assignments.sorted { $0.key < $1.key }
            let room = powerRoom(plan.layout)
            var blockOfSite = powerBlockOfPlot
            for case .kavling(let k) in plan.layout.sites { blockOfSite[k.id] = blocks[k.block]?.powerBlock }
            for (other, site) in placed where !stopRequested {
                guard let taken = firms[other], taken.incumbentPlot == nil, taken.lock == nil else { continue }
                // The outside firm's power must fit where the placed firm's is freed.
                if let b = blockOfSite[site], firm.powerKVA > (room[b] ?? .infinity) + taken.powerKVA + 1e-9 { continue }
                // Off: the firm and its kavling.
                var off = plan.layout
                off.assignments[other] = nil
                var freed: Kavling?
                if let i = off.sites.firstIndex(where: { $0.id == site }) {
                    guard case .kavling(let k) = off.sites[i] else { continue }
                    off.sites.remove(at: i)
                    freed = k
                    guard fits(firm, k.block) else { continue }
                } else {
                    guard let plot = plotByID[site], eligibility.mayTake(firm: firm, plot: plot) else { continue }
                }
                // The plan without the placed firm, verified once per plan for every outside firm.
                pairs += 1
                guard pairs <= options.maxExchangePairs ?? .max else { break outer }
                let offReport: VerificationReport
                if let known = withoutFirm[other] { offReport = known } else {
                    offReport = verifier.verify(off)
                    withoutFirm[other] = offReport
                }
                guard offReport.isFeasible else { continue }
                var on: Plan?
                if let freed {
                    on = bestInsertion(of: firm, into: (off, offReport), onlyIn: freed.block)
                } else {
                    var with = off
                    with.assignments[firm.id] = site
                    let report = verifier.verify(with)
                    if report.isFeasible { on = (with, report) }
                }
                guard var next = on else { continue }
                if let back = bestInsertion(of: taken, into: next) { next = back }
                if next.report.score.total > plan.report.score.total + LayoutVerifier.tolerance {
                    plan = next
                    withoutFirm = [:]
                    exchanges += 1
                    continue outer
                }
            }
        }
        return (plan, exchanges)
    }

    /// The best plan that places `firm` on a new kavling of free frontage (see ``insertUnplaced(into:)``; of raw
    /// block `onlyIn` alone when given), if one verifies with a higher score than `plan`'s.
    private func bestInsertion(of firm: Firm, into plan: Plan, onlyIn: String? = nil) -> Plan? {
        let layout = plan.layout
        let room = powerRoom(layout)
        let cuts = RawFrontage.kavlingsByBlock(layout)
        var occupant: [String: String] = [:]
        for (f, site) in layout.assignments { occupant[site] = f }
        var best: Plan?
        var bestScore = plan.report.score.total + LayoutVerifier.tolerance
        for block in scenario.site.rawBlocks where onlyIn == nil || onlyIn == block.id {
            guard let rules = block.cutting(defaults: scenario.site.cutting), rules.module > 0,
                  firm.powerKVA <= (room[block.powerBlock] ?? .infinity) + 1e-9,
                  let need = RawFrontage.narrowest(firm, block, rules, eligibility) else { continue }
            for gap in RawFrontage.gaps(of: block, kavlings: cuts[block.id] ?? []) {
                for move in insertions(width: need, in: gap, block: block, rules: rules, occupant: occupant) {
                    guard eligibility.mayTake(firm: firm, plot: block.plot(of: move.kavling)) else { continue }
                    var candidate = layout
                    for (old, new) in move.narrowed {
                        candidate.sites.removeAll { $0.id == old.id }
                        candidate.sites.append(.kavling(new))
                        if let f = occupant[old.id] { candidate.assignments[f] = new.id }
                    }
                    candidate.sites.append(.kavling(move.kavling))
                    candidate.sites.sort { $0.id < $1.id }
                    candidate.assignments[firm.id] = move.kavling.id
                    let report = verifier.verify(candidate)
                    if report.isFeasible, report.score.total > bestScore {
                        best = (candidate, report)
                        bestScore = report.score.total
                    }
                }
            }
        }
        return best
    }

    /// A kavling of `width` to cut in `gap`, with the kavlings beside it narrowed (old, new) to make room.
    private struct Insertion {
        var kavling: Kavling
        var narrowed: [(Kavling, Kavling)]
    }

    /// Where a kavling of `width` may be cut in `gap` of `block`: at its start and at its end when the gap is long
    /// enough; otherwise after narrowing the kavlings beside it, toward their far ends, to their occupants' narrowest
    /// widths (the left one first, or the right one first), when that frees enough. Every cut is on the module.
    private func insertions(
        width: Double, in gap: RawFrontage.Gap, block: RawBlock, rules: CuttingRules, occupant: [String: String]
    ) -> [Insertion] {
        let m = rules.module
        func down(_ x: Double) -> Double { (x / m + 1e-9).rounded(.down) * m }
        let length = gap.end - gap.start
        if length >= width - 1e-9 {
            var out = [Insertion(kavling: Kavling(block: block.id, start: gap.start, end: gap.start + width), narrowed: [])]
            let start = down(gap.end - width)
            if start > gap.start + 1e-9 {
                out.append(Insertion(kavling: Kavling(block: block.id, start: start, end: start + width), narrowed: []))
            }
            return out
        }
        // The slack of a kavling beside the gap: how much narrower its occupant could have it, on the module.
        func slack(_ k: Kavling?) -> Double {
            guard let k, let f = occupant[k.id], let firm = firms[f],
                  let least = RawFrontage.narrowest(firm, block, rules, eligibility) else { return 0 }
            return max(0, down(k.width - least + 1e-9))
        }
        let slackLeft = slack(gap.left), slackRight = slack(gap.right)
        let deficit = ((width - length) / m - 1e-9).rounded(.up) * m
        guard slackLeft + slackRight >= deficit - 1e-9 else { return [] }
        var out: [Insertion] = []
        for leftFirst in [true, false] {
            let takeLeft = leftFirst ? min(slackLeft, deficit) : max(0, deficit - slackRight)
            let takeRight = deficit - takeLeft
            var narrowed: [(Kavling, Kavling)] = []
            var start = gap.start
            if takeLeft > 1e-9, let k = gap.left {
                narrowed.append((k, Kavling(block: block.id, start: k.start, end: k.end - takeLeft)))
                start = k.end - takeLeft
            }
            if takeRight > 1e-9, let k = gap.right {
                narrowed.append((k, Kavling(block: block.id, start: k.start + takeRight, end: k.end)))
            }
            // Cut points stay on the module: the gap's start is a kavling's end or the block's start.
            let move = Insertion(kavling: Kavling(block: block.id, start: start, end: start + width), narrowed: narrowed)
            if !out.contains(where: { $0.kavling == move.kavling }) { out.append(move) }
        }
        return out
    }

    /// Per power block, its capacity minus the power of the firms `layout` places on its plots and kavlings.
    private func powerRoom(_ layout: Layout) -> [String: Double] {
        var room = Dictionary(scenario.site.powerBlocks.map { ($0.id, $0.capacityKVA) }, uniquingKeysWith: { a, _ in a })
        var blockOfSite = powerBlockOfPlot
        for case .kavling(let k) in layout.sites { blockOfSite[k.id] = blocks[k.block]?.powerBlock }
        for (f, site) in layout.assignments {
            if let firm = firms[f], let b = blockOfSite[site] { room[b, default: 0] -= firm.powerKVA }
        }
        return room
    }
}
