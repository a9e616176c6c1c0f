import ArgumentParser
import Foundation
import PlotAllocSupport
import Estate
import Benchmarks

/// `plotalloc bench estates [--sizes 50,100,…] [--time-limit 60] [--seed S] [--json]`: generated estates of growing
/// size, each solved once in its own child process.
struct BenchEstatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estates",
        abstract: "Solve generated estates of growing size: time to optimum or gap at the limit, model size, memory.",
        discussion: """
            For each size N, generates the estate `plotalloc generate --firms N --plots M --seed S` would write, \
            with M = round(N × 96 / 140) plots (the expansion case's 1.46 firms per plot), writes it as YAML and \
            solves it once, load → formulate → heuristic → solve → verify, in a fresh child process of this \
            executable (peak memory on Linux: VmHWM at the end of the run), with the time limit given. Sizes run \
            one at a time, smallest first as given.

            Text: one row per estate: firms, plots, model size (variables, binaries, rows, non-zeros), status, \
            seconds (end to end, the time to the proven optimum when optimal), objective, bound, gap, nodes and \
            peak memory. --json: one object per line and per estate: firms, plots, seed, time_limit, \
            generate_seconds, scenario_file (with --save-scenarios, else null) and run (the record \
            `bench scenario --json` lists under runs).

            Exit status: 0 every estate was solved (any status); 1 a run failed (status "error") or a scenario \
            could not be written; 2 --save-scenarios names no writable folder; 64 usage error (e.g. a size out of \
            range).
            """
    )

    @Option(help: "Numbers of firms, comma-separated.")
    var sizes: String = EstateBenchmark.defaultSizes.map(String.init).joined(separator: ",")

    @Option(help: "Time limit per estate in seconds.")
    var timeLimit: Double = EstateBenchmark.defaultTimeLimit

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Flag(help: "Print one JSON object per line and per estate.")
    var json = false

    @Option(help: ArgumentHelp("Keep the generated scenarios in this folder (estate-N.yaml); by default they go to a "
                                + "temporary folder that is removed.", valueName: "dir"))
    var saveScenarios: String?

    func validate() throws {
        if case .failure(let e) = EstateBenchmark.parseSizes(sizes) { throw ValidationError("--sizes: \(e)") }
        guard timeLimit > 0 && timeLimit.isFinite else {
            throw ValidationError("--time-limit: found \(timeLimit); expected a positive number of seconds")
        }
    }

    func run() throws {
        let list = (try? EstateBenchmark.parseSizes(sizes).get()) ?? []
        let fm = FileManager.default
        let folder: URL
        if let dir = saveScenarios {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue, fm.isWritableFile(atPath: dir) else {
                CLIOutput.error("\(dir): error: --save-scenarios: not a writable folder; expected an existing folder")
                throw ExitStatus.invalidInput
            }
            folder = URL(fileURLWithPath: dir)
        } else {
            folder = fm.temporaryDirectory.appendingPathComponent("plotalloc-estates-\(UUID().uuidString)")
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        defer { if saveScenarios == nil { try? fm.removeItem(at: folder) } }

        if !json { CLIOutput.report(Self.header + "\n") }
        var failed = false
        let clock = ContinuousClock()
        for firms in list {
            let began = clock.now
            let generator = try EstateBenchmark.generator(firms: firms, seed: seed)
            let generated = generator.generate()
            let file = folder.appendingPathComponent("estate-\(firms).yaml")
            do {
                try AtomicFile.write(try ScenarioWriter(header: generated.notes).yaml(for: generated.scenario), to: file)
            } catch {
                CLIOutput.error("\(file.path): error: cannot write the generated scenario (\(CLIOutput.reason(error))); "
                    + "expected a writable folder")
                throw ExitStatus.failure
            }
            let d = clock.now - began
            let generateSeconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            let run = BenchChild.run(scenario: file.path, timeLimit: timeLimit)
            if run.failed { failed = true }
            let record = EstateBenchmarkRecord(
                firms: firms, plots: generator.plots, seed: seed, timeLimit: timeLimit,
                generateSeconds: generateSeconds, scenarioFile: saveScenarios == nil ? nil : file.path, run: run)
            CLIOutput.error("bench: estate of \(firms) firms, \(generator.plots) plots: "
                + run.progressText)
            CLIOutput.report((json ? record.jsonLine : Self.row(record)) + "\n")
            fflush(nil)
        }
        if failed { throw ExitStatus.failure }
    }

    static let columns: [(title: String, width: Int)] = [
        ("firms", 6), ("plots", 6), ("variables", 10), ("binaries", 9), ("rows", 7), ("non-zeros", 10),
        ("status", 11), ("seconds", 8), ("objective", 11), ("bound", 11), ("gap %", 7), ("nodes", 7),
        ("peak MiB", 9),
    ]

    static func pad(_ cells: [String]) -> String {
        zip(cells, columns).enumerated().map { k, pair in
            let fill = String(repeating: " ", count: max(0, pair.1.width - pair.0.count))
            return k == 6 ? pair.0 + fill : fill + pair.0
        }.joined(separator: " ")
    }

    static var header: String { pad(columns.map(\.title)) }

    static func row(_ r: EstateBenchmarkRecord) -> String {
        let run = r.run
        let m = run.model
        let size: [String] = m.map {
            ["\($0.variables)", "\($0.binaries)", "\($0.constraints)", "\($0.nonzeros)"]
        } ?? ["-", "-", "-", "-"]
        let seconds = String(format: "%.2f", run.timing.total)
        let objective = run.objective.map(BenchFormat.number) ?? "-"
        let bound = run.bound.map(BenchFormat.number) ?? "-"
        let gap = run.gap.map { String(format: "%.2f", 100 * $0) } ?? "-"
        let memory = run.peakMemoryKiB.map { String(format: "%.1f", Double($0) / 1024) } ?? "-"
        var cells: [String] = ["\(r.firms)", "\(r.plots)"]
        cells += size
        cells += [run.status, seconds, objective, bound, gap, "\(run.nodes)", memory]
        var line = pad(cells)
        if let e = run.error { line += "  error: \(e)" }
        return line
    }
}
