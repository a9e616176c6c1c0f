import Testing
@testable import Estate

/// A hand-made four-plot site. Plots on a line: P1 (0,0) 300 m² general main rent 100, P2 (20,0) 300 m² general
/// local, P3 (40,0) 500 m² heavy main, P4 (100,0) 500 m² heavy local; PB1 = {P1, P2}, PB2 = {P3, P4}.
/// Adjacency 25 m, separation 40 m: P1–P2 and P2–P3 are neighbours and too close; P1–P3 is exactly 40 m.
/// Placement values (defaults 10 + workers + 0.5/bn IDR + 5/priority): F1 26, F2 15, F3 22, F4 18.
private func site(
    pb1: Double = 160, pb2: Double = 250, policy: IncumbentPolicy = .fixed, quotas: [Quota] = [],
    firmRatings: [PairRating] = [PairRating(a: "F2", b: "F1", rating: .i)]
) -> Scenario {
    let plots = [
        Plot(id: "P1", phase: "phase1", area: 300, x: 0, y: 0, zone: "general", frontage: .main, powerBlock: "PB1",
             rent: 100),
        Plot(id: "P2", phase: "phase1", area: 300, x: 20, y: 0, zone: "general", frontage: .local, powerBlock: "PB1"),
        Plot(id: "P3", phase: "phase1", area: 500, x: 40, y: 0, zone: "heavy", frontage: .main, powerBlock: "PB2"),
        Plot(id: "P4", phase: "phase1", area: 500, x: 100, y: 0, zone: "heavy", frontage: .local, powerBlock: "PB2"),
    ]
    let firms = [
        Firm(id: "F1", name: "CV Logam", sector: "machining", area: AreaRange(min: 200, max: 400), workers: 10,
             turnover: 2e9, powerKVA: 100, maxRent: 80, priority: 1, tags: ["bekasi"]),
        Firm(id: "F2", name: "PT Rakit", sector: "assembly", area: AreaRange(min: 200, max: 400), workers: 5,
             turnover: 0, powerKVA: 50, needsMainRoad: true),
        Firm(id: "F3", name: "CV Krom", sector: "plating", area: AreaRange(min: 400, max: 600), workers: 12,
             turnover: 0, powerKVA: 150, required: true),
        Firm(id: "F4", name: "UD Bubut", sector: "machining", area: AreaRange(min: 200, max: 600), workers: 8,
             turnover: 0, powerKVA: 80, incumbentPlot: "P4"),
    ]
    return Scenario(
        metadata: Metadata(name: "verifier test"),
        site: Site(phases: [Phase(id: "phase1", area: 2000)], zones: [Zone(id: "general"), Zone(id: "heavy")],
                   powerBlocks: [PowerBlock(id: "PB1", capacityKVA: pb1), PowerBlock(id: "PB2", capacityKVA: pb2)],
                   plots: plots),
        sectors: [
            Sector(id: "machining", label: "Machining", zones: ["general", "heavy"]),
            Sector(id: "assembly", label: "Assembly", zones: ["general"]),
            Sector(id: "plating", label: "Plating", zones: ["heavy"]),
        ],
        closeness: ClosenessChart(
            sectors: [
                PairRating(a: "machining", b: "assembly", rating: .a),
                PairRating(a: "assembly", b: "plating", rating: .x),
                PairRating(a: "machining", b: "machining", rating: .e),
            ],
            firms: firmRatings),
        firms: firms,
        rules: Rules(adjacencyDistance: 25, separationDistance: 40, incumbents: policy, quotas: quotas))
}

/// The feasible layout: F2 P1, F1 P2, F3 P3, F4 P4.
private let good = Layout(assignments: ["F2": "P1", "F1": "P2", "F3": "P3", "F4": "P4"])

private func verify(_ layout: Layout, in scenario: Scenario = site()) -> VerificationReport {
    LayoutVerifier(scenario: scenario).verify(layout)
}

@Test func feasibleLayoutHasNoViolationsAndItsHandComputedScore() {
    let report = verify(good)
    #expect(report.isFeasible)
    #expect(report.violations == [])
    // placement 26 + 15 + 22 + 18; closeness: P1–P2 holds assembly F2 and machining F1 (A 8, firm pair I 2);
    // P2–P3 machining–plating is unrated; P1–P3 (40 m) and P3–P4 (60 m) are not neighbours.
    #expect(report.score == ScoreBreakdown(placement: 81, closeness: 10, relocation: 0,
                                           closenessByRating: ["A": 8, "I": 2]))
    #expect(report.score.total == 91)
}

@Test func sameSectorRatingCountsForMachiningNeighbours() {
    // F4 moves to P3 next to F1 on P2: machining–machining E 4 is added; F3 goes to F4's plot.
    let report = verify(Layout(assignments: ["F2": "P1", "F1": "P2", "F4": "P3", "F3": "P4"]),
                        in: site(policy: .movable(movePenalty: 7)))
    #expect(report.violations == [])
    #expect(report.score == ScoreBreakdown(placement: 81, closeness: 14, relocation: 7,
                                           closenessByRating: ["A": 8, "I": 2, "E": 4]))
    #expect(report.score.total == 88)
}

@Test func relocationCountsOnlyMovedIncumbents() {
    let movable = site(policy: .movable(movePenalty: 7))
    #expect(verify(good, in: movable).score.relocation == 0)
    // Unplaced incumbents are not relocated (they break a rule instead).
    let report = verify(Layout(assignments: ["F2": "P1", "F1": "P2", "F3": "P3"]), in: movable)
    #expect(report.score.relocation == 0)
    #expect(report.violations.map(\.rule) == [.incumbentUnplaced])
}

@Test func negativeXWeightScoresXNeighboursFarEnoughApart() {
    var s = site()
    s.rules.ratingWeights.x = -3
    s.rules.separationDistance = 15
    // F2 (assembly) on P2 and F3 (plating) on P3: 20 m, neighbours, not too close at 15 m.
    let report = verify(Layout(assignments: ["F2": "P1", "F1": "P2", "F3": "P3", "F4": "P4"]), in: s)
    #expect(report.isFeasible)
    let swapped = verify(Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3", "F4": "P4"]), in: s)
    #expect(swapped.score.closenessByRating == ["A": 8, "I": 2, "X": -3])
    #expect(swapped.score.closeness == 7)
    #expect(report.score.closeness == 10)
}

@Test func unknownFirmAndUnknownPlotAreReportedAndLeftOutOfTheScore() {
    var layout = good
    layout.assignments["G9"] = "P9"
    let report = verify(layout)
    #expect(report.violations == [
        Violation(rule: .unknownFirm, message: "firm G9 (on plot P9) is not in the scenario", firms: ["G9"]),
        Violation(rule: .unknownPlot, message: "plot P9 (given to G9) is not in the scenario",
                  firms: ["G9"], plots: ["P9"]),
    ])
    #expect(report.score.total == 91)
}

@Test func knownFirmOnUnknownPlotIsUnplacedInTheScore() {
    var layout = good
    layout.assignments["F1"] = "Q1"
    let report = verify(layout)
    #expect(report.violations == [
        Violation(rule: .unknownPlot, message: "plot Q1 (given to F1) is not in the scenario",
                  firms: ["F1"], plots: ["Q1"]),
    ])
    #expect(report.score == ScoreBreakdown(placement: 55, closeness: 0, relocation: 0))
}

@Test func unknownFirmOnAKnownPlotSharesIt() {
    var layout = good
    layout.assignments["G1"] = "P3"
    #expect(verify(layout).violations == [
        Violation(rule: .unknownFirm, message: "firm G1 (on plot P3) is not in the scenario",
                  firms: ["G1"], plots: ["P3"]),
        Violation(rule: .plotShared, message: "plot P3 is given to 2 firms: F3, G1; a plot holds at most one firm",
                  firms: ["F3", "G1"], plots: ["P3"]),
    ])
}

@Test func sharedPlotIsReportedAndBothFirmsScored() {
    let report = verify(Layout(assignments: ["F1": "P1", "F2": "P1", "F3": "P3", "F4": "P4"]))
    // F1 on P1 also breaks its maximum rent.
    #expect(report.violations == [
        Violation(rule: .plotShared, message: "plot P1 is given to 2 firms: F1, F2; a plot holds at most one firm",
                  firms: ["F1", "F2"], plots: ["P1"]),
        Violation(rule: .ineligible, message: "F1 (machining) may not take P1: rent 100 IDR/m² is above the maximum 80",
                  firms: ["F1"], plots: ["P1"]),
    ])
    // Firms on one plot are not neighbours.
    #expect(report.score == ScoreBreakdown(placement: 81, closeness: 0, relocation: 0))
}

@Test func ineligiblePlacementsNameEveryTestThatFails() {
    let report = verify(Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3", "F4": "P4"]))
    #expect(report.violations == [
        Violation(rule: .ineligible, message: "F1 (machining) may not take P1: rent 100 IDR/m² is above the maximum 80",
                  firms: ["F1"], plots: ["P1"]),
        Violation(rule: .ineligible, message: "F2 (assembly) may not take P2: no main-road frontage",
                  firms: ["F2"], plots: ["P2"]),
        Violation(rule: .separation,
                  message: "F2 (assembly) and F3 (plating) are X-rated and 20 m apart; the minimum is 40 m",
                  firms: ["F2", "F3"], plots: ["P2", "P3"]),
    ])
    // Scored anyway: P1–P2 F1/F2 A 8 + I 2; the X pair weighs 0.
    #expect(report.score == ScoreBreakdown(placement: 81, closeness: 10, relocation: 0,
                                           closenessByRating: ["A": 8, "I": 2]))
    let swappedMovable = verify(Layout(assignments: ["F2": "P1", "F1": "P2", "F3": "P4", "F4": "P3"]),
                           in: site(policy: .movable(movePenalty: 1)))
    #expect(swappedMovable.violations.isEmpty)
    let tooBig = verify(Layout(assignments: ["F2": "P3", "F1": "P2", "F4": "P4"]))
    #expect(tooBig.violations.first == Violation(
        rule: .ineligible,
        message: "F2 (assembly) may not take P3: plot is 500 m², above the maximum 400 m²; zone heavy is not open to "
            + "sector assembly",
        firms: ["F2"], plots: ["P3"]))
}

@Test func requiredFirmUnplaced() {
    #expect(verify(Layout(assignments: ["F2": "P1", "F1": "P2", "F4": "P4"])).violations == [
        Violation(rule: .requiredUnplaced, message: "required firm F3 (plating) is not placed", firms: ["F3"]),
    ])
}

@Test func incumbentUnplacedAndMoved() {
    #expect(verify(Layout(assignments: ["F2": "P1", "F1": "P2", "F3": "P3"])).violations == [
        Violation(rule: .incumbentUnplaced, message: "incumbent F4 (machining) is not placed; it occupies P4 today",
                  firms: ["F4"], plots: ["P4"]),
    ])
    let moved = verify(Layout(assignments: ["F2": "P1", "F1": "P2", "F4": "P3", "F3": "P4"]))
    #expect(moved.violations == [
        Violation(rule: .incumbentMoved,
                  message: "incumbent F4 (machining) is on P3; under the fixed policy it keeps its own plot P4",
                  firms: ["F4"], plots: ["P3", "P4"]),
    ])
    // Fixed policy: a moved incumbent breaks a rule and costs nothing.
    #expect(moved.score.relocation == 0)
}

@Test func powerBlockOverCapacity() {
    #expect(verify(good, in: site(pb1: 120)).violations == [
        Violation(rule: .power, message: "power block PB1: 150 kVA placed, capacity 120 kVA",
                  firms: ["F1", "F2"], plots: ["P2", "P1"]),
    ])
    // Exactly at capacity is fine.
    #expect(verify(good, in: site(pb1: 150, pb2: 230)).isFeasible)
}

@Test func separationByFirmPairAndOnOnePlot() {
    let s = site(policy: .movable(movePenalty: 0), firmRatings: [PairRating(a: "F1", b: "F4", rating: .x)])
    let report = verify(Layout(assignments: ["F2": "P1", "F1": "P2", "F4": "P3", "F3": "P4"]),
                        in: s)
    #expect(report.violations == [
        Violation(rule: .separation,
                  message: "F1 (machining) and F4 (machining) are X-rated and 20 m apart; the minimum is 40 m",
                  firms: ["F1", "F4"], plots: ["P2", "P3"]),
    ])
    // The firm pair's X does not remove the sector pair's E from the score.
    #expect(report.score.closenessByRating == ["A": 8, "E": 4])
    // 40 m exactly is far enough.
    #expect(verify(Layout(assignments: ["F1": "P1", "F4": "P3", "F3": "P4"]), in: s)
        .violations.map(\.rule) == [.ineligible])
    let shared = verify(Layout(assignments: ["F2": "P1", "F3": "P1", "F4": "P4"]))
    #expect(shared.violations.contains(Violation(
        rule: .separation, message: "F2 (assembly) and F3 (plating) are X-rated and 0 m apart; the minimum is 40 m",
        firms: ["F2", "F3"], plots: ["P1", "P1"])))
}

@Test func quotaCountAndShare() {
    let quotas = [
        Quota(sector: "machining", minCount: 3),
        Quota(tag: "bekasi", minShare: 0.25),
        Quota(tag: "bekasi", minShare: 0.4),
    ]
    #expect(verify(good, in: site(quotas: quotas)).violations == [
        Violation(rule: .quota, message: "quota sector machining: 2 placed, at least 3 required", firms: ["F1", "F4"]),
        Violation(rule: .quota, message: "quota tag bekasi: 1 of 4 placed firms (25%), at least 40% required",
                  firms: ["F1"]),
    ])
    // Shared facilities are counted neither in the group nor in the total.
    var s = site(quotas: [Quota(tag: "bekasi", minShare: 0.34)])
    #expect(verify(good, in: s).violations.map(\.message) == [
        "quota tag bekasi: 1 of 4 placed firms (25%), at least 34% required",
    ])
    s.firms[1].kind = .sharedFacility
    s.firms[2].kind = .sharedFacility
    #expect(verify(good, in: s).isFeasible)
    // Both limits of one quota can fail at once; an empty layout has a 0 share of nothing.
    let both = site(quotas: [Quota(tag: "bekasi", minCount: 2, minShare: 0.5)])
    #expect(verify(Layout(assignments: ["F2": "P1", "F3": "P3", "F4": "P4"]), in: both).violations == [
        Violation(rule: .quota, message: "quota tag bekasi: 0 placed, at least 2 required"),
        Violation(rule: .quota, message: "quota tag bekasi: 0 of 3 placed firms (0%), at least 50% required"),
    ])
}

@Test func violationsComeInRuleOrderAndRulesEncodeSnakeCase() throws {
    let report = verify(Layout(assignments: ["F1": "P1", "F2": "P1", "X1": "P2", "F3": "Q"]), in: site(pb1: 100))
    #expect(report.violations.map(\.rule) == [
        .unknownFirm, .unknownPlot, .plotShared, .ineligible, .requiredUnplaced, .incumbentUnplaced, .power,
    ])
    #expect(Violation.Rule.allCases.map(\.rawValue) == [
        "unknown_firm", "unknown_plot", "plot_shared", "ineligible", "lock", "required_unplaced", "incumbent_unplaced",
        "incumbent_moved", "power", "separation", "quota", "wastewater", "buffer", "land_use", "cut_plan",
    ])
    // Deterministic: the same layout gives the same report.
    #expect(verify(Layout(assignments: ["F1": "P1", "F2": "P1", "X1": "P2", "F3": "Q"]), in: site(pb1: 100))
        == report)
}
