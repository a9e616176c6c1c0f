import ArgumentParser
import Foundation
import Estate

/// `plotalloc check FILE [--json]`: validate a scenario and summarise it.
///
/// Exit status: 0 when the scenario is valid (the summary goes to standard output); 2 when it is not (each problem
/// is one line `file:line:column: error: key.path: found X; expected Y` on standard error, syntax errors followed by
/// the source line and a caret); 64 for a usage error (argument-parser's default). With `--json`, standard output
/// holds one JSON object either way: `{"file", "valid": true, "summary"}` or `{"file", "valid": false, "errors"}`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario file and print a summary: counts, land use against the norms, firms no plot suits.",
        discussion: """
            Exit status: 0 when valid; 2 for invalid input (each problem on standard error as one line, \
            file:line:column: error: key.path: found X; expected Y); 64 for a usage error.
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
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            if json { try printJSON(Report(file: file, valid: false, errors: error.diagnostics, omittedErrors: error.omitted)) }
            throw ExitStatus.invalidInput
        }
        let summary = ScenarioSummary(scenario: scenario)
        if json {
            try printJSON(Report(file: file, valid: true, summary: summary))
        } else {
            print("\(file): valid")
            print(summary.text, terminator: "")
        }
    }

    /// The `--json` document.
    private struct Report: Encodable {
        var file: String
        var valid: Bool
        var errors: [ScenarioDiagnostic]?
        var omittedErrors: Int?
        var summary: ScenarioSummary?
    }

    private func printJSON(_ report: Report) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(report)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
