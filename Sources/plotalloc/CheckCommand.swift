import ArgumentParser
import Foundation
import PlotAllocSupport
import Estate
import Allocation

/// `plotalloc check FILE [--json]`: validate a scenario and summarise it.
///
/// Exit status: 0 when the scenario is valid (the summary goes to standard output); 2 when it is not (each problem
/// is one line `file:line:column: error: key.path: found X; expected Y` on standard error, syntax errors followed by
/// the source line and a caret); 64 for a usage error (argument-parser's default). With `--json`, standard output
/// holds one JSON object either way: `{"file", "valid": true, "summary"}` or `{"file", "valid": false, "errors"}`.
/// Warnings about a drawn site (a declared area more than 2 % from the polygon's) go to standard error as
/// `file:line:column: warning: …` lines, and into `"warnings"` with `--json`; they do not make the scenario invalid.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario file and print a summary: counts, land use against the norms, firms no plot suits.",
        discussion: """
            A valid scenario whose model would be huge (over 10 M non-zeros, estimated from the scenario before \
            anything is formulated) gets a warning on standard error naming the key that causes it, e.g. \
            rules.adjacency_distance far beyond the plots' spacing; the estimate is under --json as model_estimate.

            Exit status: 0 when valid; 1 standard output could not be written; 2 for invalid input (each \
            problem on standard error as one line, file:line:column: error: key.path: found X; expected Y); 64 \
            for a usage error; 129/130/143 SIGHUP/SIGINT/SIGTERM.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: file)
        } catch {
            CLIOutput.error(error.description)
            if json { try printJSON(Report(file: file, valid: false, errors: error.diagnostics, omittedErrors: error.omitted)) }
            throw ExitStatus.invalidInput
        }
        let summary = ScenarioSummary(scenario: scenario)
        let warnings = (scenario.site.drawing?.warnings ?? []) + summary.powerWarnings(scenario: scenario, file: file)
        for warning in warnings { CLIOutput.error(warning.warningLine) }
        // The model's size from the scenario alone: a warning (not an error) when it will be huge.
        let estimate = ModelSizeEstimate(scenario: scenario)
        if estimate.isHuge {
            CLIOutput.error("\(file): warning: \(estimate.message)")
        }
        if json {
            try printJSON(Report(file: file, valid: true, warnings: warnings.isEmpty ? nil : warnings,
                                 summary: summary, modelEstimate: estimate))
        } else {
            let cutting = estimate.rawLandLine.map { "\($0)\n" } ?? ""
            CLIOutput.report(TerminalText.escaped("\(file): valid\n" + summary.text + cutting, keepingNewlines: true))
        }
    }

    /// The `--json` document.
    private struct Report: Encodable {
        var file: String
        var valid: Bool
        var errors: [ScenarioDiagnostic]?
        var omittedErrors: Int?
        var warnings: [ScenarioDiagnostic]?
        var summary: ScenarioSummary?
        var modelEstimate: ModelSizeEstimate?
    }

    private func printJSON(_ report: Report) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(report)
        CLIOutput.report(String(decoding: data, as: UTF8.self) + "\n")
    }
}
