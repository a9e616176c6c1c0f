import Foundation
import Testing
@testable import Estate
@testable import Allocation
@testable import PlotAllocTestSupport
@testable import Reports
import PlotAllocSupport

/// The lot order that breaks ties among layouts of the best score (``Lottery``): the draw is the documented
/// SHA-256 one, the lot decides only ties (the score stays the optimum), the same seed gives the same layout and
/// other seeds other winners, and on tiny scenarios with cloned firms the lottery's choice and its tied firms agree
/// with the exhaustive oracle's enumeration of every optimal layout. Every solve is real GLPK.
@Suite struct LotteryTests {
    /// The order anyone can redo by hand: tickets computed independently (Python's hashlib, `sha256(b"SEED:FIRM")`).
    @Test func lotOrderIsTheDocumentedSHA256Draw() {
        #expect(LotOrder(seed: "board-2026", firms: ["F1", "F2", "F3", "F4"]).firms == ["F3", "F1", "F2", "F4"])
        #expect(LotOrder(seed: "7", firms: ["F1", "F2", "F3", "F4"]).firms == ["F4", "F3", "F2", "F1"])
        #expect(LotOrder.ticket(seed: "board-2026", firm: "F3")
            == "1b616e5e15f804e7a51c57fe232635dc0b79bbcc46ce45cb903429083918cbcd")
        // The order depends on the ids, not on the order they are given in.
        #expect(LotOrder(seed: "7", firms: ["F3", "F1", "F4", "F2"]).firms == ["F4", "F3", "F2", "F1"])
        #expect(LotOrder(seed: "7", firms: ["F1", "F2", "F3", "F4"]).rank(of: "F2") == 3)
    }

    /// Three identical assembly firms, two plots far apart (no neighbours, no closeness), one machining firm on a
    /// heavy plot of its own: the score places two of the three, and only the lot can say which.
    static func symmetric() -> Scenario {
        typealias T = AllocationTestScenarios
        return T.scenario(
            plots: T.plots([300, 200, 200], heavy: 1, spacing: 100),
            firms: [T.firm("M1", "machining", area: 250...400, workers: 20),
                    T.firm("A1", "assembly", area: 100...250, workers: 8),
                    T.firm("A2", "assembly", area: 100...250, workers: 8),
                    T.firm("A3", "assembly", area: 100...250, workers: 8)])
    }

    static let allocator = Allocator(warmStart: true, heuristicBudget: 0.05)

    static func draw(_ s: Scenario, seed: String) throws -> (AllocationResult, LotteryOutcome) {
        let best = try allocator.allocate(s)
        let lottery = try Lottery(seed: seed, scenario: s, allocator: allocator).draw(in: s, best: best)
        return (best, lottery)
    }

    @Test func symmetricFirmsAreDecidedByLotAtTheOptimum() throws {
        let s = Self.symmetric()
        let oracle = try #require(try ExhaustiveSearch(scenario: s).run().bestScore)
        var losers: Set<String> = []
        for seed in (1...8).map({ "board \($0)" }) {
            let (best, lottery) = try Self.draw(s, seed: seed)
            #expect(best.status == .optimal)
            #expect(lottery.basis == .optimum)
            let layout = try #require(lottery.layout)
            let report = LayoutVerifier(scenario: s).verify(layout)
            #expect(report.isFeasible)
            // The lot never costs score: the lottery's layout scores the exhaustive optimum.
            #expect(abs(report.score.total - oracle) <= 1e-9 * max(1, abs(oracle)), "\(seed)")
            #expect(best.drawnByLot(lottery).objective.map { abs($0 - oracle) <= 1e-6 } == true)
            // The two assembly firms drawn first win; the last one drawn loses; M1 is placed on merit.
            let assembly = lottery.order.filter { $0.hasPrefix("A") }
            #expect(layout.plot(of: assembly[0]) != nil && layout.plot(of: assembly[1]) != nil, "\(seed)")
            #expect(layout.plot(of: assembly[2]) == nil, "\(seed)")
            #expect(layout.plot(of: "M1") != nil)
            #expect(lottery.groups == [LotteryOutcome.TieGroup(
                firms: assembly, wonByLot: Array(assembly.prefix(2)), lostByLot: [assembly[2]])], "\(seed)")
            #expect(lottery.undecided.isEmpty)
            losers.insert(assembly[2])
            // The same seed gives the same layout and the same receipt.
            let (_, again) = try Self.draw(s, seed: seed)
            #expect(again == lottery, "\(seed)")
        }
        // Different seeds pick different winners.
        #expect(losers.count >= 2, "\(losers)")
    }

    /// A random tiny scenario with one or two exact copies of a firm that may be placed, so that ties arise.
    static func withClones(seed: UInt64) -> Scenario? {
        var s = RandomScenario.make(seed: seed, firms: 2...5, plots: 2...5)
        guard let original = s.firms.first(where: { !$0.mustBePlaced && $0.kind == .firm }) else { return nil }
        for k in 1...(1 + Int(seed % 2)) {
            var clone = original
            clone.id = "\(original.id)c\(k)"
            clone.name = clone.id
            s.firms.append(clone)
        }
        do { try ScenarioLoader.check(s) } catch { return nil }
        return s
    }

    /// The oracle's lexicographic choice among every optimal layout's set of placed firms, in lot order, and the
    /// firms placed in some optimal layouts and not in others.
    static func oracle(_ sets: Set<Set<String>>, order: [String]) -> (placed: Set<String>, tied: Set<String>) {
        var left = Array(sets)
        var tied: Set<String> = []
        for f in order {
            let with = left.filter { $0.contains(f) }
            if !with.isEmpty { left = with }
        }
        for f in order where sets.contains(where: { $0.contains(f) }) && sets.contains(where: { !$0.contains(f) }) {
            tied.insert(f)
        }
        return (left[0], tied)
    }

    @Test(arguments: 1...24)
    func lotteryAgreesWithTheExhaustiveOracle(seed: UInt64) throws {
        guard let s = Self.withClones(seed: seed) else { return }
        guard let enumerated = try ExhaustiveSearch(scenario: s).optimalPlacedSets() else { return }
        let (best, lottery) = try Self.draw(s, seed: "seed \(seed)")
        #expect(best.status == .optimal)
        let layout = try #require(lottery.layout)
        let report = LayoutVerifier(scenario: s).verify(layout)
        #expect(report.isFeasible, "seed \(seed)")
        #expect(abs(report.score.total - enumerated.score) <= 1e-9 * max(1, abs(enumerated.score)), "seed \(seed)")
        let expected = Self.oracle(enumerated.sets, order: lottery.order)
        let placed = Set(s.firms.map(\.id).filter { layout.plot(of: $0) != nil })
        #expect(placed == expected.placed, "seed \(seed)")
        #expect(Set(lottery.groups.flatMap(\.firms)) == expected.tied, "seed \(seed)")
        for g in lottery.groups {
            #expect(Set(g.wonByLot).isSubset(of: placed) && Set(g.lostByLot).isDisjoint(with: placed))
        }
        #expect(lottery.undecided.isEmpty)
    }

    /// The clone scenarios are not vacuous: ties, and lots that change the layout, occur among them.
    @Test func cloneScenariosHaveTies() throws {
        var tiedCases = 0, changed = 0
        for seed in UInt64(1)...24 {
            guard let s = Self.withClones(seed: seed), (try ExhaustiveSearch(scenario: s).optimalPlacedSets()) != nil
            else { continue }
            let (best, lottery) = try Self.draw(s, seed: "seed \(seed)")
            if !lottery.groups.isEmpty { tiedCases += 1 }
            if lottery.layout != best.layout { changed += 1 }
        }
        #expect(tiedCases >= 5, "\(tiedCases)")
        #expect(changed >= 1, "\(changed)")
    }

    /// A run a limit stopped is not proven: the lot decided among layouts of the best score found, and says so.
    @Test func unprovenSolveDrawsAmongTheBestFound() throws {
        let s = Self.symmetric()
        var best = try Self.allocator.allocate(s)
        best.status = .feasible
        best.termination = .workLimit
        let lottery = try Lottery(seed: "x", scenario: s, allocator: Self.allocator).draw(in: s, best: best)
        #expect(lottery.basis == .bestFound)
        #expect(lottery.groups.count == 1)
    }

    /// Without a layout nothing is drawn; seeds are checked like every scenario value.
    @Test func noLayoutAndBadSeeds() throws {
        var s = Self.symmetric()
        s.firms[0].required = true
        s.firms[0].area = AreaRange(min: 5000, max: 6000)
        let best = try Self.allocator.allocate(s)
        #expect(best.layout == nil)
        let lottery = try Lottery(seed: "x", scenario: s, allocator: Self.allocator).draw(in: s, best: best)
        #expect(lottery.layout == nil && lottery.groups.isEmpty && lottery.solves == 0)
        #expect(SolverSettings.lotterySeedProblem("") != nil)
        #expect(SolverSettings.lotterySeedProblem("a\nb") != nil)
        #expect(SolverSettings.lotterySeedProblem("2026-12-05 board") == nil)
    }

    /// The scenario key and the flag's override reach the session; the receipt (text and JSON) names the tied
    /// firms, their ranks and who won by lot; the layout is the lot's, the score the optimum.
    @Test func solveSessionDrawsAndTheReceiptNamesTheTies() throws {
        let path = SolveSessionTests.path("Tests/PlotAllocTests/Fixtures/lottery.yaml")
        let outcome = try SolveSession(.init(path: path)).run()
        #expect(outcome.result.status == .optimal && outcome.result.objective == 40)
        let lottery = try #require(outcome.lottery)
        #expect(lottery.seed == "board meeting 2026-12-05")
        #expect(outcome.result.layout == lottery.layout)
        #expect(outcome.result.layout?.plot(of: "F1") == nil)
        #expect(outcome.unplaced.map(\.firm) == ["F1"])
        #expect(outcome.unplaced[0].message.hasSuffix("; tied on score: left out by lot (rank 3 in the draw)"))
        let text = SolveTextReport.render(outcome)
        #expect(text.contains("lottery seed \"board meeting 2026-12-05\""))
        #expect(text.contains("tied: F2, F3, F1: won by lot F2 (rank 1), F3 (rank 2); lost by lot F1 (rank 3)"))
        #expect(text.contains("ties broken among the optimal layouts (score 40)"))
        #expect(text.contains("lot order: F2 F3 F1"))

        // --lottery-seed 5 overrides the scenario's: the order is F1 F2 F3 (sha256sum), so F3 loses.
        let other = try SolveSession(.init(path: path, settings: SolverSettings(lotterySeed: "5"))).run()
        #expect(other.result.layout?.plot(of: "F3") == nil && other.result.layout?.plot(of: "F1") != nil)
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(SolveJSONReport(outcome: other).render().utf8)) as? [String: Any])
        let receipt = try #require(json["receipt"] as? [String: Any])
        #expect(receipt["lottery_seed"] as? String == "5")
        let drawn = try #require(receipt["lottery"] as? [String: Any])
        #expect(drawn["basis"] as? String == "optimum")
        #expect(drawn["order"] as? [String] == ["F1", "F2", "F3"])
        let tied = try #require((drawn["tied"] as? [[String: Any]])?.first)
        #expect(tied["won_by_lot"] as? [String] == ["F1", "F2"])
        #expect(tied["lost_by_lot"] as? [String] == ["F3"])
    }

    /// `solve --html` and `compare --html` carry the receipt (input SHA-256, version, seeds, limits, what ended the
    /// run) and, with a lottery, who won and lost by lot; the compare JSON carries each solved column's receipt.
    @Test func htmlReportsCarryTheReceiptAndTheLottery() throws {
        let fixture = "Tests/PlotAllocTests/Fixtures/lottery.yaml"
        let digest = SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: SolveSessionTests.path(fixture))))
        let outcome = try SolveSession(.init(path: SolveSessionTests.path(fixture),
                                             settings: SolverSettings(workLimit: 50))).run()
        let page = HTMLReport.solve(outcome)
        #expect(page.contains("<h2>Ties decided by lot</h2>"))
        #expect(page.contains("<h2>Receipt</h2>"))
        #expect(page.contains("<th>input SHA-256</th><td>\(digest)</td>"))
        #expect(page.contains("<th>lottery seed</th><td>&quot;board meeting 2026-12-05&quot;</td>"))
        #expect(page.contains("<th>limits</th><td>work limit 50</td>"))
        #expect(page.contains("<td>F1</td><td>CV Satu</td><td class=\"num\">3</td><td>lost: left out</td>"))
        #expect(page.contains("<td>F2</td><td>CV Dua</td><td class=\"num\">1</td><td>won: placed</td>"))
        #expect(page.contains("2 firms placed and 1 left out by lot, not by merit"))

        let run = try CLI.run(["compare", fixture, fixture, "--lottery-seed", "5", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let columns = try #require(json["columns"] as? [[String: Any]])
        for column in columns {
            let receipt = try #require(column["receipt"] as? [String: Any])
            #expect(receipt["input_sha256"] as? String == digest)
            #expect(receipt["lottery_seed"] as? String == "5")
            #expect((receipt["lottery"] as? [String: Any])?["order"] as? [String] == ["F1", "F2", "F3"])
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plotalloc-lottery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("hand.csv")
        try "firm,plot\nF1,P1\n".write(to: csv, atomically: true, encoding: .utf8)
        let html = dir.appendingPathComponent("compare.html").path
        let compared = try CLI.run(["compare", "\(fixture):\(csv.path)", fixture, "--html", html])
        #expect(compared.status == 0, "\(compared.stderr)")
        let comparison = try String(contentsOfFile: html, encoding: .utf8)
        #expect(comparison.contains("<h2>Receipt</h2>"))
        #expect(comparison.contains("<h2>Ties decided by lot in lottery</h2>"))
        #expect(comparison.contains("\(fixture) (\(digest))"))
        let csvDigest = SHA256.hex(try Data(contentsOf: csv))
        #expect(comparison.contains("given: \(csv.path) (\(csvDigest))"))
    }
}
