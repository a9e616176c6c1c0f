import Foundation

/// The peak resident memory of the running process, as Linux reports it (`VmHWM` in `/proc/self/status`).
///
/// The figure covers the whole process since it started: the Swift runtime, Foundation, the scenario, the model and
/// GLPK's working memory. To measure one run alone, run it in a fresh child process (`plotalloc bench` does).
public enum PeakMemory {
    /// The peak resident set size of this process in KiB, or `nil` where `/proc/self/status` cannot be read or has
    /// no `VmHWM` line (macOS, restricted containers).
    public static func currentProcessKiB() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return highWaterMarkKiB(status: text)
    }

    /// The `VmHWM` figure of a `/proc/PID/status` text, in KiB.
    ///
    /// Returns `nil` when there is no `VmHWM:` line or its value is not a whole number of kB.
    public static func highWaterMarkKiB(status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let words = line.dropFirst("VmHWM:".count).split(separator: " ", omittingEmptySubsequences: true)
                .flatMap { $0.split(separator: "\t") }
            guard let number = words.first.flatMap({ Int($0) }), number >= 0 else { return nil }
            if words.count > 1, words[1].lowercased() != "kb" { return nil }
            return number
        }
        return nil
    }
}
