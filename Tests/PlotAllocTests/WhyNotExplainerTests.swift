import Testing
@testable import Estate
@testable import Allocation
@testable import Reports

private typealias T = AllocationTestScenarios

/// "Why not this firm?" with real GLPK solves, on a two-plot site computed by hand.
///
/// P1 heavy 300 m² at x = 0, P2 general 200 m² at x = 20: neighbours (adjacency 25 m). Placement value with the
/// default weights and 2e9 IDR turnover = 10 + workers + 1. M machining (P1 or P2) 20 workers: 31; A assembly (P2
/// only) 10 workers: 21; D foundry (P1 only) 3 workers: 14. Ratings: foundry–machining A (8), machining–assembly E (4).
/// Optimum: M on P1, A on P2: 31 + 21 + 4 = 56. With D required: D on P1, M on P2: 14 + 31 + 8 = 53 (D with A
/// would score 35). So D costs 3: placement −7, closeness +4; A is displaced and M moves from P1 to P2.
@Suite struct WhyNotExplainerTests {
    static func site(extra: [Firm] = [], capacity: Double = 1000) -> Scenario {
        T.scenario(
            plots: T.plots([300, 200], heavy: 1),
            firms: [
                T.firm("M", "machining", area: 150...300, workers: 20),
                T.firm("A", "assembly", area: 100...250, workers: 10),
                T.firm("D", "foundry", area: 250...400, workers: 3),
            ] + extra,
            sectorRatings: [
                PairRating(a: "foundry", b: "machining", rating: .a),
                PairRating(a: "machining", b: "assembly", rating: .e),
            ],
            blocks: [PowerBlock(id: "B1", capacityKVA: capacity)])
    }

    @Test func outcompetedFirmDisplacesAndMovesOthers() throws {
        let s = Self.site()
        let e = try WhyNotExplainer().explain(firm: "D", in: s)
        guard case .wouldBePlaced(let c) = e.outcome else {
            Issue.record("expected a placement, got \(e.outcome)")
            return
        }
        #expect(c.plot == "P1")
        #expect(c.before.total == 56)
        #expect(c.after.total == 53)
        #expect(c.scoreChange == -3)
        #expect(c.placementChange == -7)
        #expect(c.closenessChange == 4)
        #expect(c.relocationChange == 0)
        #expect(c.displaced == [.init(firm: "A", plot: "P2")])
        #expect(c.moved == [.init(firm: "M", from: "P1", to: "P2")])
        #expect(c.joined.isEmpty)
        #expect(c.isProven && c.isLeastDisruptive)
        #expect(LayoutVerifier(scenario: s).verify(c.layout).isFeasible)
        #expect(WhyNotTextReport(scenario: s, explanation: e).render() == """
            Why not D (foundry)?
              Requiring D places it on P1.
              Score: 56 -> 53 (-3)
                placement -7, closeness +4, relocation 0
                closeness by rating: A +8, E -4
              Displaced: A (assembly) from P2
              Moved: M (machining) P1 -> P2
              (of the layouts with this score, the one keeping the most current assignments)

            """)
    }

    @Test func baselineFromTheCallerIsUsed() throws {
        let s = Self.site()
        let base = try Allocator().allocate(s)
        let e = try WhyNotExplainer().explain(firm: "D", in: s, baseline: base)
        guard case .wouldBePlaced(let c) = e.outcome else {
            Issue.record("expected a placement")
            return
        }
        #expect(c.scoreChange == -3)
    }

    @Test func alreadyPlacedFirm() throws {
        let e = try WhyNotExplainer().explain(firm: "M", in: Self.site())
        guard case .alreadyPlaced(let plot) = e.outcome else {
            Issue.record("expected already placed, got \(e.outcome)")
            return
        }
        #expect(plot == "P1")
        #expect(WhyNotTextReport(scenario: Self.site(), explanation: e).render()
            == "Why not M (machining)?\n  M is already placed, on P1.\n")
    }

    @Test func firmWithNoEligiblePlotIsAnsweredWithoutSolving() throws {
        let s = Self.site(extra: [T.firm("X", "foundry", area: 600...800)])
        let e = try WhyNotExplainer().explain(firm: "X", in: s)
        guard case .noEligiblePlot(let reason) = e.outcome else {
            Issue.record("expected no eligible plot, got \(e.outcome)")
            return
        }
        #expect(reason.kind == .noEligiblePlot)
        #expect(reason.message == "needs 600–800 m², the largest plot open to foundry is 300 m²")
        #expect(WhyNotTextReport(scenario: s, explanation: e).render().hasPrefix(
            "Why not X (foundry)?\n  X has no plot it may take: needs 600–800 m², the largest plot open to foundry is 300 m².\n"))
    }

    @Test func requiringTheFirmIsInfeasible() throws {
        // D needs 50 kVA; the block has 40.
        var s = Self.site(capacity: 40)
        s.firms[2].powerKVA = 50
        let e = try WhyNotExplainer().explain(firm: "D", in: s)
        guard case .infeasibleWhenRequired(let d) = e.outcome else {
            Issue.record("expected infeasible, got \(e.outcome)")
            return
        }
        #expect(d.relaxedGroups == [.required])
        let c = try #require(d.conflicts.first)
        #expect(c.groups == [.required, .power])
        #expect(c.members == [.requiredFirm("D"), .powerBlock("B1")])
        #expect(c.message == "power block B1: required firm D needs at least 50 kVA on its plots, capacity 40 kVA")
    }

    @Test func unknownFirmIsAnErrorWithASuggestion() {
        for (id, expected) in [
            ("m", "--explain: firm m is not in the scenario; expected a firm id (did you mean M?)"),
            ("Zebra-42", "--explain: firm Zebra-42 is not in the scenario; expected a firm id"),
        ] {
            #expect {
                _ = try WhyNotExplainer().explain(firm: id, in: Self.site())
            } throws: { error in
                (error as? WhyNotError)?.description == expected
            }
        }
    }
}
