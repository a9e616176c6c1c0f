import ArgumentParser
import Foundation
import PlotAlloc

/// Output helpers and exit codes shared by the `score` and `compare` commands.
enum CLIOutput {
    /// Exit status for input that cannot be read or is invalid (scenario or layout file, options).
    static let invalidInput: Int32 = 2

    /// Writes `message` and a newline to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Writes `text` to `path` whole or not at all (``AtomicFile``); on failure prints
    /// `path: error: cannot write the file (reason); expected a writable path` and exits with status 1.
    static func write(_ text: String, to path: String) throws {
        do {
            try AtomicFile.write(text, to: URL(fileURLWithPath: path))
        } catch {
            let dir = (path as NSString).deletingLastPathComponent
            var reason = error.localizedDescription
            var isDir: ObjCBool = false
            if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
                reason = "no directory \(dir)"
            }
            CLIOutput.error("\(path): error: cannot write the file (\(reason)); expected a writable path")
            throw ExitCode(1)
        }
    }
}
