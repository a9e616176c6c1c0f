import ArgumentParser
import Foundation
import Estate
import Allocation
import Benchmarks

/// `plotalloc bench scenario SCENARIO… [--runs N] [--time-limit S] [--json]`: phase timings of repeated runs of
/// scenarios, each run in its own child process.
struct BenchScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Time repeated runs of scenarios: each phase's median and spread, status, gap, nodes, peak memory.",
        discussion: """
            Each run is load → formulate → heuristic → solve → verify, exactly as `plotalloc solve` does it, with \
            the scenario's solver settings (--time-limit overrides its time limit). Every run is a fresh child \
            process of this executable (a hidden `bench scenario --single FILE` mode), so the peak memory of a run \
            (Linux: VmHWM of /proc/self/status at the end of the run; the Swift runtime's few MiB included) is its \
            own and no run warms a cache for the next. Runs go one at a time.

            Text: per scenario the model's size, per phase the median and min–max seconds, and the status, \
            objective, bound, gap, nodes and peak memory over the runs. Progress goes to standard error, one line \
            per run. --json: one object per line and per scenario: scenario, name, time_limit, run_count, status \
            (that of every run, or mixed), statuses, seconds (per phase load, formulate, heuristic, solve, verify, \
            total: {count, median, min, max}), objective, bound, gap, nodes, peak_memory_kib (the same spreads), \
            overhead_share (load + formulate + verify over the total, medians), model {variables, binaries, \
            constraints, nonzeros} and runs (one record per run: status, termination, objective, bound, gap, \
            nodes, seconds, total_seconds, model, heuristic_score, source, peak_memory_kib, error).

            Exit status: 0 every run finished (optimal, feasible, infeasible or no_solution); 1 a run failed \
            (solver error, a layout that failed verification, a crashed child: status "error" in its record); 2 \
            invalid input (a scenario file; checked before the first run); 64 usage error.
            """
    )

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @Option(help: "Runs per scenario.")
    var runs: Int = 5

    @Option(help: "Time limit per run in seconds (default: the scenario's solver.time_limit).")
    var timeLimit: Double?

    @Flag(help: "Print one JSON object per line and per scenario.")
    var json = false

    @Flag(help: .hidden)
    var single = false

    func validate() throws {
        guard (1...1000).contains(runs) else { throw ValidationError("--runs: found \(runs); expected 1…1000") }
        if let t = timeLimit, !(t > 0 && t.isFinite) {
            throw ValidationError("--time-limit: found \(t); expected a positive number of seconds")
        }
        if single && scenarios.count != 1 { throw ValidationError("--single: expected exactly one scenario") }
    }

    func run() throws {
        if single { return try runSingle(scenarios[0]) }
        // Every file is read and checked before the first run.
        var names: [String] = []
        for path in scenarios {
            do throws(ScenarioError) {
                names.append(try ScenarioLoader.load(path: path).metadata.name)
            } catch {
                CLIOutput.error(error.description)
                throw ExitStatus.invalidInput
            }
        }
        var failed = false
        for (path, name) in zip(scenarios, names) {
            var records: [ScenarioRunRecord] = []
            for k in 1...runs {
                let record = BenchChild.run(scenario: path, timeLimit: timeLimit)
                records.append(record)
                CLIOutput.error("bench: \(path) run \(k)/\(runs): " + Self.describe(record))
                if record.failed { failed = true }
            }
            let summary = ScenarioBenchmarkSummary(scenario: path, name: name, timeLimit: timeLimit, runs: records)
            CLIOutput.report((json ? summary.jsonLine : Self.text(summary)) + "\n")
            fflush(nil)
        }
        if failed { throw ExitStatus.failure }
    }

    /// The child's side: one run, one JSON record on standard output.
    private func runSingle(_ path: String) throws {
        let clock = ContinuousClock()
        let began = clock.now
        let scenario: Scenario
        do throws(ScenarioError) {
            scenario = try ScenarioLoader.load(path: path)
        } catch {
            CLIOutput.error(error.description)
            throw ExitStatus.invalidInput
        }
        let d = clock.now - began
        let load = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        let allocator = SolverSettings(timeLimit: timeLimit).filling(from: scenario.solver).allocator()
        do throws(AllocationError) {
            let result = try allocator.allocate(scenario, loadSeconds: load)
            let record = ScenarioRunRecord(result: result, peakMemoryKiB: PeakMemory.currentProcessKiB())
            CLIOutput.report(record.jsonLine + "\n")
        } catch {
            let record = ScenarioRunRecord(error: "\(path): \(error.description)", timing: .init(load: load),
                                           peakMemoryKiB: PeakMemory.currentProcessKiB())
            CLIOutput.report(record.jsonLine + "\n")
            throw ExitStatus.failure
        }
    }

    /// One run in a few words, for the progress line.
    static func describe(_ r: ScenarioRunRecord) -> String {
        if r.failed { return "error: \(r.error ?? "unknown")" }
        var s = r.status
        if let o = r.objective { s += " " + BenchFormat.number(o) }
        if r.status != "optimal", let g = r.gap { s += String(format: " (gap %.2f %%)", 100 * g) }
        s += String(format: ", %.2f s", r.timing.total)
        if let m = r.peakMemoryKiB { s += ", peak " + BenchFormat.mebibytes(m) }
        return s
    }

    /// The text report of one scenario.
    static func text(_ s: ScenarioBenchmarkSummary) -> String {
        var lines: [String] = []
        let limit = s.timeLimit.map { "time limit \(BenchFormat.number($0)) s" } ?? "the scenario's time limit"
        lines.append("\(s.scenario) (\(s.name)): \(s.runs.count) run\(s.runs.count == 1 ? "" : "s"), \(limit)")
        if let m = s.model {
            lines.append("model: \(m.variables) variables (\(m.binaries) binary), \(m.constraints) rows, "
                + "\(m.nonzeros) non-zeros")
        }
        lines.append("phase       median s   min–max s")
        for phase in BenchmarkPhase.allCases {
            let cell = s.seconds(phase).map {
                String(format: "%10.3f   %.3f–%.3f", $0.median, $0.minimum, $0.maximum)
            } ?? "        -"
            lines.append(phase.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + cell)
        }
        let counts = s.statusCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("status: \(s.status) (\(counts))")
        func spread(_ x: SampleSpread?, _ f: (Double) -> String) -> String {
            guard let x else { return "-" }
            return x.minimum == x.maximum ? f(x.median) : "\(f(x.median)) (\(f(x.minimum))–\(f(x.maximum)))"
        }
        lines.append("objective: \(spread(s.objective, BenchFormat.number)); bound: \(spread(s.bound, BenchFormat.number)); "
            + "gap: \(spread(s.gap) { String(format: "%.2f %%", 100 * $0) }); "
            + "nodes: \(spread(s.nodes) { String(Int($0)) })")
        lines.append("peak memory: \(spread(s.peakMemoryKiB) { BenchFormat.mebibytes(Int($0)) })"
            + (s.overheadShare.map { String(format: "; load + formulate + verify: %.1f %% of the total", 100 * $0) } ?? ""))
        for (k, r) in s.runs.enumerated() where r.failed {
            lines.append("run \(k + 1) failed: \(r.error ?? "unknown")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
