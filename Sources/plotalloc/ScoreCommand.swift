import ArgumentParser
import Foundation
import PlotAllocSupport
import Estate
import Allocation
import Reports

/// `plotalloc score SCENARIO LAYOUT [--json]`: the score of any layout and every rule it breaks.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a layout (from solve --output or --geojson, or a firm,plot CSV) and list every rule it breaks.",
        discussion: """
            The layout is scored, not rejected: a hand-made layout that breaks rules gets its score (placement + \
            closeness - relocation, and closeness by rating) and one line per broken rule in plain terms, e.g. \
            "F12 (plating) and F31 (assembly) are X-rated and 18 m apart; the minimum is 40 m". Unplaced firms \
            are listed with a reason, then the key figures.

            LAYOUT is the JSON file `solve --output` writes (solve --json output is accepted too), the GeoJSON \
            `solve --geojson` writes (perhaps edited in QGIS: each feature's firm property), or a CSV of \
            firm,plot lines (header optional; an empty plot leaves the firm unplaced; `solve --csv` output reads \
            back). The format follows the extension (.json/.yaml/.yml, .geojson, .csv), else the first character.

            With --json: one object with objective, score {placement, closeness, relocation, total, \
            closeness_by_rating}, feasible, violations [{rule, message, firms, plots}], assignments, unplaced \
            [{firm, kind, reason}] and key_figures. For the layout solve wrote, objective equals solve's.

            --svg FILE draws the layout on the site (broken X separations as red dotted lines); --html FILE \
            writes one self-contained page with the score, broken rules, map and tables.

            Exit status: 0 the layout was scored (feasible or not); 1 an output file (or standard output) could \
            not be written; 2 invalid input (scenario or layout file, an output path in a missing directory, \
            read-only or otherwise unwritable, one line each: file:line:column: error: ...); 64 usage error \
            (also an output that is the scenario or layout file, or two outputs to one file); 129/130/143 \
            SIGHUP/SIGINT/SIGTERM.
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The layout file (JSON from solve --output, GeoJSON from solve --geojson, or firm,plot CSV).")
    var layout: String

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Option(name: .long, help: "Write the map of the layout as SVG to this file.")
    var svg: String?

    @Option(name: .long, help: "Write a self-contained HTML report to this file.")
    var html: String?

    @Option(name: .long, help: ArgumentHelp(
        "Write the layout as GeoJSON (WGS 84) with a QGIS style (.qml) beside it; the site must be drawn.",
        valueName: "file"))
    var geojson: String?

    func run() throws {
        try CLIOutput.checkOutputs([("--svg", svg), ("--html", html), ("--geojson", geojson),
                                    ("--geojson", geojson.map(GeoJSONOutput.stylePath))], inputs: [scenario, layout])
        let outcome: ScoreOutcome
        do throws(SolveSession.Failure) {
            outcome = try ScoreSession(.init(scenario: scenario, layout: layout)).run()
        } catch {
            CLIOutput.error(error.description)
            throw ExitStatus.of(error)
        }
        for line in outcome.warnings { CLIOutput.error(line) }
        let report = LayoutScoreReport(outcome: outcome)
        // Rendered before anything is written, so that a site with no coordinates leaves no output.
        let geo = try geojson.map { path in
            try GeoJSONOutput(path: path, scenarioFile: scenario, scenario: outcome.scenario, layout: outcome.layout,
                              status: "scored")
        }
        if let svg {
            try CLIOutput.write(SiteMapSVG().render(scenario: outcome.scenario, layout: outcome.layout,
                                                    violations: report.verification.violations), to: svg)
        }
        if let html { try CLIOutput.write(HTMLReport.score(report), to: html) }
        try geo?.write()
        CLIOutput.report(json ? report.json() : TerminalText.escaped(report.text(), keepingNewlines: true))
    }
}
