import Foundation
import Testing
@testable import Estate
@testable import Allocation
@testable import PlotAllocTestSupport

/// Locks (``LockRule``): promised plots, allowed and forbidden plots and blocks, reserved plots — in the format, the
/// checks, the formulation, the verifier and the explanations; and the solver against the exhaustive oracle, which
/// enumerates the plots a firm's *needs* allow and leaves every lock to the verifier.
@Suite struct LockTests {
    /// `RandomScenario.make(seed:)` with seeded locks: per firm a forbidden plot, an allowed block or a promised
    /// plot (one that suits it and no other firm is promised), and maybe a reserved plot. Scenarios whose locks the
    /// checks refuse are skipped (`nil`).
    static func lockedScenario(seed: UInt64) -> Scenario? {
        var s = RandomScenario.make(seed: seed)
        var g = RandomScenario.Generator(seed: seed &* 7919 &+ 13)
        let plots = s.site.plots
        if g.chance(40) { s.site.plots[g.int(0...(plots.count - 1))].reserved = true }
        let needs = Eligibility(scenario: s)
        var promised: Set<String> = []
        for i in s.firms.indices {
            switch g.int(0...5) {
            case 0: s.firms[i].lock = FirmLock(forbiddenPlots: [g.pick(plots).id])
            case 1: s.firms[i].lock = FirmLock(allowedBlocks: [g.pick(s.site.powerBlocks).id])
            case 2:
                let open = s.site.plots.filter {
                    !$0.reserved && !promised.contains($0.id) && needs.needReasons(firm: s.firms[i], plot: $0).isEmpty
                }
                guard !open.isEmpty else { continue }
                let p = g.pick(open).id
                promised.insert(p)
                s.firms[i].lock = FirmLock(plot: p)
            case 3: s.firms[i].lock = FirmLock(forbiddenBlocks: [g.pick(s.site.powerBlocks).id])
            default: continue
            }
        }
        do { try ScenarioLoader.check(s) } catch { return nil }
        return s
    }

    @Test(arguments: 1...30)
    func solverOptimumEqualsExhaustiveBestWithLocks(seed: UInt64) throws {
        guard let s = Self.lockedScenario(seed: seed) else { return }
        let oracle = try ExhaustiveSearch(scenario: s).run()
        let result = try Allocator(warmStart: true, heuristicBudget: 0.05).allocate(s)
        if let best = oracle.bestScore {
            #expect(result.status == .optimal, "seed \(seed): \(result.status)")
            #expect(abs((result.objective ?? .nan) - best) <= 1e-6, "seed \(seed): \(result.objective ?? .nan) vs \(best)")
            let report = LayoutVerifier(scenario: s).verify(result.layout ?? Layout())
            #expect(report.isFeasible, "seed \(seed): \(report.violations.map(\.message))")
        } else {
            #expect(result.status == .infeasible, "seed \(seed): \(result.status)")
        }
    }

    /// The locked seeds are not vacuous: most scenarios keep their locks, and the locks change some optima.
    @Test func lockedSeedsAreVaried() throws {
        var kept = 0, changed = 0
        for seed in UInt64(1)...30 {
            guard let s = Self.lockedScenario(seed: seed) else { continue }
            kept += 1
            let locked = try ExhaustiveSearch(scenario: s).run().bestScore
            let free = try ExhaustiveSearch(scenario: RandomScenario.make(seed: seed)).run().bestScore
            if locked != free { changed += 1 }
        }
        #expect(kept >= 15)
        #expect(changed >= 5)
    }

    static let tutorial = CLI.root.appendingPathComponent("scenarios/tutorial.yaml").path

    /// The tutorial with `edit` applied to its YAML text.
    static func tutorial(_ edit: (String) -> String) throws -> String {
        edit(try String(contentsOfFile: tutorial, encoding: .utf8))
    }

    @Test func locksAreCheckedWithPositionsAndDidYouMean() throws {
        let yaml = try Self.tutorial {
            $0.replacingOccurrences(of: "  - id: F1\n", with: "  - id: F1\n    lock: {plot: P33, forbidden_blocks: [B9]}\n")
        }
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.load(yaml: yaml, file: "t.yaml") }
        let lines = error.diagnostics.map(\.description)
        #expect(lines.contains { $0.contains("firms[0].lock.plot: unknown plot \"P33\"; did you mean \"P3\"?") })
        #expect(lines.contains { $0.contains("firms[0].lock.forbidden_blocks[0]: unknown power block \"B9\"") })
        #expect(error.diagnostics.allSatisfy { $0.line != nil && $0.column != nil })
    }

    @Test func twoFirmsLockedToOnePlotAndALockToAnIneligiblePlotAreRefused() throws {
        // F3 (plating) and F5 (machining) both promised P6 (200 m², heavy), which each may take by its needs; F4
        // (assembly, general zone only) promised P4's neighbour P6 too, which its sector may not use.
        let yaml = try Self.tutorial {
            $0.replacingOccurrences(of: "  - id: F3\n", with: "  - id: F3\n    lock: {plot: P6}\n")
                .replacingOccurrences(of: "  - id: F5\n", with: "  - id: F5\n    lock: {plot: P6}\n")
                .replacingOccurrences(of: "  - id: F4\n", with: "  - id: F4\n    lock: {plot: P6}\n")
        }
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.load(yaml: yaml, file: "t.yaml") }
        let messages = error.diagnostics.map(\.message)
        #expect(messages.contains { $0.hasPrefix("plot \"P6\" is already promised to \"F3\"") })
        #expect(messages.contains { $0.hasPrefix("firm \"F4\" may not take its locked plot \"P6\"") })
    }

    @Test func aReservedPlotStaysEmptyAndTheExplanationsSaySo() throws {
        var s = try ScenarioLoader.load(path: Self.tutorial)
        let free = try #require(try Allocator().allocate(s).layout)
        let taken = try #require(free.assignments["F1"])   // the foundry's plot in the optimum
        let index = try #require(s.site.plots.firstIndex { $0.id == taken })
        s.site.plots[index].reserved = true
        try ScenarioLoader.check(s)
        let result = try Allocator().allocate(s)
        let layout = try #require(result.layout)
        #expect(!layout.assignments.values.contains(taken))
        // The old optimum now breaks the reservation, in plain words.
        let report = LayoutVerifier(scenario: s).verify(free)
        #expect(report.violations.contains {
            $0.rule == Violation.Rule(.locks) && $0.message.contains("\(taken) is reserved (kept empty)")
        })
        #expect(ScenarioSummary(scenario: s).text.contains("Reserved plots (kept empty): 1: \(taken)"))
    }

    @Test func aPromisedFirmIsPlacedThereAndALockedOutFirmIsExplained() throws {
        var s = try ScenarioLoader.load(path: Self.tutorial)
        let f5 = try #require(s.firms.firstIndex { $0.id == "F5" })
        let f1 = try #require(s.firms.firstIndex { $0.id == "F1" })
        s.firms[f5].lock = FirmLock(plot: "P6")   // F5 (machining, 180–220 m²) may take P6 (200 m², heavy)
        let block = try #require(s.site.plots.first { $0.id == "P3" }?.powerBlock)
        s.firms[f1].lock = FirmLock(forbiddenBlocks: [block])
        try ScenarioLoader.check(s)
        let result = try Allocator().allocate(s)
        let layout = try #require(result.layout)
        #expect(layout.assignments["F5"] == "P6")
        if let p = layout.assignments["F1"] {
            #expect(s.site.plots.first { $0.id == p }?.powerBlock != block)
        }
        // Without F5, the layout breaks F5's promise.
        var without = layout
        without.assignments["F5"] = nil
        let report = LayoutVerifier(scenario: s).verify(without)
        #expect(report.violations.contains {
            $0.rule == Violation.Rule(.locks) && $0.message == "F5 (machining) is locked to P6 and is not placed"
        })
        #expect(ScenarioSummary(scenario: s).text.contains(
            "Locks: 2 firms: F1: locked out of block \(block); F5: locked to P6"))
    }
}
