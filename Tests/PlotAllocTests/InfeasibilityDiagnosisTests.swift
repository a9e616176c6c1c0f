import Testing
@testable import Estate
@testable import Allocation

private typealias T = AllocationTestScenarios

/// One constructed scenario per rule group, infeasible because of that group, diagnosed with real GLPK solves.
///
/// Plots of `T.small()`: P1, P2 heavy 300 m²; P3, P4 general 200 m²; P5 general 150 m²; 20 m apart on a line
/// (separation 45 m). Foundry may use heavy only, assembly general only, machining both.
@Suite struct InfeasibilityDiagnosisTests {
    static let foundries = [
        T.firm("F6", "foundry", area: 250...400, workers: 5, required: true),
        T.firm("F7", "foundry", area: 250...400, workers: 4, required: true),
    ]

    /// Three required foundries for the two heavy plots.
    static func tooManyRequired() -> Scenario {
        var s = T.small(extraFirms: foundries)
        s.firms[0].required = true
        return s
    }

    func diagnose(_ s: Scenario) throws -> InfeasibilityDiagnosis {
        try InfeasibilityDiagnoser().diagnose(s)
    }

    @Test func requiredFirmsOutnumberTheirPlots() throws {
        let d = try diagnose(Self.tooManyRequired())
        #expect(d.status == .infeasible)
        #expect(d.relaxedGroups == [.required])
        #expect(d.isMinimal)
        let c = try #require(d.conflicts.first)
        #expect(c.groups == [.required])
        #expect(c.members == [.requiredFirm("F1"), .requiredFirm("F6"), .requiredFirm("F7")])
        #expect(c.message == "required firms F1, F6 and F7 can only take P1 and P2 (they need 250 m² or more in "
            + "zone heavy); that is 2 plots for 3 firms")
    }

    @Test func fixedIncumbentsHoldTheOnlyPlotsOfARequiredFirm() throws {
        var s = T.small(extraFirms: [
            T.firm("F6", "machining", area: 150...300, incumbent: "P1"),
            T.firm("F7", "machining", area: 150...300, incumbent: "P2"),
        ])
        s.firms[0].required = true
        let d = try diagnose(s)
        #expect(d.relaxedGroups == [.incumbents])
        let c = try #require(d.conflicts.first)
        #expect(c.groups == [.required, .incumbents])
        #expect(c.members == [.requiredFirm("F1"), .incumbent("F6"), .incumbent("F7")])
        #expect(c.message == "required firm F1 can only take P1 and P2 (it needs 250–400 m² in zone heavy); "
            + "both are held by fixed incumbents (F6 on P1, F7 on P2)")
        #expect(c.details.contains(
            "if the incumbents could move to other plots (at no penalty), this conflict would disappear"))
    }

    @Test func powerBlockCannotHoldTheRequiredFirms() throws {
        var s = T.scenario(
            plots: T.plots([300, 300, 200, 200, 150], heavy: 2, block: { $0 < 2 ? "B2" : "B1" }),
            firms: [
                T.firm("F1", "foundry", area: 250...400, kva: 10, required: true),
                T.firm("F6", "foundry", area: 250...400, kva: 10, required: true),
                T.firm("F2", "machining", area: 150...300, kva: 5),
            ],
            blocks: [PowerBlock(id: "B1", capacityKVA: 1000), PowerBlock(id: "B2", capacityKVA: 15)])
        s.closeness.sectors = [PairRating(a: "foundry", b: "assembly", rating: .x)]
        let d = try diagnose(s)
        #expect(d.relaxedGroups == [.power])
        let c = try #require(d.conflicts.first)
        #expect(c.groups == [.required, .power])
        #expect(c.members == [.requiredFirm("F1"), .requiredFirm("F6"), .powerBlock("B2")])
        #expect(c.message == "power block B2: required firms F1 and F6 need at least 20 kVA on its plots, "
            + "capacity 15 kVA")
    }

    @Test func xRatedRequiredFirmsOnTooClosePlots() throws {
        let s = T.scenario(
            plots: T.plots([300, 200], heavy: 1),
            firms: [
                T.firm("F1", "foundry", area: 250...400, required: true),
                T.firm("F4", "assembly", area: 100...250, required: true),
            ],
            sectorRatings: [PairRating(a: "foundry", b: "assembly", rating: .x)])
        let d = try diagnose(s)
        #expect(d.relaxedGroups == [.separation])
        let c = try #require(d.conflicts.first)
        #expect(c.groups == [.required, .separation])
        #expect(c.members == [.requiredFirm("F1"), .requiredFirm("F4"), .sectorX("foundry", "assembly")])
        #expect(c.message == "sectors foundry and assembly are rated X (at least 45 m apart), but required firms "
            + "F1 and F4 cannot be that far apart: F1 can only take P1 and F4 can only take P2, 20 m apart")
    }

    @Test func quotaCountAboveTheFirmsOfItsGroup() throws {
        var s = T.small()
        s.rules.quotas = [Quota(sector: "machining", minCount: 1), Quota(sector: "assembly", minCount: 3)]
        let d = try diagnose(s)
        #expect(d.relaxedGroups == [.quotas])
        let c = try #require(d.conflicts.first)
        #expect(c.members == [.quota(1)])
        #expect(c.message == "quota sector assembly needs at least 3 placed firms of its group; at most 2 can be placed")
    }

    @Test func quotaShareAgainstRequiredFirms() throws {
        // Two required machining firms; at least 75 % of placed firms must be assembly. One of them alone already
        // needs 3 assembly firms (3 of 4 placed) and only 2 exist: the minimal conflict names F3 only (F2 is
        // relaxed first and the rest stays infeasible).
        var s = T.small()
        s.firms[1].required = true
        s.firms[2].required = true
        s.rules.quotas = [Quota(sector: "assembly", minShare: 0.75)]
        let d = try diagnose(s)
        #expect(d.relaxedGroups == [.quotas])
        let c = try #require(d.conflicts.first)
        #expect(c.groups == [.required, .quotas])
        #expect(c.members == [.requiredFirm("F3"), .quota(0)])
        #expect(c.message == "quota sector assembly needs at least 75% of the placed firms in its group; "
            + "required firm F3 must be placed and is outside it, so at least 3 firms of the group must "
            + "be too, and at most 2 can be")
    }

    @Test func twoIndependentConflictsNeedTwoGroupsRelaxed() throws {
        var s = Self.tooManyRequired()
        s.rules.quotas = [Quota(sector: "assembly", minCount: 3)]
        let d = try diagnose(s)
        #expect(d.status == .infeasible)
        #expect(d.relaxedGroups == [.required, .quotas])
        #expect(d.isMinimal)
        #expect(d.summary == "no layout meets every rule; relaxing the required firms and the quotas together "
            + "restores feasibility")
        #expect(d.conflicts.map(\.group) == [.required, .quotas])
        #expect(d.conflicts[0].members == [.requiredFirm("F1"), .requiredFirm("F6"), .requiredFirm("F7")])
        #expect(d.conflicts[1].members == [.quota(0)])
        // Minimal: relaxing either group alone leaves the scenario infeasible; both together make it feasible.
        let check = FeasibilityCheck()
        for g in [RuleGroup.required, .quotas] {
            #expect(try check.check(ScenarioRelaxation(groups: [g]).apply(to: s)) == .infeasible)
        }
        #expect(try check.check(ScenarioRelaxation(groups: [.required, .quotas]).apply(to: s)).isFeasible)
    }

    @Test func aFeasibleScenarioHasNothingToExplain() throws {
        let d = try diagnose(T.small())
        #expect(d.status == .feasible)
        #expect(d.conflicts.isEmpty)
    }

    @Test func structuralConflictIsReportedInTheFormulationsWords() throws {
        // An incumbent whose own plot is outside the zones of its sector: a conflict before any choice.
        let s = T.small(extraFirms: [T.firm("F6", "assembly", area: 100...400, incumbent: "P1")])
        let d = try diagnose(s)
        #expect(d.relaxedGroups == [.incumbents])
        let c = try #require(d.conflicts.first)
        #expect(c.members == [.incumbent("F6")])
        #expect(c.message == "incumbent F6 may not keep its plot P1: zone heavy is not open to sector assembly")
    }

    @Test func requiredFirmWithNoEligiblePlot() throws {
        let s = T.small(extraFirms: [T.firm("F6", "foundry", area: 600...800, required: true)])
        let d = try diagnose(s)
        #expect(d.relaxedGroups == [.required])
        let c = try #require(d.conflicts.first)
        #expect(c.members == [.requiredFirm("F6")])
        #expect(c.message == "required firm F6 has no plot it may take: needs 600–800 m², the largest plot open to "
            + "foundry is 300 m²")
    }
}
