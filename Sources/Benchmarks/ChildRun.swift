import Foundation

/// Runs one benchmark run in a fresh child process of an executable that prints one ``ScenarioRunRecord`` as a JSON
/// line on standard output (`plotalloc bench scenario --single FILE`, `plotalloc-benchmarks --single FILE`), so that
/// the peak memory it reports is that run's alone and no run warms a cache for the next.
public enum ChildRun {
    /// This executable: `/proc/self/exe` on Linux, else the main bundle's executable, else `argv[0]`.
    public static var currentExecutable: URL {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: target)
        }
        if let url = Bundle.main.executableURL { return url }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Starts `executable` with `arguments`, lets `wait` wait for it (a caller that forwards stop signals to the
    /// child passes its own; the default waits until it exits) and reads the record from the last line it printed.
    ///
    /// Never throws: a child that cannot start, or that ends without a record (a crash, a signal), gives a record
    /// with status `error` and what went wrong (the last line of its standard error).
    public static func run(executable: URL, arguments: [String],
                           wait: (Process) -> Void = { $0.waitUntilExit() }) -> ScenarioRunRecord {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("plotalloc-bench-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
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
            wait(process)
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
            return ScenarioRunRecord(
                error: "cannot run \(executable.path) \(arguments.joined(separator: " ")): \(error)")
        }
    }
}
