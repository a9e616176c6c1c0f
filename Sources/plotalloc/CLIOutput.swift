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

    /// Exit status for a usage error (argument-parser's, also used for outputs that clash with inputs or each other).
    static let usageError: Int32 = 64

    /// Checks, before any work is done, every output path of a command (`option`, `path`; `nil` paths are not
    /// given), against the file system, the command's input files and each other:
    /// - each must be writable (``OutputTarget/checked(_:)``: an empty path, a directory, a missing directory, a
    ///   read-only file, another user's file in a sticky folder, a folder that takes no new file, a dangling link,
    ///   a block device): `path: error: --option: what is wrong; expected what`, exit status 2 (invalid input);
    /// - none may be an input file (compared by device and inode, so links and other spellings count) nor the same
    ///   file as another output, and standard output (`-`, `/dev/stdout`) only when `standardOutputIsFree` (the
    ///   command prints nothing else there): one line, exit status 64 (usage error).
    ///
    /// - Returns: whether some output goes to standard output.
    @discardableResult
    static func checkOutputs(_ outputs: [(option: String, path: String?)], inputs: [String],
                             standardOutputIsFree: Bool = false) throws -> Bool {
        func refuse(_ path: String, _ option: String, _ what: String, _ expected: String, _ status: Int32) throws -> Never {
            CLIOutput.error("\(path.isEmpty ? "plotalloc" : path): error: \(option): \(what); expected \(expected)")
            throw ExitCode(status)
        }
        let inputIdentities = inputs.compactMap { input in OutputTarget.identity(of: input).map { ($0, input) } }
        var seen: [OutputTarget.FileIdentity: String] = [:]
        var toStandardOutput = false
        for case let (option, path?) in outputs {
            let target: OutputTarget
            do throws(OutputTarget.Problem) {
                target = try OutputTarget.checked(path)
            } catch {
                try refuse(path, option, error.what, error.expected, invalidInput)
            }
            if case .descriptor(1) = target {
                guard standardOutputIsFree else {
                    try refuse(path, option, "standard output carries the command's report",
                               "a file path (standard output only where a command prints nothing else)", usageError)
                }
                toStandardOutput = true
            }
            guard let identity = OutputTarget.identity(of: path) else { continue }
            if let input = inputIdentities.first(where: { $0.0 == identity })?.1 {
                try refuse(path, option, "is the input file \(input) itself", "another path (never the input)",
                           usageError)
            }
            if let other = seen[identity] {
                try refuse(path, option, "the same file as \(other)", "a different file for each output", usageError)
            }
            seen[identity] = option
        }
        return toStandardOutput
    }

    /// Writes `text` to `path` whole or not at all (``AtomicFile``; a device, FIFO or `-` is written through); on
    /// failure (a full disk included) prints `path: error: cannot write the file (reason); expected a writable
    /// path` and exits with status 1.
    static func write(_ text: String, to path: String) throws {
        do throws(AtomicFile.Failure) {
            try AtomicFile.write(Data(text.utf8), to: path)
        } catch {
            CLIOutput.error("\(path): error: cannot write the file (\(error.reason)); expected a writable path")
            throw ExitCode(1)
        }
    }
}
