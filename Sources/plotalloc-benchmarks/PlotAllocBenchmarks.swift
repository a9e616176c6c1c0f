import ArgumentParser
import Foundation
import Estate
import Benchmarks

/// `swift run -c release plotalloc-benchmarks [--suite NAME] [--runs N] [--time-limit S] [--baseline FILE]
/// [--save-baseline FILE]`: the benchmark scenarios as a Swift target (benchmarks/README.md, "The Swift benchmark
/// target").
@main
struct PlotAllocBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plotalloc-benchmarks",
        abstract: "Run plotalloc's benchmark scenarios: per-phase timings, status, gap; compare with a baseline.",
        discussion: """
            Runs every case of a suite (--list shows them): each run is load → formulate → heuristic → solve → \
            verify, as `plotalloc solve` does it, in a fresh child process of this executable (its peak memory is \
            that run's alone), one at a time, and prints what `plotalloc bench scenario` prints: per phase the \
            median and min–max seconds, status, objective, bound, gap, nodes and peak memory. Generated estates \
            are written to a temporary folder first (not timed).

            --save-baseline FILE writes the medians per case as JSON; --baseline FILE compares this run with a \
            saved one, case by case: proven where it was not, or proven more than --time-tolerance faster, or a \
            gap more than --gap-tolerance smaller is better; the reverse is worse (a regression).

            Run it from the repository's root (or give --root). Exit status: 0 every run finished and no case got \
            worse than the baseline; 1 a run failed or a case got worse; 2 invalid input (a baseline file that \
            cannot be read, a scenario that is invalid); 64 usage error.
            """
    )

    @Option(help: ArgumentHelp("The set of cases: \(BenchmarkSuite.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "name"))
    var suite: String = BenchmarkSuite.expansion.rawValue

    @Option(name: .customLong("case"), help: ArgumentHelp(
        "Run only these cases of the suite (repeatable).", valueName: "name"))
    var cases: [String] = []

    @Option(help: "Runs per case.")
    var runs: Int = 1

    @Option(help: "Time limit per run in seconds.")
    var timeLimit: Double = EstateBenchmark.defaultTimeLimit

    @Option(help: ArgumentHelp("The repository's root, where scenarios/ is.", valueName: "dir"))
    var root: String = FileManager.default.currentDirectoryPath

    @Option(help: ArgumentHelp("Compare with a baseline written by --save-baseline.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Write this run's medians as a baseline.", valueName: "file"))
    var saveBaseline: String?

    @Option(help: ArgumentHelp("Free text stored in the saved baseline (commit, machine, load).", valueName: "text"))
    var note: String = ""

    @Option(help: "Relative change of the time to a proven optimum that counts (0.10: 10 %).")
    var timeTolerance: Double = BaselineComparison.Tolerance().time

    @Option(help: "Change of the gap that counts, in absolute terms (0.001: 0.1 percentage point).")
    var gapTolerance: Double = BaselineComparison.Tolerance().gap

    @Flag(help: "Print one JSON object per line and per case (`plotalloc bench scenario --json`'s, plus case).")
    var json = false

    @Flag(help: "List the suites and their cases, and exit.")
    var list = false

    @Option(help: .hidden)
    var single: String?

    var chosenSuite: BenchmarkSuite? { BenchmarkSuite(rawValue: suite) }

    func validate() throws {
        guard let chosen = chosenSuite else {
            throw ValidationError("--suite: found '\(suite)'; expected one of "
                + BenchmarkSuite.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let names = chosen.cases.map(\.name)
        for name in cases where !names.contains(name) {
            throw ValidationError("--case: found '\(name)'; expected a case of suite \(suite): "
                + names.joined(separator: ", "))
        }
        guard (1...1000).contains(runs) else { throw ValidationError("--runs: found \(runs); expected 1…1000") }
        guard timeLimit > 0 && timeLimit.isFinite else {
            throw ValidationError("--time-limit: found \(timeLimit); expected a positive number of seconds")
        }
        for (flag, value) in [("--time-tolerance", timeTolerance), ("--gap-tolerance", gapTolerance)]
        where !(value >= 0 && value.isFinite) {
            throw ValidationError("\(flag): found \(value); expected a number ≥ 0")
        }
    }

    func run() throws {
        if let path = single { return try runSingle(path) }
        if list {
            for s in BenchmarkSuite.allCases {
                print("\(s.rawValue): " + s.cases.map(\.name).joined(separator: ", "))
            }
            return
        }
        // The baseline is read before the first run, so a wrong path fails at once.
        let saved: BenchmarkBaseline?
        if let path = baseline {
            guard let data = FileManager.default.contents(atPath: path) else {
                Self.error("\(path): error: --baseline: cannot read the file; expected a file written by --save-baseline")
                throw ExitCode(2)
            }
            do {
                saved = try BenchmarkBaseline.decode(data)
            } catch {
                Self.error("\(path): error: --baseline: not a baseline; expected the JSON --save-baseline writes")
                throw ExitCode(2)
            }
        } else {
            saved = nil
        }
        let rootURL = URL(fileURLWithPath: root)
        guard FileManager.default.fileExists(atPath: rootURL.appendingPathComponent("scenarios").path) else {
            Self.error("\(root): error: --root: no scenarios/ folder here; expected the repository's root (run from "
                + "it or give --root DIR)")
            throw ExitCode(2)
        }
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("plotalloc-benchmarks-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }

        let chosen = (chosenSuite ?? .expansion).cases.filter { cases.isEmpty || cases.contains($0.name) }
        var entries: [String: BenchmarkBaseline.Entry] = [:]
        var failed = false
        for c in chosen {
            let file: String
            do {
                file = try c.scenarioFile(root: rootURL, folder: folder)
            } catch {
                Self.error("plotalloc-benchmarks: error: \(c.name): cannot write the generated estate (\(error))")
                throw ExitCode(1)
            }
            var records: [ScenarioRunRecord] = []
            for k in 1...runs {
                let record = ChildRun.run(executable: ChildRun.currentExecutable,
                                          arguments: ["--single", file, "--time-limit", "\(timeLimit)"])
                records.append(record)
                Self.error("plotalloc-benchmarks: \(c.name) run \(k)/\(runs): " + record.progressText)
                if record.failed { failed = true }
            }
            let summary = ScenarioBenchmarkSummary(scenario: c.label, name: c.name, timeLimit: timeLimit,
                                                   runs: records)
            entries[c.name] = BenchmarkBaseline.Entry(summary)
            if json {
                print(summary.jsonLine)
            } else {
                print("== \(c.name)")
                print(summary.text)
            }
            fflush(nil)
        }
        let current = BenchmarkBaseline(created: ISO8601DateFormatter().string(from: Date()), note: note,
                                        cases: entries)
        if let path = saveBaseline {
            do {
                try current.json().write(to: URL(fileURLWithPath: path), options: .atomic)
                Self.error("plotalloc-benchmarks: baseline written to \(path)")
            } catch {
                Self.error("\(path): error: --save-baseline: cannot write it (\(error)); expected a writable path")
                throw ExitCode(1)
            }
        }
        if let saved {
            let rows = BaselineComparison.compare(
                current: current, baseline: saved, order: chosen.map(\.name),
                tolerance: .init(time: timeTolerance, gap: gapTolerance))
            print(Self.comparisonText(rows, baseline: saved))
            if rows.contains(where: { $0.verdict == .worse }) { failed = true }
        }
        if failed { throw ExitCode(1) }
    }

    /// The child's side: one run of one scenario file, one JSON record on standard output.
    private func runSingle(_ path: String) throws {
        let record: ScenarioRunRecord
        do throws(ScenarioError) {
            record = try ScenarioMeasurement.run(path: path, timeLimit: timeLimit)
        } catch {
            Self.error(error.description)
            throw ExitCode(2)
        }
        print(record.jsonLine)
        if record.failed { throw ExitCode(1) }
    }

    /// The comparison with the baseline as a text table.
    static func comparisonText(_ rows: [BaselineComparison], baseline: BenchmarkBaseline) -> String {
        var lines = ["== against the baseline of \(baseline.created)" + (baseline.note.isEmpty ? "" : " (\(baseline.note))")]
        for r in rows {
            lines.append("\(r.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(r.verdict.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(r.reason)")
        }
        let worse = rows.filter { $0.verdict == .worse }.count, better = rows.filter { $0.verdict == .better }.count
        lines.append("\(worse) worse, \(better) better, \(rows.count - worse - better) other")
        return lines.joined(separator: "\n")
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
