import Testing
@testable import Allocation
@testable import Reports

/// The text of an infeasibility diagnosis.
@Suite struct InfeasibilityTextReportTests {
    @Test func rendersSummaryConflictAndDetails() throws {
        let d = try InfeasibilityDiagnoser().diagnose(InfeasibilityDiagnosisTests.tooManyRequired())
        let text = InfeasibilityTextReport(diagnosis: d).render()
        #expect(text.hasPrefix("""
            Why infeasible: no layout meets every rule; relaxing the required firms restores feasibility
              Conflict (required firms): required firms F1, F6 and F7 can only take P1 and P2 (they need 250 m² or \
            more in zone heavy); that is 2 plots for 3 firms
                rules in conflict: required firm F1, required firm F6, required firm F7

            """))
    }
}
