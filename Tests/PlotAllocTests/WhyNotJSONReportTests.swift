import Foundation
import Testing
@testable import GLPKBackend
@testable import Allocation
@testable import Reports

private typealias T = AllocationTestScenarios

/// The JSON forms of "why not this firm?" and of an infeasibility diagnosis, on the two-plot site of
/// ``WhyNotExplainerTests`` (hand-computed: requiring D costs 3, displaces A from P2 and moves M from P1 to P2).
@Suite struct WhyNotJSONReportTests {
    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func wouldBePlacedCarriesScoresAndChanges() throws {
        let s = WhyNotExplainerTests.site()
        let e = try WhyNotExplainer().explain(firm: "D", in: s)
        let o = try object(WhyNotJSONReport(scenario: s, explanation: e).render())
        #expect(o["firm"] as? String == "D")
        #expect(o["outcome"] as? String == "would_be_placed")
        #expect(o["plot"] as? String == "P1")
        #expect((o["score_before"] as? [String: Any])?["total"] as? Double == 56)
        #expect((o["score_after"] as? [String: Any])?["total"] as? Double == 53)
        let change = try #require(o["score_change"] as? [String: Double])
        #expect(change == ["placement": -7, "closeness": 4, "relocation": 0, "total": -3])
        #expect(o["displaced"] as? [[String: String]] == [["firm": "A", "plot": "P2"]])
        #expect(o["moved"] as? [[String: String]] == [["firm": "M", "from": "P1", "to": "P2"]])
        #expect(o["assignments"] as? [[String: String]] == [["firm": "M", "plot": "P2"], ["firm": "D", "plot": "P1"]])
        #expect(o["proven"] as? Bool == true)
        #expect(o["diagnosis"] is NSNull)
    }

    @Test func alreadyPlacedAndNoEligiblePlot() throws {
        let s = WhyNotExplainerTests.site(extra: [T.firm("G", "assembly", area: 600...800)])
        let placed = try object(WhyNotJSONReport(
            scenario: s, explanation: try WhyNotExplainer().explain(firm: "M", in: s)).render())
        #expect(placed["outcome"] as? String == "already_placed")
        #expect(placed["plot"] as? String == "P1")
        let none = try object(WhyNotJSONReport(
            scenario: s, explanation: try WhyNotExplainer().explain(firm: "G", in: s)).render())
        #expect(none["outcome"] as? String == "no_eligible_plot")
        #expect((none["reason"] as? [String: Any])?["kind"] as? String == "no_eligible_plot")
        #expect(none["plot"] is NSNull)
    }

    @Test func infeasibleWhenRequiredNestsTheDiagnosis() throws {
        // D and M together need 60 kVA on the one block of 50: requiring D, with M required too, is infeasible.
        var s = WhyNotExplainerTests.site(capacity: 50)
        for i in s.firms.indices {
            s.firms[i].powerKVA = 30
            if s.firms[i].id == "M" { s.firms[i].required = true }
        }
        // GLPK's MIP presolver off in the checks: on these tiny relaxed copies it can fix every column yet keep a
        // row, and GLPK 5.0 then aborts the process in its cut generators (as `solve` avoids it too).
        var options = GLPKOptions(timeLimit: 20)
        options.presolve = false
        let explainer = WhyNotExplainer(diagnoser: InfeasibilityDiagnoser(check: FeasibilityCheck(options: options)))
        let e = try explainer.explain(firm: "D", in: s)
        let o = try object(WhyNotJSONReport(scenario: s, explanation: e).render())
        #expect(o["outcome"] as? String == "infeasible_when_required")
        let d = try #require(o["diagnosis"] as? [String: Any])
        #expect(d["status"] as? String == "infeasible")
        #expect(d["relaxed_groups"] as? [String] == ["required"])
        let conflict = try #require((d["conflicts"] as? [[String: Any]])?.first)
        #expect(conflict["groups"] as? [String] == ["required", "power"])
        let labels = (conflict["members"] as? [[String: String]])?.compactMap { $0["label"] }
        #expect(labels == ["required firm M", "required firm D", "power block B1 (50 kVA)"])
    }

    @Test func unknownIdIsRefusedWithASuggestion() {
        let s = WhyNotExplainerTests.site()
        #expect(throws: WhyNotError.self) { try WhyNotExplainer.validate(firm: "d", in: s) }
        do {
            try WhyNotExplainer.validate(firm: "d", in: s)
        } catch {
            #expect(error.description == "--explain: firm d is not in the scenario; expected a firm id (did you mean D?)")
        }
        #expect(throws: Never.self) { try WhyNotExplainer.validate(firm: "D", in: s) }
    }
}
