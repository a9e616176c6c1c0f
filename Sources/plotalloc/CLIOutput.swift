import ArgumentParser
import Foundation
import PlotAllocSupport

/// Output helpers and exit codes shared by the commands.
enum CLIOutput {
    /// Exit status for input that cannot be read or is invalid (scenario or layout file, options).
    static let invalidInput: Int32 = 2

    /// Writes `message` and a newline to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Refuses, before any work is done, an output path that cannot be written: an empty path, a directory, a
    /// path whose directory does not exist (or is a file), or a directory that is not writable. Prints one line
    /// `path: error: --option: what is wrong; expected what` and exits with status 2 (invalid input). `nil` passes.
    static func checkWritable(_ path: String?, option: String) throws {
        guard let path else { return }
        func refuse(_ what: String, _ expected: String) throws -> Never {
            CLIOutput.error("\(path.isEmpty ? "plotalloc" : path): error: \(option): \(what); expected \(expected)")
            throw ExitCode(CLIOutput.invalidInput)
        }
        if path.isEmpty { try refuse("found an empty path", "a file path") }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            try refuse("\(path) is a directory", "a file path")
        }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard fm.fileExists(atPath: dir, isDirectory: &isDir) else {
            try refuse("no directory \(dir)", "a file in an existing directory")
        }
        if !isDir.boolValue { try refuse("\(dir) is not a directory", "a file in an existing directory") }
        if !fm.isWritableFile(atPath: dir) { try refuse("directory \(dir) is not writable", "a writable directory") }
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
