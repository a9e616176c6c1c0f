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
                CLIOutput.error("bench: \(path) run \(k)/\(runs): " + record.progressText)
                if record.failed { failed = true }
            }
            let summary = ScenarioBenchmarkSummary(scenario: path, name: name, timeLimit: timeLimit, runs: records)
            CLIOutput.report((json ? summary.jsonLine : summary.text) + "\n")
            fflush(nil)
        }
        if failed { throw ExitStatus.failure }
    }

    /// The child's side: one run, one JSON record on standard output.
    private func runSingle(_ path: String) throws {
        let record: ScenarioRunRecord
        do throws(ScenarioError) {
            record = try ScenarioMeasurement.run(path: path, timeLimit: timeLimit)
        } catch {
            CLIOutput.error(error.description)
            throw ExitStatus.invalidInput
        }
        CLIOutput.report(record.jsonLine + "\n")
        if record.failed { throw ExitStatus.failure }
    }
}
