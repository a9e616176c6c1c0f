import Foundation
import Benchmarks

/// Runs one benchmark run of a scenario in a fresh child process of this same executable
/// (`plotalloc bench scenario --single FILE`), so that the peak memory it reports is that run's alone.
///
/// The child prints one ``ScenarioRunRecord`` as a JSON line; a child that fails without one (a crash, a signal)
/// becomes a record with status `error` and the last line of its standard error (``ChildRun``). A stop signal
/// (Ctrl-C) reaches the child too.
enum BenchChild {
    /// Runs `scenario` once in a child process with `timeLimit` (the scenario's own setting when `nil`).
    ///
    /// Never throws: every failure (the child cannot start, exits without a record) is a record with status `error`.
    static func run(scenario path: String, timeLimit: Double?) -> ScenarioRunRecord {
        var arguments = ["bench", "scenario", "--single", path]
        if let timeLimit { arguments += ["--time-limit", "\(timeLimit)"] }
        return ChildRun.run(executable: ChildRun.currentExecutable, arguments: arguments) { process in
            StopSignals.shared.withChild(process.processIdentifier) { process.waitUntilExit() }
        }
    }
}
