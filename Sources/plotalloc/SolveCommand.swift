import ArgumentParser
import Dispatch
import Foundation
import PlotAllocSupport
import MIPModel
import GLPKBackend
import Estate
import Allocation
import Reports

/// `plotalloc solve FILE`: the optimal layout of a scenario, verified, with its score, figures and status.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Find the best layout of a scenario, verify it and print it.",
        discussion: """
            Prints the layout (plot, firm, sector, area, neighbours with their rating), the unplaced firms with a \
            reason, the score (placement + closeness - relocation, and closeness by rating), key figures, the \
            status and the time per phase. Every layout is checked by a verifier that works from the scenario \
            alone; a layout that fails it, or whose score differs from the solver's objective, is an error.

            Status: optimal (proven); feasible (a verified layout, not proven optimal: the time limit, the gap \
            or Ctrl-C stopped the search; the bound and gap say how far from optimal it can be); infeasible (no \
            layout meets every rule); no_solution (stopped before any layout was found).

            Reproducible: the same file and options give the same layout and report (timings aside; \
            docs/reproducibility.md); the report ends with a receipt (the input's SHA-256, plotalloc's version, \
            the seed, the limits and what ended the run). --seed N seeds the search's random choices; \
            --work-limit N ends the run after N search sub-problems and N branch-and-bound nodes, the same on every \
            machine (the time limit does not); the status says which limit stopped the run.

            --lottery-seed TEXT breaks ties by lot: among the layouts of the best score, the firms the score \
            leaves open are decided in the lot order drawn from the seed (SHA-256 of "seed:firm", sorted; \
            docs/reproducibility.md), each decision a verified re-solve; the score does not change. The receipt \
            lists the firms that were tied and who won or lost by lot (JSON "receipt.lottery").

            --incumbents LAYOUT takes a layout file (solve --output JSON, or CSV) as the standing layout: its \
            firms become the incumbents on their plots (scenario key incumbents_from).

            --progress prints a progress line every 5 s on standard error also when it is not a terminal (on a \
            terminal the line is always shown, rewritten in place), during the solve and --alternatives.

            Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the search: the best layout found is verified, printed marked \
            INTERRUPTED and written whole to every output file (the layout file gets "interrupted": true), with \
            the usual exit status. A second signal exits at once with status 128 + its number (130 SIGINT, 143 \
            SIGTERM, 129 SIGHUP), leaving no partial or temporary file.

            An infeasible scenario is explained: rule groups (each kind of the rule catalogue that may be \
            relaxed: required firms, incumbents, power, separation, quotas, ...) are relaxed in turn, each check a GLPK solve of a relaxed copy, down to a minimal set whose \
            relaxation restores feasibility and the conflicting rules in plain terms (under --json: "diagnosis").

            --explain FIRM answers "why not this firm?": it re-solves with the firm required and reports where it \
            would go, the score change by part, and the firms displaced, moved or joining (or why it cannot be \
            placed at all). An unknown id is refused before any solve. Under --json: "explanation".

            --alternatives K [--within FRACTION] lists up to K distinct layouts (the best first) scoring at least \
            the best score minus FRACTION of it (default 0.01), found by re-solving with a score floor and one \
            no-good cut per layout found, each verified; then how often each firm lands on each plot, the firms \
            placed in all of them (the robust core) and those on the same plot in all. It stops early, saying so, \
            when no other layout reaches the floor (proven) or the time limit runs out. Under --json: \
            "alternatives".

            --time-limit T bounds the whole run, from the start of reading the scenario to the report: the model, \
            the warm-start search (about 70 % of what is left), GLPK (its root LP is solved by plotalloc in \
            slices, at most half a second each on the largest models, so the limit and Ctrl-C stop it too), the \
            block bound, and the explanations and \
            alternatives. With --explain, --alternatives or --lottery-seed the solve gets half of T and they the rest. A run stopped \
            by the limit is feasible (with the gap when a bound is known) or no_solution, never optimal, and the \
            report names the phase it stopped (JSON "stopped_in"). Verification, the unplaced firms' reasons and \
            the report run after the solve, in a reserve it leaves them (a quarter of the formulation's time, at \
            most a tenth of what is left). A scenario whose model \
            would not fit in memory is refused before it is built, a huge one warned about, naming the key.

            --svg FILE draws the layout on the site (the empty site when there is no layout); --html FILE writes \
            one self-contained page (summary, map, tables, reasons, timing; for an infeasible scenario the \
            diagnosis). Every output file is written whole or not at all (a temporary file renamed over it; a \
            symbolic link is kept and its target replaced; a device or FIFO is written through, a full disk is \
            an error). Before solving, every output path is checked: one in a missing directory, a read-only \
            file, another user's file in a sticky folder or a folder that takes no new file is refused (status \
            2); an output that is the scenario file itself or the same file as another output, or `-` (standard \
            output carries the report), is refused (status 64).

            Layout file (--output): JSON, {"format": "plotalloc-layout", "version": 1, "scenario": NAME, \
            "status": STATUS, "objective": SCORE, "assignments": [{"firm": ID, "plot": ID}, ...]}; unplaced \
            firms are absent. Only "assignments" is needed when reading one back.

            Exit status: 0 a layout was printed (optimal or feasible); 1 internal or solver error (e.g. a \
            layout that fails verification) or an output file that could not be written; 2 invalid input \
            (scenario file, --explain id, output path); 3 the scenario is infeasible (the diagnosis is \
            printed); 4 no layout was found within the time limit (or before a stop signal); 64 usage error (a bad \
            option value, clashing output paths); 129/130/143 a second SIGHUP/SIGINT/SIGTERM.
            """)

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @OptionGroup(title: "Solver options")
    var solver: SolverFlags

    @Flag(name: .long, help: "Print one JSON object instead of the text report.")
    var json = false

    @Flag(name: .long, help: "Progress on standard error also when it is not a terminal: a line every 5 s.")
    var progress = false

    @Option(name: .long, help: ArgumentHelp(
        "Take this layout file (solve --output JSON, or CSV) as the standing layout: its firms are the incumbents.",
        valueName: "layout"))
    var incumbents: String?

    @Option(name: .long, help: "Write the layout to this file (JSON layout file; see below).")
    var output: String?

    @Option(name: .long, help: "Write the layout as CSV to this file.")
    var csv: String?

    @Option(name: .long, help: "Write the map of the layout as SVG to this file (the empty site when there is none).")
    var svg: String?

    @Option(name: .long, help: "Write a self-contained HTML report to this file (also for an infeasible scenario).")
    var html: String?

    @Option(name: .long, help: ArgumentHelp(
        "Write the layout as GeoJSON (WGS 84, one feature per plot) to this file, and a QGIS style (.qml) beside it; "
            + "the site must be drawn (site.plots_from).", valueName: "file"))
    var geojson: String?

    @Option(name: .long, help: ArgumentHelp("Explain why this firm is or is not placed: re-solve with it required.",
                                            valueName: "firm"))
    var explain: String?

    @Option(name: .long, help: ArgumentHelp(
        "Also find up to this many distinct layouts (the best included) scoring within --within of the best.",
        valueName: "k"))
    var alternatives: Int?

    @Option(name: .long, help: ArgumentHelp(
        "With --alternatives: the fraction of the best score an alternative may lose (default 0.01).",
        valueName: "fraction"))
    var within: Double?

    func validate() throws {
        if let k = alternatives, !(1...1000).contains(k) {
            throw ValidationError("--alternatives: found \(k); expected a number of layouts 1…1000")
        }
        if let w = within {
            guard alternatives != nil else { throw ValidationError("--within: only with --alternatives K") }
            guard w >= 0 && w <= 1 else { throw ValidationError("--within: found \(w); expected a fraction 0…1") }
        }
    }

    func run() throws {
        // Ctrl-C, SIGTERM, SIGHUP from here on: stop the search (at once if it has not started), keep the best
        // layout; a second one exits at once.
        let interrupt = StopSignals.shared.stopping(SolveInterrupt())
        let outputs = [("--output", output), ("--csv", csv), ("--svg", svg), ("--html", html), ("--geojson", geojson),
                       ("--geojson", geojson.map(GeoJSONOutput.stylePath))]
        try CLIOutput.checkOutputs(outputs, inputs: [file])
        var request = SolveSession.Request(
            path: file, settings: solver.settings, verbosity: solver.glpkVerbosity, explain: explain,
            alternatives: alternatives, within: within ?? 0.01)
        request.incumbents = incumbents
        let progress = ProgressLine(lines: self.progress)
        let outcome: SolveOutcome
        do throws(SolveSession.Failure) {
            outcome = try SolveSession(request).run(
                progress: progress.isEnabled ? { progress.show($0) } : nil, stage: { progress.note($0) },
                interrupt: interrupt,
                alternativesProgress: progress.isEnabled ? { found, p in
                    progress.show(p, prefix: "alternatives: \(found) of \(alternatives ?? 0) found; ")
                } : nil)
        } catch {
            progress.clear()
            if case .stoppedLoading(let stopped) = error {
                // Not an error: the run stopped before its scenario was read. Reported like any run without a
                // layout; no output file is written (there is no scenario to draw, nor a layout).
                CLIOutput.report(
                    json ? SolveJSONReport(stoppedLoading: stopped).render()
                        : TerminalText.escaped(SolveTextReport(stoppedLoading: stopped).render(), keepingNewlines: true))
                for (option, path) in outputs.compactMap({ o in o.1.map { (o.0, $0) } }) {
                    CLIOutput.error("\(path): note: \(option) not written: the scenario was not read (no_solution)")
                }
            } else {
                CLIOutput.error(error.description)
            }
            throw ExitStatus.of(error)
        }
        progress.clear()
        for line in outcome.warnings { CLIOutput.error(line) }
        // Rendered before anything is printed or written, so that a site with no coordinates leaves no output.
        let geo = try geojson.map { path in try GeoJSONOutput(path: path, scenarioFile: file, outcome: outcome) }

        CLIOutput.report(
            json ? SolveJSONReport(outcome: outcome).render()
                : TerminalText.escaped(SolveTextReport.render(outcome), keepingNewlines: true))
        let status = outcome.result.status.rawValue
        for (path, option, text) in [(output, "--output", LayoutFile(outcome: outcome)?.encoded()),
                                     (csv, "--csv", LayoutCSVReport(outcome: outcome)?.render())] {
            guard let path else { continue }
            guard let text else {
                CLIOutput.error("\(path): note: \(option) not written: no layout (\(status))")
                continue
            }
            try CLIOutput.write(text, to: path)
        }
        if let svg { try CLIOutput.write(SiteMapSVG().render(outcome), to: svg) }
        if let html { try CLIOutput.write(HTMLReport.solve(outcome), to: html) }
        try geo?.write()
        let exit = ExitStatus.of(outcome.result.status)
        if exit != .success { throw exit }
    }
}

/// Progress on standard error while the solver runs: one line rewritten in place when standard error is a
/// terminal; with `--progress` and standard error not a terminal (a log, a pipe), one plain line every
/// ``ProgressLine/interval`` seconds (and one per slower step), so that a long run is never silent.
private final class ProgressLine: @unchecked Sendable {
    /// Seconds between two plain lines.
    static let interval = 5.0
    let isTerminal = isatty(STDERR_FILENO) == 1
    let isEnabled: Bool
    private var shown = false
    private var lastLine = -Double.infinity

    /// Progress in place on a terminal; with `lines`, plain lines otherwise.
    init(lines: Bool) { isEnabled = isTerminal || lines }

    func show(_ p: SolveProgress, prefix: String = "solving: ") {
        func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }
        let gap = p.gap.map { String(format: "%.2f %%", 100 * $0) } ?? "-"
        let line = prefix + "best \(f(p.incumbent)), bound \(f(p.bound)), gap \(gap), \(p.nodes) nodes, "
            + String(format: "%.0f s", p.elapsed)
        if isTerminal {
            CLIOutput.standardError("\r\u{1B}[K\(line)")
            shown = true
        } else if p.elapsed - lastLine >= Self.interval || p.elapsed < lastLine {
            lastLine = p.elapsed
            CLIOutput.standardError("plotalloc: \(line)\n")
        }
    }

    /// Shows what a slower step after the solve is doing while it runs.
    func note(_ stage: SolveSession.Stage) {
        let what = switch stage {
        case .explaining(let firm): "explaining \(firm)"
        case .diagnosing: "diagnosing the infeasibility"
        case .findingAlternatives(let count, let within):
            "looking for up to \(count) layouts within \(String(format: "%g %%", 100 * within)) of the best"
        case .drawingLots(let solves): "breaking ties by lot (\(solves) restricted solve\(solves == 1 ? "" : "s") made)"
        }
        guard isEnabled else { return }
        if isTerminal {
            CLIOutput.standardError("\r\u{1B}[K\(what)…")
            shown = true
        } else {
            CLIOutput.standardError("plotalloc: \(what)…\n")
        }
    }

    func clear() {
        if shown { CLIOutput.standardError("\r\u{1B}[K") }
        shown = false
    }
}
