import Testing
@testable import MIPModel
@testable import Estate
@testable import Allocation

private typealias T = AllocationTestScenarios

/// The formulation's structure, checked without solving.
@Suite struct FormulationTests {
    @Test func variablesExistOnlyForEligiblePairs() {
        let s = T.small()
        let m = Formulation.build(s)
        let eligibility = Eligibility(scenario: s)
        var eligible = 0
        for f in s.firms { for p in s.site.plots where eligibility.mayTake(firm: f, plot: p) { eligible += 1 } }
        #expect(eligible == 18)
        #expect(m.assignmentVariables.count == 18)
        for a in m.assignmentVariables {
            #expect(eligibility.mayTake(firm: s.firms[a.firm], plot: s.site.plots[a.plot]))
            #expect(m.model.variables[a.variable.index].kind == .binary)
        }
        #expect(m.structuralConflicts.isEmpty)
    }

    @Test func rowsPerRuleOnTheSmallCase() {
        // Worked by hand in the test's comments: 5 firm rows, 5 plot rows, 3 separation rows (foundry on P1/P2 vs
        // assembly on P3/P4 within 45 m), 4 neighbour pairs × 3 positive sector pairs = 12 y, each pair 4 rows.
        let m = Formulation.build(T.small())
        #expect(m.rowsByRule["firm"] == 5)
        #expect(m.rowsByRule["plot"] == 5)
        #expect(m.rowsByRule["power"] == nil)  // 50 kVA can never exceed 1000 kVA: no row
        #expect(m.rowsByRule["separation_sector"] == 3)
        #expect(m.rowsByRule["closeness_sector"] == 16)
        #expect(m.closenessTerms.count == 12)
        #expect(m.model.variables.count == 30)
        #expect(m.model.constraints.count == 29)
        #expect(m.objectiveConstant == 0)
        #expect(m.model.objective.sense == .maximize)
    }

    @Test func fixedIncumbentIsFixedByBoundsAndItsValueIsTheConstant() {
        let incumbent = T.firm("F6", "foundry", area: 250...400, workers: 20, incumbent: "P1")
        let s = T.small(extraFirms: [incumbent])
        let m = Formulation.build(s)
        let own = m.assignmentVariables.filter { $0.firm == 5 }
        #expect(own.count == 1)
        #expect(own.first?.isFixed == true)
        let def = m.model.variables[own[0].variable.index]
        #expect(def.lower == 1 && def.upper == 1)
        // Nobody else may take P1; no assembly firm on P3 (40 m from the foundry incumbent, X-rated).
        #expect(m.assignmentVariables.filter { $0.plot == 0 && $0.firm != 5 }.isEmpty)
        #expect(m.variable(firm: 3, plot: 2) == nil && m.variable(firm: 4, plot: 2) == nil)
        #expect(m.variable(firm: 3, plot: 3) != nil)
        // Its placement is the constant; its A-rated closeness to machining on P2 is in those x coefficients.
        #expect(m.objectiveConstant == s.rules.placementValue.value(of: incumbent))
        let x = m.variable(firm: 1, plot: 1)!
        let coefficient = m.model.objective.expression.normalized().terms.first { $0.variable == x }?.coefficient
        #expect(coefficient == s.rules.placementValue.value(of: s.firms[1]) + 8)
    }

    @Test func movableIncumbentsPayThePenaltyInTheConstantAndEarnItBackAtHome() {
        let incumbent = T.firm("F6", "machining", area: 150...300, incumbent: "P3")
        let s = T.small(incumbents: .movable(movePenalty: 7), extraFirms: [incumbent])
        let m = Formulation.build(s)
        #expect(m.objectiveConstant == -7)
        let home = m.variable(firm: 5, plot: 2)!
        let away = m.variable(firm: 5, plot: 3)!
        let terms = m.model.objective.expression.normalized().terms
        let value = s.rules.placementValue.value(of: incumbent)
        #expect(terms.first { $0.variable == home }?.coefficient == value + 7)
        #expect(terms.first { $0.variable == away }?.coefficient == value)
        let row = m.model.constraints.first { $0.name == "firm_5" }
        #expect(row?.bounds == .equal(1))
    }

    @Test func structuralConflictsBecomeEmptyInfeasibleRows() {
        // The incumbent's own plot is too small for it.
        let s = T.small(extraFirms: [T.firm("F6", "foundry", area: 350...400, incumbent: "P1")])
        let m = Formulation.build(s)
        #expect(m.structuralConflicts.count == 1)
        #expect(m.structuralConflicts[0].contains("F6 may not keep its plot P1"))
        let row = m.model.constraints.first { $0.name.hasPrefix("conflict_") }
        #expect(row?.expression.terms.isEmpty == true)
        #expect(row?.bounds == .equal(1))
    }

    @Test func xSeparationUsesBicliquesOverSectorSets() {
        // Foundry and machining are both X with assembly: one row covers both on the heavy side.
        var s = T.small()
        s.closeness.sectors = [
            PairRating(a: "foundry", b: "assembly", rating: .x), PairRating(a: "machining", b: "assembly", rating: .x),
        ]
        let m = Formulation.build(s)
        let rows = m.model.constraints.filter { $0.name.hasPrefix("sep_") }
        // The row for P2 (foundry or machining) against P3 (assembly) holds x[F1,P2], x[F2,P2], x[F3,P2] and both
        // assembly firms on P3.
        let want: Set<Variable> = [
            m.variable(firm: 0, plot: 1)!, m.variable(firm: 1, plot: 1)!, m.variable(firm: 2, plot: 1)!,
            m.variable(firm: 3, plot: 2)!, m.variable(firm: 4, plot: 2)!,
        ]
        #expect(rows.contains { Set($0.expression.terms.map(\.variable)) == want && $0.bounds == .lessOrEqual(1) })
    }

    @Test func trianglesOfNeighboursGetOddCycleRows() {
        // Plots 12 m apart: P3, P4, P5 are mutual neighbours (12 and 24 m). Machining (M) and assembly (A) are
        // E-rated, M–M is I-rated: the split {M} | {A} crosses M–A and A–M on each pair, at most two of which can
        // hold in any layout (a triangle cannot be two-coloured); M–M never crosses.
        let m = Formulation.build(FormulationTests.scenario("triangles"))
        let rows = m.model.constraints.filter { $0.name.hasPrefix("tri_2_3_4_") }
        #expect(!rows.isEmpty)
        #expect(m.rowsByRule["closeness_triangle"] == m.model.constraints.filter { $0.name.hasPrefix("tri_") }.count)
        var crossing: Set<Variable> = []
        var same: Set<Variable> = []
        for (v, term) in m.closenessTerms {
            guard case let .sectorPair(p, q, s, t, _) = term, (2...4).contains(p), (2...4).contains(q) else { continue }
            if s == t { same.insert(v) } else { crossing.insert(v) }
        }
        #expect(crossing.count == 6)  // M–A and A–M on each of the three pairs
        #expect(rows.contains { Set($0.expression.terms.map(\.variable)) == crossing && $0.bounds == .lessOrEqual(2) })
        for row in m.model.constraints where row.name.hasPrefix("tri_") {
            #expect(row.bounds == .lessOrEqual(2))
            #expect(Set(row.expression.terms.map(\.variable)).isDisjoint(with: same))
        }
        // The fractional point the transportation rows allow: every plot ½ M and ½ A, every crossing y at ½,
        // scores 3 × 4 on the triangle; the row caps it at 2 × 4, which is what a layout can earn.
        var point = [Double](repeating: 0, count: m.model.variables.count)
        for v in crossing { point[v.index] = 0.5 }
        #expect(rows.contains { $0.expression.evaluate(point) > 2 + 1e-9 })
    }

    @Test func positiveFirmPairsGetPlotPairTransportationRows() {
        // F1–F2 (E) and F3–F5 (A) are positive: one w per neighbouring plot pair, each in exactly two rows (its
        // firm-f plot row and its firm-g plot row, both `≤ 0` against one x). F4–F5 (O at −3) keeps u[f,g,p].
        let s = FormulationTests.scenario("firm-ratings")
        let m = Formulation.build(s)
        let geometry = SiteGeometry(scenario: s)
        var edges = 0, negatives = 0
        for (v, term) in m.closenessTerms {
            switch term {
            case let .firmPairEdge(f, g, p, q):
                edges += 1
                #expect(geometry.areNeighbours(p, q))
                let xf = m.variable(firm: f, plot: p)!, xg = m.variable(firm: g, plot: q)!
                let rows = m.model.constraints.filter { $0.expression.terms.contains { $0.variable == v } }
                #expect(rows.count == 2)
                #expect(rows.allSatisfy { $0.bounds == .lessOrEqual(0) })
                #expect(rows.contains { $0.expression.terms.contains { $0.variable == xf && $0.coefficient == -1 } })
                #expect(rows.contains { $0.expression.terms.contains { $0.variable == xg && $0.coefficient == -1 } })
            case .firmPair(_, _, _, let positive):
                negatives += 1
                #expect(!positive)
            case .sectorPair:
                break
            }
        }
        #expect(edges > 0)
        #expect(negatives > 0)
    }

    @Test func powerRowsAreRoundedAndFirmsTooHungryForTheirBlockGetNoVariable() {
        // Block of 55 kVA, the fixed incumbent on P5 draws 10: 45 left. F5 (50 kVA) can never fit: no variable.
        // Rounding by T = 20: ⌊20/20⌋ F2 + ⌊30/20⌋ F3 + ⌊40/20⌋ F4 ≤ ⌊45/20⌋, i.e. F2 + F3 + 2·F4 ≤ 2.
        let s = FormulationTests.scenario("power-mixed")
        let m = Formulation.build(s)
        #expect(m.assignmentVariables.filter { $0.firm == 4 }.isEmpty)
        #expect(m.assignmentVariables.contains { $0.firm == 3 })
        let rounding = m.model.constraints.filter { $0.name.hasPrefix("powercg_") }
        #expect(m.rowsByRule["power_rounding"] == rounding.count)
        let f4 = Set(m.assignmentVariables.filter { $0.firm == 3 }.map(\.variable))
        let f2 = Set(m.assignmentVariables.filter { $0.firm == 1 }.map(\.variable))
        #expect(rounding.contains { row in
            row.bounds == .lessOrEqual(2)
                && row.expression.terms.allSatisfy { !f4.contains($0.variable) || $0.coefficient == 2 }
                && row.expression.terms.contains { f2.contains($0.variable) && $0.coefficient == 1 }
        })
        for row in rounding {
            #expect(row.expression.terms.allSatisfy { $0.coefficient == $0.coefficient.rounded() && $0.coefficient > 0 })
        }
    }

    /// The model encodes the rules exactly: over every layout of several small cases, the layout is feasible by
    /// the rules iff its vector satisfies the model, and then the objective equals the score.
    @Test(arguments: FormulationTests.variants)
    func everyLayoutAgreesWithTheRules(variant: String) throws {
        let s = FormulationTests.scenario(variant)
        let m = Formulation.build(s)
        try m.model.validate()
        var feasible = 0
        for layout in T.allLayouts(s) {
            let reference = T.referenceScore(s, layout)
            guard let start = m.startVector(for: Layout(assignments: layout)) else {
                #expect(reference == nil, "layout \(layout) is feasible but has no vector")
                continue
            }
            let violation = m.model.firstViolation(of: start)
            #expect((violation == nil) == (reference != nil), "layout \(layout): \(violation ?? "model-feasible")")
            if let reference, violation == nil {
                feasible += 1
                let objective = m.model.objective.expression.evaluate(start)
                #expect(abs(objective - reference) < 1e-9, "layout \(layout): \(objective) vs \(reference)")
                #expect(m.layout(from: start).assignments == layout)
            }
        }
        #expect(feasible > 0)
    }

    static let variants = [
        "small", "fixed-incumbent", "movable", "firm-x", "negative-x", "quota-count", "quota-share", "power",
        "firm-ratings", "required", "triangles", "triangles-fixed",
        "power-mixed",
    ]

    static func scenario(_ name: String) -> Scenario {
        switch name {
        case "fixed-incumbent":
            return T.small(extraFirms: [T.firm("F6", "machining", area: 150...300, incumbent: "P4")])
        case "movable":
            return T.small(
                incumbents: .movable(movePenalty: 9),
                extraFirms: [T.firm("F6", "machining", area: 150...300, incumbent: "P4")])
        case "firm-x":
            var s = T.small()
            s.closeness.firms = [PairRating(a: "F2", b: "F3", rating: .x)]
            return s
        case "negative-x":
            var s = T.small()
            s.rules.ratingWeights.x = -5
            s.rules.adjacencyDistance = 45  // X pairs 40 m apart are neighbours but too close; 60 m is neither
            s.rules.separationDistance = 25
            s.closeness.firms = [PairRating(a: "F2", b: "F4", rating: .x)]
            return s
        case "quota-count":
            var s = T.small()
            s.rules.quotas = [Quota(sector: "assembly", minCount: 2)]
            return s
        case "quota-share":
            var s = T.small(extraFirms: [T.firm("W", "machining", area: 100...300, kind: .sharedFacility)])
            s.rules.quotas = [Quota(tag: "member", minShare: 0.5)]
            s.firms[0].tags = ["member"]
            s.firms[3].tags = ["member"]
            return s
        case "power":
            var s = T.small()
            s.site.powerBlocks = [PowerBlock(id: "B1", capacityKVA: 25)]
            return s
        case "firm-ratings":
            var s = T.small()
            s.closeness.firms = [
                PairRating(a: "F1", b: "F2", rating: .e), PairRating(a: "F3", b: "F5", rating: .a),
                PairRating(a: "F4", b: "F5", rating: .o),
            ]
            s.rules.ratingWeights.o = -3  // a negative weight on a firm pair: the lower linearisation
            return s
        case "required":
            var s = T.small()
            s.firms[4].required = true
            s.firms[0].required = true
            return s
        case "triangles":
            // Plots 12 m apart: consecutive and next-but-one plots are neighbours (triangles), X pairs need 45 m.
            return T.scenario(
                plots: T.plots([300, 300, 200, 200, 150, 200], heavy: 2, spacing: 12),
                firms: T.small().firms + [T.firm("F6", "machining", area: 150...250, workers: 7)],
                sectorRatings: T.small().closeness.sectors + [
                    PairRating(a: "assembly", b: "assembly", rating: .o),
                ])
        case "power-mixed":
            // kVA 10, 20, 30, 40, 50 on one 55 kVA block with a fixed 10 kVA incumbent: rounding rows and a firm
            // that never fits.
            var s = T.small(extraFirms: [T.firm("F6", "assembly", area: 100...200, kva: 10, incumbent: "P5")])
            for (i, kva) in [10.0, 20, 30, 40, 50].enumerated() { s.firms[i].powerKVA = kva }
            s.site.powerBlocks = [PowerBlock(id: "B1", capacityKVA: 55)]
            return s
        case "triangles-fixed":
            // The same with a fixed incumbent in the middle of the line: triangles through its plot are linear.
            var s = FormulationTests.scenario("triangles")
            s.firms.append(T.firm("F7", "assembly", area: 100...250, incumbent: "P4"))
            return s
        default:
            return T.small()
        }
    }
}
