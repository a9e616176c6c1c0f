import Foundation
import Estate
import Allocation

// Every renderer of a `solve` run takes the one ``SolveOutcome`` that ``SolveSession`` returns.

extension SolveJSONReport {
    /// The `solve --json` object of `outcome`, with its `diagnosis`, `explanation` and `alternatives` sections
    /// when the outcome has them.
    public init(outcome: SolveOutcome) {
        let scenario = outcome.scenario
        self.init(scenario: scenario, result: outcome.result, unplaced: outcome.unplaced)
        diagnosis = outcome.diagnosis.map { InfeasibilityJSONReport(scenario: scenario, diagnosis: $0) }
        explanation = outcome.explanation.map { WhyNotJSONReport(scenario: scenario, explanation: $0) }
        alternatives = outcome.alternatives.map { AlternativeLayoutsJSONReport(scenario: scenario, set: $0) }
        receipt = RunReceipt(outcome: outcome)
    }
}

extension SolveTextReport {
    /// The text `plotalloc solve` prints for `outcome`: the report of the result, then the diagnosis, the
    /// alternatives and the explanation when the outcome has them; ends with a newline.
    public static func render(_ outcome: SolveOutcome) -> String {
        let scenario = outcome.scenario
        var text = SolveTextReport(scenario: scenario, result: outcome.result, unplaced: outcome.unplaced).render()
        if let diagnosis = outcome.diagnosis { text += "\n" + InfeasibilityTextReport(diagnosis: diagnosis).render() }
        if let set = outcome.alternatives {
            text += "\n" + AlternativeLayoutsTextReport(scenario: scenario, set: set).render()
        }
        if let explanation = outcome.explanation {
            if case .scenarioInfeasible = explanation.outcome {
                text += "\nWhy not \(explanation.firm)? The scenario itself has no feasible layout (see above).\n"
            } else {
                text += "\n" + WhyNotTextReport(scenario: scenario, explanation: explanation).render()
            }
        }
        if let receipt = RunReceipt(outcome: outcome) { text += receipt.text }
        return text
    }
}

extension LayoutCSVReport {
    /// The CSV of `outcome`'s layout, or `nil` when the run found none.
    public init?(outcome: SolveOutcome) {
        guard let layout = outcome.result.layout else { return nil }
        self.init(scenario: outcome.scenario, layout: layout)
    }
}

extension LayoutFile {
    /// The layout file (`solve --output`) of `outcome`, or `nil` when the run found no layout.
    public init?(outcome: SolveOutcome) {
        let result = outcome.result
        guard let layout = result.layout else { return nil }
        self.init(layout: layout, scenario: outcome.scenario.metadata.name, status: result.status.rawValue,
                  objective: ReportJSON.rounded(result.objective), firmOrder: outcome.scenario.firms.map(\.id),
                  interrupted: result.interrupted)
    }
}

extension SiteMapSVG {
    /// The map of `outcome`'s layout, or of the empty site titled with the status when the run found none.
    public func render(_ outcome: SolveOutcome) -> String {
        let scenario = outcome.scenario
        if let layout = outcome.result.layout {
            return render(scenario: scenario, layout: layout, violations: outcome.result.report?.violations ?? [])
        }
        return render(scenario: scenario, layout: Layout(),
                      title: "\(scenario.metadata.name): no layout (\(outcome.result.status.rawValue))")
    }
}

extension HTMLReport {
    /// The self-contained HTML page of `outcome` (also for an infeasible scenario, with its diagnosis).
    public static func solve(_ outcome: SolveOutcome, renderer: SiteMapSVG = SiteMapSVG()) -> String {
        solve(scenario: outcome.scenario, result: outcome.result, unplaced: outcome.unplaced,
              diagnosis: outcome.diagnosis, explanation: outcome.explanation, alternatives: outcome.alternatives,
              receipt: RunReceipt(outcome: outcome), renderer: renderer)
    }
}
