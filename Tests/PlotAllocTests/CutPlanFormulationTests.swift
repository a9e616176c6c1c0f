import Testing
@testable import Estate
@testable import Allocation
@testable import MIPModel

/// The cut-plan and merged-run program (``SiteCandidates``, `docs/formulation.md` section 12), solved by real GLPK
/// through ``Allocator`` (with and without the warm-start search), against the best layout found by trying every
/// assignment of the firms to the model's candidate sites that the cover groups allow, each judged by
/// ``LayoutVerifier`` from the scenario alone (cut-plan rules, land use, every other rule, the score). Seeded random
/// tiny raw-land and merging scenarios (``RandomCutScenario``); cases with more than ``CutPlanFormulation/maxWork``
/// assignments to try are skipped (bounded work), and the test checks that enough cases were compared.
enum CutPlanFormulation {
    static let maxWork = 40_000.0

    /// The best verified score over every assignment of firms to candidates (`nil`: none feasible), or `nil` for the
    /// whole when there are more than ``maxWork`` to try.
    static func enumerate(_ s: Scenario, _ m: AllocationModel) -> (best: Double?, layouts: Int)? {
        let plan = m.plotScenario(s)
        var groupsOf = [[Int]](repeating: [], count: plan.site.plots.count)
        for (g, members) in m.coverGroups.enumerated() { for p in members { groupsOf[p].append(g) } }
        var options = [[Int]](repeating: [], count: s.firms.count)
        for a in m.assignmentVariables { options[a.firm].append(a.plot) }
        guard options.reduce(1.0, { $0 * Double($1.count + 1) }) <= maxWork else { return nil }
        let verifier = LayoutVerifier(scenario: s)
        var busy = [Int](repeating: 0, count: m.coverGroups.count)
        var used = Set<Int>()
        var assignments: [String: String] = [:]
        var best: Double?
        var layouts = 0
        func place(_ f: Int) {
            if f == s.firms.count {
                layouts += 1
                let sites = used.sorted().compactMap { plan.site.plots[$0].derived }
                let report = verifier.verify(Layout(assignments: assignments, sites: sites))
                if report.isFeasible { best = max(best ?? -.infinity, report.score.total) }
                return
            }
            place(f + 1)
            for p in options[f] where !used.contains(p) && groupsOf[p].allSatisfy({ busy[$0] == 0 }) {
                used.insert(p)
                for g in groupsOf[p] { busy[g] += 1 }
                assignments[s.firms[f].id] = plan.site.plots[p].id
                place(f + 1)
                assignments[s.firms[f].id] = nil
                used.remove(p)
                for g in groupsOf[p] { busy[g] -= 1 }
            }
        }
        place(0)
        return (best, layouts)
    }

    /// Compares; returns whether the case was compared (not skipped).
    static func compare(_ s: Scenario, seed: UInt64) throws -> Bool {
        let m = Formulation.build(s)
        #expect(m.cutGrid == 1, "seed \(seed): tiny cases are never restricted")
        guard let (best, _) = enumerate(s, m) else { return false }
        try expectAllocatorsReach(best, on: s, seed: seed,
                                  allocators: [Allocator(warmStart: true, heuristicBudget: 0.05, blockBound: false),
                                               Allocator(warmStart: false, blockBound: false)])
        return true
    }
}

@Test func cutPlanOptimumEqualsEnumerationOnRawLand() throws {
    var compared = 0, withKavlings = 0
    for seed in UInt64(1)...40 {
        let s = RandomCutScenario.raw(seed: seed, maxFirms: 4)
        if try CutPlanFormulation.compare(s, seed: seed) {
            compared += 1
            if SiteCandidates(scenario: s).map({ $0.kavlings > 0 }) == true { withKavlings += 1 }
        }
    }
    #expect(compared >= 15, "only \(compared) cases small enough to enumerate")
    #expect(withKavlings >= 10)
}

@Test func cutPlanOptimumEqualsEnumerationWithMerging() throws {
    var compared = 0, withRuns = 0
    for seed in UInt64(1)...40 {
        let s = RandomCutScenario.merging(seed: seed, maxFirms: 4)
        if try CutPlanFormulation.compare(s, seed: seed) {
            compared += 1
            if SiteCandidates(scenario: s).map({ $0.runs > 0 }) == true { withRuns += 1 }
        }
    }
    #expect(compared >= 25, "only \(compared) cases small enough to enumerate")
    #expect(withRuns >= 10)
}

/// A raw site with more cuts than ``SiteCandidates/maxKavlings`` is restricted to a coarser grid, and the
/// allocator then never claims optimality or a bound.
@Test func restrictedCutsAreNeverCalledOptimal() throws {
    var s = RandomCutScenario.raw(seed: 2, maxFirms: 4)
    s.site.cutting = CuttingRules(module: 2, minWidth: 4, maxWidth: 14)
    let full = SiteCandidates(scenario: s)!
    let restricted = SiteCandidates(scenario: s, scope: SiteCandidates.Scope(maxKavlings: max(1, full.kavlings / 3)))!
    #expect(full.grid == 1)
    #expect(restricted.grid > 1 && restricted.kavlings < full.kavlings)
}

/// The candidate kavlings include cuts at a block's end when its length is not on the module.
@Test func blockEndIsACutPoint() {
    #expect(SiteCandidates.cutPoints(length: 31, module: 2, grid: 1).last == 31)
    #expect(SiteCandidates.cutPoints(length: 30, module: 2, grid: 1).count == 16)
    #expect(SiteCandidates.cutPoints(length: 30, module: 2, grid: 2) == [0, 4, 8, 12, 16, 20, 24, 28, 30])
}
