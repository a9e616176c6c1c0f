import Testing
@testable import PlotAllocSupport
@testable import MIPModel
@testable import Estate
@testable import Allocation

private typealias T = AllocationTestScenarios

/// The whole pipeline with real GLPK: optimum against enumeration, each rule binding, statuses.
@Suite struct AllocatorTests {
    /// Solves with and without the warm start; both must agree with enumeration and with each other.
    func solveBoth(_ s: Scenario) throws -> (AllocationResult, AllocationResult) {
        let warm = try Allocator(warmStart: true, heuristicBudget: 0.2).allocate(s)
        let cold = try Allocator(warmStart: false).allocate(s)
        return (warm, cold)
    }

    @Test(arguments: FormulationTests.variants)
    func optimumEqualsEnumeration(variant: String) throws {
        let s = FormulationTests.scenario(variant)
        let best = T.bruteForceOptimum(s)
        let (warm, cold) = try solveBoth(s)
        for r in [warm, cold] {
            if let best {
                #expect(r.status == .optimal)
                #expect(abs((r.objective ?? .nan) - best) < 1e-6, "\(variant): \(r.objective ?? .nan) vs \(best)")
                #expect(r.report?.isFeasible == true)
                #expect(abs((r.report?.score.total ?? .nan) - best) < 1e-6)
                #expect(T.referenceScore(s, r.layout?.assignments ?? [:]) == r.report?.score.total)
            } else {
                #expect(r.status == .infeasible)
                #expect(r.layout == nil)
            }
        }
    }

    @Test func eachRuleBindsInTurn() throws {
        // Without X separation the foundry would sit next to assembly; with it, it may not.
        var open = T.small()
        open.closeness.sectors.removeAll { $0.rating == .x }
        let free = try Allocator().allocate(open)
        let bound = try Allocator().allocate(T.small())
        #expect(free.status == .optimal && bound.status == .optimal)
        #expect((free.objective ?? 0) >= (bound.objective ?? 0))
        // Power: 25 kVA fits two firms of 10 kVA.
        let power = try Allocator().allocate(FormulationTests.scenario("power"))
        #expect(power.layout?.assignments.count == 2)
        // Quota: two assembly firms must be placed.
        let quota = try Allocator().allocate(FormulationTests.scenario("quota-count"))
        let assembly = quota.layout?.assignments.keys.filter { ["F4", "F5"].contains($0) }.count
        #expect(assembly == 2)
        // Fixed incumbent keeps its plot.
        let fixed = try Allocator().allocate(FormulationTests.scenario("fixed-incumbent"))
        #expect(fixed.layout?.plot(of: "F6") == "P4")
        // Required firms are placed.
        let required = try Allocator().allocate(FormulationTests.scenario("required"))
        #expect(required.layout?.plot(of: "F1") != nil && required.layout?.plot(of: "F5") != nil)
    }

    @Test func infeasibleScenarioIsAResultNotAnError() throws {
        // Two required foundries, two heavy plots 20 m apart, foundry X foundry.
        var s = T.small()
        s.firms[0].required = true
        s.firms.append(T.firm("F6", "foundry", area: 250...400, required: true))
        s.closeness.sectors.append(PairRating(a: "foundry", b: "foundry", rating: .x))
        let r = try Allocator().allocate(s)
        #expect(r.status == .infeasible)
        #expect(r.layout == nil && r.objective == nil && r.bound == nil)
    }

    @Test func structuralConflictIsInfeasible() throws {
        let s = T.small(extraFirms: [T.firm("F6", "foundry", area: 350...400, incumbent: "P1")])
        let r = try Allocator().allocate(s)
        #expect(r.status == .infeasible)
        #expect(r.structuralConflicts.count == 1)
    }

    @Test func interruptedBeforeStartKeepsTheHeuristicLayoutMarkedFeasible() throws {
        let interrupt = SolveInterrupt()
        interrupt.request()
        // Without the block bound, which may prove the layout optimal in the meantime (tested below).
        let r = try Allocator(heuristicBudget: 0.1, blockBound: false).allocate(T.small(), interrupt: interrupt)
        #expect(r.termination == .interrupted)
        #expect(r.interrupted)
        #expect(r.status == .feasible || r.status == .noSolution)
        if r.status == .feasible { #expect(r.report?.isFeasible == true) }
    }

    /// With the block bound on, an interrupt before the start still ends in a verified layout or none, and an
    /// `optimal` status then rests on a bound at the layout's score.
    @Test func interruptedBeforeStartWithTheBlockBound() throws {
        let interrupt = SolveInterrupt()
        interrupt.request()
        let r = try Allocator(heuristicBudget: 0.1).allocate(T.small(), interrupt: interrupt)
        #expect([.feasible, .noSolution, .optimal].contains(r.status))
        if r.status != .noSolution { #expect(r.report?.isFeasible == true) }
        if r.status == .optimal, let o = r.objective {
            #expect(r.boundSource == .blocks || r.boundSource == .search)
            #expect(abs((r.bound ?? .nan) - o) <= 1e-6 * max(1, abs(o)))
        }
    }

    /// The merge of GLPK's bound and the block bound: only the block bound promotes a feasible layout to optimal; a
    /// block bound below a proven optimum is set aside; an infeasible scenario has no bound.
    @Test func boundMerge() {
        // GLPK's own bound at the objective (a stop at a limit): the status stays feasible.
        var m = Allocator.mergeBounds(status: .feasible, objective: 100, solverBound: 100, blockBound: nil)
        #expect(m.status == .feasible && !m.provenByBlocks && m.source == .solver && m.bound == 100)
        m = Allocator.mergeBounds(status: .feasible, objective: 100, solverBound: 100, blockBound: 101)
        #expect(m.status == .feasible && !m.provenByBlocks && m.source == .solver)
        // The block bound reaches the layout: proven.
        m = Allocator.mergeBounds(status: .feasible, objective: 100, solverBound: 104, blockBound: 100.00001)
        #expect(m.status == .optimal && m.provenByBlocks && m.source == .blocks && m.bound == 100.00001)
        // The block bound is smaller but does not reach the layout.
        m = Allocator.mergeBounds(status: .feasible, objective: 100, solverBound: 104, blockBound: 102)
        #expect(m.status == .feasible && !m.provenByBlocks && m.source == .blocks && m.bound == 102)
        // No layout: the smaller bound is reported.
        m = Allocator.mergeBounds(status: .noSolution, objective: nil, solverBound: nil, blockBound: 102)
        #expect(m.status == .noSolution && m.source == .blocks && m.bound == 102)
        // GLPK proved 100 optimal; a block bound of 99 cannot be a bound.
        m = Allocator.mergeBounds(status: .optimal, objective: 100, solverBound: 100, blockBound: 99)
        #expect(m.status == .optimal && m.contradicted && m.source == .solver && m.bound == 100)
        m = Allocator.mergeBounds(status: .infeasible, objective: nil, solverBound: 5, blockBound: 4)
        #expect(m.bound == nil && m.source == nil && !m.contradicted)
    }

    @Test func heuristicLayoutsAreFeasibleOnEveryVariant() {
        for v in FormulationTests.variants {
            let s = FormulationTests.scenario(v)
            let m = Formulation.build(s)
            let out = LayoutHeuristic(scenario: s, model: m).run(timeBudget: 0.2)
            guard let layout = out.layout else { continue }
            let report = LayoutVerifier(scenario: s).verify(layout)
            #expect(report.isFeasible, "\(v): \(report.violations.map(\.message))")
            #expect(abs(report.score.total - out.score) < 1e-6, "\(v): heuristic score \(out.score)")
            #expect(m.startVector(for: layout).flatMap { m.model.firstViolation(of: $0) } == nil)
        }
    }

    @Test(arguments: 0..<16)
    func randomSmallScenariosMatchEnumeration(seed: Int) throws {
        let s = Self.randomScenario(seed: UInt64(seed))
        let best = T.bruteForceOptimum(s)
        let r = try Allocator(heuristicBudget: 0.1).allocate(s)
        if let best {
            #expect(r.status == .optimal)
            #expect(abs((r.objective ?? .nan) - best) < 1e-6, "seed \(seed): \(r.objective ?? .nan) vs \(best)")
        } else {
            #expect(r.status == .infeasible, "seed \(seed)")
        }
    }

    @Test func randomScenariosAreMostlyFeasibleAndNotTrivial() {
        let optima = (0..<16).map { T.bruteForceOptimum(Self.randomScenario(seed: UInt64($0))) }
        let feasible = optima.compactMap { $0 }
        #expect(feasible.count >= 10, "\(optima)")
        #expect(Set(feasible).count >= 8, "\(optima)")
    }

    /// A random scenario of 4–6 firms and 4–6 plots on a 20 m grid, with every rule in play.
    static func randomScenario(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        let nPlots = 4 + Int(rng.next() % 3), nFirms = 4 + Int(rng.next() % 3)
        let sectorIDs = ["foundry", "machining", "assembly"]
        let areas: [Double] = [150, 200, 300]
        var plots: [Plot] = []
        for i in 0..<nPlots {
            let area = areas[Int(rng.next() % 3)]
            let zone = rng.next() % 3 == 0 ? "heavy" : "general"
            let frontage: RoadFrontage = rng.next() % 2 == 0 ? .main : .local
            plots.append(Plot(
                id: "P\(i + 1)", phase: "phase1", area: area, x: Double(i % 3) * 20, y: Double(i / 3) * 20,
                zone: zone, frontage: frontage, powerBlock: i % 2 == 0 ? "B1" : "B2"))
        }
        let kvas: [Double] = [10, 20, 40]
        var firms: [Firm] = []
        for i in 0..<nFirms {
            let sector = sectorIDs[Int(rng.next() % 3)]
            let range: ClosedRange<Double> = rng.next() % 2 == 0 ? 100...250 : 150...350
            let workers = 5 + Int(rng.next() % 15)
            let kva = kvas[Int(rng.next() % 3)]
            let required = rng.next() % 6 == 0
            let tags = rng.next() % 2 == 0 ? ["member"] : []
            var f = T.firm("F\(i + 1)", sector, area: range, workers: workers, kva: kva, required: required, tags: tags)
            f.needsMainRoad = rng.next() % 4 == 0
            firms.append(f)
        }
        if rng.next() % 2 == 0 { firms[0].incumbentPlot = plots[Int(rng.next() % UInt64(nPlots))].id }
        let ratings: [ClosenessRating] = [.a, .e, .i, .o, .u, .x]
        var sectorRatings: [PairRating] = []
        for (i, a) in sectorIDs.enumerated() {
            for b in sectorIDs[i...] where rng.next() % 2 == 0 {
                sectorRatings.append(PairRating(a: a, b: b, rating: ratings[Int(rng.next() % 6)]))
            }
        }
        var firmRatings: [PairRating] = []
        if rng.next() % 2 == 0 {
            firmRatings.append(PairRating(a: "F1", b: "F2", rating: ratings[Int(rng.next() % 6)]))
        }
        var quotas: [Quota] = []
        if rng.next() % 3 == 0 { quotas.append(Quota(tag: "member", minShare: 0.4)) }
        if rng.next() % 3 == 0 { quotas.append(Quota(sector: "machining", minCount: 1)) }
        var s = T.scenario(
            plots: plots, firms: firms, sectorRatings: sectorRatings, firmRatings: firmRatings,
            blocks: [PowerBlock(id: "B1", capacityKVA: 50), PowerBlock(id: "B2", capacityKVA: 60)],
            incumbents: rng.next() % 2 == 0 ? .fixed : .movable(movePenalty: 6), quotas: quotas,
            weights: RatingWeights(x: rng.next() % 3 == 0 ? -3 : 0))
        s.rules.adjacencyDistance = 21 + Double(rng.next() % 10)  // orthogonal, sometimes diagonal neighbours
        s.rules.separationDistance = 21 + Double(rng.next() % 25)
        return s
    }
}
