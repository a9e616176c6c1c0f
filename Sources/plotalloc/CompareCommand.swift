import ArgumentParser
import Foundation
import PlotAllocSupport
import MIPModel
import Estate
import Allocation
import Reports

/// `plotalloc compare A B [C …]`: layouts side by side, with a firm-by-firm diff against the first.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare layouts side by side: scores, figures, unplaced firms, and who moved, joined or left.",
        discussion: """
            Each argument is a scenario file, solved on the fly (its solver settings apply, --time-limit and \
            --gap override them), or SCENARIO:LAYOUT, a scenario with a layout file (JSON from solve --output, \
            or a firm,plot CSV), which is scored as it is, broken rules and all. An argument that names an \
            existing file is a scenario; otherwise it is split at the first ':' whose left part is an existing \
            file.

            Prints a table (status, score and its parts, closeness by rating, rules broken, firms placed, \
            workers, turnover, land use by phase, power by block, unplaced firms, time), the unplaced firms with \
            reasons, the broken rules of given layouts, then for every argument after the first the firms placed \
            only in one of the two, those moved (incumbents marked) and those unchanged. Firms are matched by id \
            across scenarios.

            Typical uses:
              plotalloc compare scenarios/bekasi-phase1.yaml:today.csv scenarios/bekasi-phase1.yaml
              plotalloc compare scenarios/bekasi-phase1.yaml scenarios/bekasi-expansion.yaml
              plotalloc compare weights-a.yaml weights-b.yaml

            --svg FILE draws the last layout on its site, marking the firms moved, added and dropped since the \
            first. --html FILE writes one self-contained page with the table, the map and the details. \
            --geojson OUT.geojson writes one GeoJSON file per compared layout (each scenario's site must be \
            drawn), numbered in argument order: OUT-1.geojson, OUT-2.geojson, …, each with its QGIS style \
            (OUT-1.qml, …) beside it, so that each layout is one layer to switch on and off in QGIS.

            Ctrl-C, SIGTERM or SIGHUP stops the solves (the one running keeps its best layout, later ones stop \
            as they start) and the comparison is printed; a second signal exits at once (130/143/129).

            Exit status: 0 compared (also when a scenario is infeasible: its column says so); 1 solver or \
            verification error, or an output (or standard output) that could not be written; 2 invalid input \
            (a file, an option, an unwritable output path); 64 usage error (also an output that is an input \
            file, or two outputs to one file).
            """)

    @Argument(help: "Two or more: SCENARIO (solved) or SCENARIO:LAYOUT (scored as given).")
    var layouts: [String]

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Option(name: .long, help: "Write the comparison map (last layout against the first) as SVG to this file.")
    var svg: String?

    @Option(name: .long, help: "Write a self-contained HTML report to this file.")
    var html: String?

    @Option(name: .long, help: ArgumentHelp(
        "Write each layout as GeoJSON (WGS 84): OUT-1.geojson, OUT-2.geojson, … in argument order, each with a QGIS "
            + "style (.qml) beside it; every site must be drawn.", valueName: "out.geojson"))
    var geojson: String?

    @OptionGroup(title: "Solver options (for each scenario solved)")
    var solver: SolverFlags

    func validate() throws {
        guard layouts.count >= 2 else {
            throw ValidationError("found \(layouts.count) argument\(layouts.count == 1 ? "" : "s"); expected at least 2 "
                + "to compare")
        }
    }

    /// Where each argument's scenario and (optional) layout file are.
    static func split(_ argument: String, exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) })
        -> (scenario: String, layout: String?)
    {
        if exists(argument) { return (argument, nil) }
        var index = argument.startIndex
        while let colon = argument[index...].firstIndex(of: ":") {
            let left = String(argument[..<colon]), right = String(argument[argument.index(after: colon)...])
            if !left.isEmpty, !right.isEmpty, exists(left) { return (left, right) }
            index = argument.index(after: colon)
        }
        return (argument, nil)
    }

    /// The GeoJSON file of the `k`-th layout (1-based) for `--geojson OUT`: `OUT` with `-k` before its `.geojson` or
    /// `.json` suffix (`cmp.geojson` → `cmp-2.geojson`), or appended (`cmp` → `cmp-2`).
    static func geojsonPath(_ path: String, _ k: Int) -> String {
        for suffix in [".geojson", ".json"] where path.hasSuffix(suffix) {
            return String(path.dropLast(suffix.count)) + "-\(k)" + suffix
        }
        return path + "-\(k)"
    }

    func run() throws {
        let interrupt = StopSignals.shared.stopping(SolveInterrupt())
        let inputs = layouts.map { Self.split($0) }.flatMap { [$0.scenario] + ($0.layout.map { [$0] } ?? []) }
        let geojsonPaths = geojson.map { out in layouts.indices.map { Self.geojsonPath(out, $0 + 1) } } ?? []
        try CLIOutput.checkOutputs([("--svg", svg), ("--html", html)]
            + geojsonPaths.flatMap { [("--geojson", $0), ("--geojson", GeoJSONOutput.stylePath($0))] },
            inputs: inputs)
        var entries: [LayoutComparison.Entry] = []
        var scenarioFiles: [String] = []
        var loaded: [String: Scenario] = [:]
        for argument in layouts {
            let (scenarioPath, layoutPath) = Self.split(argument)
            let scenario: Scenario
            if let s = loaded[scenarioPath] {
                scenario = s
            } else {
                do throws(ScenarioError) {
                    scenario = try ScenarioLoader.load(path: scenarioPath)
                } catch {
                    CLIOutput.error(error.description)
                    throw ExitStatus.invalidInput
                }
                loaded[scenarioPath] = scenario
            }
            let base = ((scenarioPath as NSString).lastPathComponent as NSString).deletingPathExtension
            scenarioFiles.append(scenarioPath)
            if let layoutPath {
                let document: LayoutDocument
                do throws(LayoutFileError) {
                    document = try LayoutDocument.read(path: layoutPath)
                } catch {
                    CLIOutput.error(error.description)
                    throw ExitStatus.invalidInput
                }
                if let swapped = document.swappedColumnsError(scenario: scenario, file: layoutPath) {
                    CLIOutput.error(swapped.description)
                    throw ExitStatus.invalidInput
                }
                let label = ((layoutPath as NSString).lastPathComponent as NSString).deletingPathExtension
                var entry = LayoutComparison.Entry(label: label, scenario: scenario, layout: document.layout,
                                                   source: layoutPath, status: "given")
                entry.input = scenarioPath
                entries.append(entry)
            } else {
                let allocator = solver.allocator(for: scenario.solver)
                var result: AllocationResult
                var lottery: LotteryOutcome?
                do throws(AllocationError) {
                    result = try allocator.allocate(scenario, interrupt: interrupt)
                    (result, lottery) = try Lottery.decide(
                        result, seed: solver.settings.filling(from: scenario.solver).lotterySeed, scenario: scenario,
                        allocator: allocator, interrupt: interrupt)
                } catch {
                    CLIOutput.error("\(scenarioPath): \(error.description)")
                    throw ExitStatus.failure
                }
                var entry = LayoutComparison.Entry(
                    label: base, scenario: scenario, layout: result.layout, source: "solved",
                    status: result.status.rawValue, gap: result.status == .optimal ? nil : result.gap,
                    seconds: result.timing.total)
                entry.input = scenarioPath
                entry.receipt = RunReceipt(
                    input: scenarioPath,
                    incumbents: scenario.incumbentsFrom.map { StandingLayout.resolve($0, relativeTo: scenarioPath) },
                    allocator: allocator, result: result, lottery: lottery)
                entries.append(entry)
            }
        }
        let comparison = LayoutComparison(entries: entries)
        // Every GeoJSON is rendered before any file is written: a site that is not drawn writes none of them.
        let geo = try zip(geojsonPaths, zip(entries, scenarioFiles)).map { path, pair in
            try GeoJSONOutput(path: path, scenarioFile: pair.1, scenario: pair.0.scenario, layout: pair.0.layout,
                              status: pair.0.status)
        }
        if let svg {
            guard let map = comparison.map() else {
                CLIOutput.error("\(svg): error: no map written: the last layout compared has none to draw "
                    + "(\(comparison.columns.last?.entry.status ?? "")); expected a layout")
                throw ExitStatus.failure
            }
            try CLIOutput.write(map, to: svg)
        }
        if let html { try CLIOutput.write(HTMLReport.comparison(comparison), to: html) }
        for file in geo { try file.write() }
        CLIOutput.report(json ? comparison.json() : TerminalText.escaped(comparison.text(), keepingNewlines: true))
    }
}
