import Foundation
import Estate
import Allocation

/// One benchmark run of a scenario file in this process: load → formulate → heuristic → solve → verify, as
/// `plotalloc solve` does it, timed per phase, with the process's peak memory read at the end.
///
/// `plotalloc bench scenario --single FILE` and `plotalloc-benchmarks --single FILE` call it in a fresh child process
/// (``ChildRun``), so that the peak memory is that run's alone.
public enum ScenarioMeasurement {
    /// Loads and allocates the scenario at `path` once with its own solver settings (`timeLimit`, when given,
    /// replaces `solver.time_limit`).
    ///
    /// A failed allocation (a solver error, a layout that failed verification) is not thrown: it is a record with
    /// status `error` and the message, with the load time.
    /// - Throws: ``ScenarioError`` when the file cannot be read or is invalid; nothing is solved then.
    public static func run(path: String, timeLimit: Double?) throws(ScenarioError) -> ScenarioRunRecord {
        let clock = ContinuousClock()
        let began = clock.now
        let scenario = try ScenarioLoader.load(path: path)
        let d = clock.now - began
        let load = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        let allocator = SolverSettings(timeLimit: timeLimit).filling(from: scenario.solver).allocator()
        do throws(AllocationError) {
            let result = try allocator.allocate(scenario, loadSeconds: load)
            return ScenarioRunRecord(result: result, peakMemoryKiB: PeakMemory.currentProcessKiB())
        } catch {
            return ScenarioRunRecord(error: "\(path): \(error.description)", timing: .init(load: load),
                                     peakMemoryKiB: PeakMemory.currentProcessKiB())
        }
    }
}
