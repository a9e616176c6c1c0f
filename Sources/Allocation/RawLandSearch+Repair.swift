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

    /// The best plan that places `firm` on a new kavling of free frontage (see ``insertUnplaced(into:)``), if one
    /// verifies with a higher score than `plan`'s.
    private func bestInsertion(of firm: Firm, into plan: Plan) -> Plan? {
        let layout = plan.layout
        let room = powerRoom(layout)
        let cuts = RawFrontage.kavlingsByBlock(layout)
        var occupant: [String: String] = [:]
        for (f, site) in layout.assignments { occupant[site] = f }
        var best: Plan?
        var bestScore = plan.report.score.total + LayoutVerifier.tolerance
        for block in scenario.site.rawBlocks {
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
