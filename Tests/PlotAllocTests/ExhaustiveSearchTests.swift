import Testing
@testable import Estate
@testable import PlotAllocTestSupport

/// Two neighbouring plots 20 m apart (too close at 30 m), both open to everyone; three firms.
/// A (assembly, value 15), B (plating, 20), C (machining, 12). Assembly–plating X, machining–assembly A (8),
/// machining–plating O (1). Best: A and C side by side, 15 + 12 + 8 = 35; B and C give 20 + 12 + 1 = 33.
private func threeFirms(required: Set<String> = []) -> Scenario {
    let firm = { (id: String, sector: String, workers: Int) in
        Firm(id: id, name: id, sector: sector, area: AreaRange(min: 100, max: 500), workers: workers, turnover: 0,
             powerKVA: 10, required: required.contains(id))
    }
    return Scenario(
        metadata: Metadata(name: "three firms"),
        site: Site(phases: [Phase(id: "phase1", area: 1000)], zones: [Zone(id: "general")],
                   powerBlocks: [PowerBlock(id: "PB1", capacityKVA: 100)],
                   plots: [
                       Plot(id: "P1", phase: "phase1", area: 300, x: 0, y: 0, zone: "general", frontage: .main,
                            powerBlock: "PB1"),
                       Plot(id: "P2", phase: "phase1", area: 300, x: 20, y: 0, zone: "general", frontage: .local,
                            powerBlock: "PB1"),
                   ]),
        sectors: ["assembly", "plating", "machining"].map { Sector(id: $0, label: $0, zones: ["general"]) },
        closeness: ClosenessChart(sectors: [
            PairRating(a: "assembly", b: "plating", rating: .x),
            PairRating(a: "machining", b: "assembly", rating: .a),
            PairRating(a: "plating", b: "machining", rating: .o),
        ]),
        firms: [firm("A", "assembly", 5), firm("B", "plating", 10), firm("C", "machining", 2)],
        rules: Rules(adjacencyDistance: 25, separationDistance: 30))
}

@Test func findsTheHandComputedOptimum() throws {
    let outcome = try ExhaustiveSearch(scenario: threeFirms()).run()
    // Partial one-to-one maps of 3 firms into 2 plots: 1 + 3·2 + 3·2 = 13; the 2 with A and B together are infeasible.
    #expect(outcome.layoutsExamined == 13)
    #expect(outcome.feasibleLayouts == 11)
    #expect(outcome.bestScore == 35)
    // Of the two mirror images, the first in enumeration order.
    #expect(outcome.layout == Layout(assignments: ["A": "P1", "C": "P2"]))
    #expect(outcome.report?.score == ScoreBreakdown(placement: 27, closeness: 8, relocation: 0,
                                                    closenessByRating: ["A": 8]))
}

@Test func requiredFirmChangesTheOptimumAndConflictsMakeItInfeasible() throws {
    let withB = try ExhaustiveSearch(scenario: threeFirms(required: ["B"])).run()
    #expect(withB.bestScore == 33)
    #expect(withB.layout == Layout(assignments: ["B": "P1", "C": "P2"]))
    let none = try ExhaustiveSearch(scenario: threeFirms(required: ["A", "B"])).run()
    #expect(none.layout == nil)
    #expect(none.report == nil)
    #expect(none.bestScore == nil)
    #expect(none.feasibleLayouts == 0)
    #expect(none.layoutsExamined == 13)
}

@Test func refusesMoreThanSevenFirmsOrPlots() {
    var s = RandomScenario.make(seed: 1, firms: 7...7, plots: 7...7)
    #expect(throws: Never.self) { try ExhaustiveSearch(scenario: s) }
    s.firms.append(Firm(id: "F8", name: "F8", sector: "machining", area: AreaRange(min: 1, max: 1000), workers: 0,
                        turnover: 0, powerKVA: 0))
    #expect(throws: ExhaustiveSearch.TooLarge(firms: 8, plots: 7)) { try ExhaustiveSearch(scenario: s) }
    #expect(ExhaustiveSearch.TooLarge(firms: 8, plots: 7).description
        == "exhaustive search handles at most 7 firms and 7 plots; the scenario has 8 firms and 7 plots")
    s.firms.removeLast()
    s.site.plots.append(s.site.plots[0])
    s.site.plots[7].id = "P8"
    #expect(throws: ExhaustiveSearch.TooLarge(firms: 7, plots: 8)) { try ExhaustiveSearch(scenario: s) }
}

@Test func sevenBySevenAllEligibleExaminesEveryLayout() throws {
    var s = RandomScenario.make(seed: 2, firms: 7...7, plots: 7...7)
    for i in s.firms.indices {
        s.firms[i].sector = "machining"
        s.firms[i].area = AreaRange(min: 1, max: 10_000)
        s.firms[i].needsMainRoad = false
        s.firms[i].maxRent = nil
    }
    let outcome = try ExhaustiveSearch(scenario: s).run()
    // Σ_k C(7,k) · 7!/(7−k)!
    #expect(outcome.layoutsExamined == 130_922)
}

/// Every map of firms to "unplaced" or any plot (eligible or not, shared or not), checked with the public
/// `verify(_:)`: a slower, independent enumeration to hold the fast one against.
private func naiveBest(_ scenario: Scenario) -> (score: Double?, feasible: Int) {
    let verifier = LayoutVerifier(scenario: scenario)
    let firms = scenario.firms.map(\.id), plots = scenario.site.plots.map(\.id)
    var best: Double?
    var feasible = 0
    var assignments: [String: String] = [:]
    func visit(_ i: Int) {
        if i == firms.count {
            let report = verifier.verify(Layout(assignments: assignments))
            guard report.isFeasible else { return }
            feasible += 1
            best = max(best ?? -.infinity, report.score.total)
            return
        }
        assignments[firms[i]] = nil
        visit(i + 1)
        for p in plots {
            assignments[firms[i]] = p
            visit(i + 1)
        }
        assignments[firms[i]] = nil
    }
    visit(0)
    return (best, feasible)
}

@Test(arguments: 1...30)
func agreesWithANaiveEnumerationThroughVerify(seed: UInt64) throws {
    let s = RandomScenario.make(seed: seed, firms: 1...4, plots: 1...4)
    let outcome = try ExhaustiveSearch(scenario: s).run()
    let naive = naiveBest(s)
    #expect(outcome.feasibleLayouts == naive.feasible)
    if let best = naive.score {
        #expect(abs(outcome.bestScore! - best) < 1e-9)
    } else {
        #expect(outcome.layout == nil)
    }
}

@Test func randomScenariosAreDeterministicAndCoverEveryRule() throws {
    #expect(RandomScenario.make(seed: 7) == RandomScenario.make(seed: 7))
    let all = (1...60).map { RandomScenario.make(seed: $0) }
    #expect(all.allSatisfy { $0.firms.count <= 7 && $0.site.plots.count <= 7 })
    #expect(all.contains { $0.closeness.sectors.contains { $0.rating == .x } })
    #expect(all.contains { $0.closeness.firms.contains { $0.rating == .x } })
    #expect(all.contains { $0.closeness.firms.contains { $0.rating == .a } })
    #expect(all.contains { $0.rules.quotas.contains { $0.minCount != nil } })
    #expect(all.contains { $0.rules.quotas.contains { $0.minShare != nil } })
    #expect(all.contains { s in s.firms.contains { $0.required } })
    #expect(all.contains { s in s.firms.contains { $0.kind == .sharedFacility } })
    #expect(all.contains { s in s.rules.incumbents == .fixed && s.firms.contains { $0.isIncumbent } })
    #expect(all.contains { s in s.rules.incumbents != .fixed && s.firms.contains { $0.isIncumbent } })
    // Some are infeasible, some feasible; power and separation bind somewhere.
    var infeasible = 0, powerBinds = false, separationBinds = false
    for s in all.prefix(40) {
        let outcome = try ExhaustiveSearch(scenario: s).run()
        if outcome.layout == nil { infeasible += 1 }
        if outcome.feasibleLayouts < outcome.layoutsExamined {
            var relaxed = s
            for b in relaxed.site.powerBlocks.indices { relaxed.site.powerBlocks[b].capacityKVA = 1e6 }
            if try ExhaustiveSearch(scenario: relaxed).run().feasibleLayouts > outcome.feasibleLayouts {
                powerBinds = true
            }
            relaxed = s
            relaxed.rules.separationDistance = 1
            if try ExhaustiveSearch(scenario: relaxed).run().feasibleLayouts > outcome.feasibleLayouts {
                separationBinds = true
            }
        }
    }
    #expect(infeasible > 0 && infeasible < 40)
    #expect(powerBinds)
    #expect(separationBinds)
    // Every incumbent may take its own plot.
    for s in all {
        let e = Eligibility(scenario: s)
        for f in s.firms {
            guard let own = f.incumbentPlot else { continue }
            #expect(e.mayTake(firm: f, plot: s.site.plots.first { $0.id == own }!))
        }
    }
}
