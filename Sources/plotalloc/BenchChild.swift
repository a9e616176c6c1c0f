import Foundation
import Benchmarks

/// Runs one benchmark run of a scenario in a fresh child process of this same executable
/// (`plotalloc bench scenario --single FILE`), so that the peak memory it reports is that run's alone.
///
/// The child prints one ``ScenarioRunRecord`` as a JSON line; a child that fails without one (a crash, a signal)
/// becomes a record with status `error` and the last line of its standard error.
enum BenchChild {
    /// This executable: `/proc/self/exe` on Linux, else the main bundle's executable, else `argv[0]`.
    static var executable: URL {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: target)
        }
        if let url = Bundle.main.executableURL { return url }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Runs `scenario` once in a child process with `timeLimit` (the scenario's own setting when `nil`).
    ///
    /// Never throws: every failure (the child cannot start, exits without a record) is a record with status `error`.
    static func run(scenario path: String, timeLimit: Double?) -> ScenarioRunRecord {
        var arguments = ["bench", "scenario", "--single", path]
        if let timeLimit { arguments += ["--time-limit", "\(timeLimit)"] }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plotalloc-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
            try Data().write(to: out)
            try Data().write(to: err)
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.standardInput = FileHandle.nullDevice
            let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
            process.standardOutput = outHandle
            process.standardError = errHandle
            try process.run()
            StopSignals.shared.withChild(process.processIdentifier) { process.waitUntilExit() }
            try outHandle.close()
            try errHandle.close()
            let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            if let line = stdout.split(separator: "\n").last,
               let record = try? ScenarioRunRecord.decode(jsonLine: String(line)) {
                return record
            }
            let how = process.terminationReason == .uncaughtSignal
                ? "killed by signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
            let last = stderr.split(separator: "\n").last.map { ": \($0)" } ?? ""
            return ScenarioRunRecord(error: "the benchmark run ended without a result (\(how))\(last)")
        } catch {
            return ScenarioRunRecord(error: "cannot run \(executable.path) \(arguments.joined(separator: " ")): \(error)")
        }
    }
}
