import ArgumentParser
import Foundation
import PlotAllocSupport

/// Output helpers and exit codes shared by the commands.
enum CLIOutput {
    /// Writes `message` and a newline to standard error. Never fails: a closed or broken standard error (a
    /// terminal gone after SIGHUP, a closed pipe) loses the message, never the run (Foundation's
    /// `FileHandle.write` would crash the process there).
    static func error(_ message: String) {
        _ = writeAll(STDERR_FILENO, message + "\n")
    }

    /// Writes `text` to standard error as it is (no newline added), like ``error(_:)``.
    static func standardError(_ text: String) {
        _ = writeAll(STDERR_FILENO, text)
    }

    /// Writes a command's report `text` to standard output.
    ///
    /// A reader that went away (`EPIPE`: `plotalloc … | head`; SIGPIPE is ignored) ends the report quietly; any
    /// other failure (a full disk, an I/O error) is reported once on standard error and recorded, and `main`
    /// then exits with status 1 once the command has finished (its output files are still written).
    static func report(_ text: String) {
        let failure = writeAll(STDOUT_FILENO, text)
        guard failure != 0, failure != EPIPE else { return }
        if StandardOutput.shared.fail() {
            error("plotalloc: error: cannot write standard output (\(String(cString: strerror(failure)))); "
                + "expected a writable standard output")
        }
    }

    /// The plain reason of a file-system error, for a one-line message: the system's text ("Permission denied") for
    /// a Foundation error over a POSIX one, never "NSCocoaErrorDomain error 512"; the error's description otherwise.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? any Error {
            if let posix = underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
            let u = underlying as NSError
            if u.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(u.code))) }
        }
        return "\(error)"
    }

    /// Whether writing the report to standard output failed (other than a reader that went away).
    static var standardOutputFailed: Bool { StandardOutput.shared.failed }

    /// Writes all of `text` to `fd`; 0, or the `errno` of the failure.
    private static func writeAll(_ fd: Int32, _ text: String) -> Int32 {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        bytes.removeAll()
        return 0
    }

    /// Whether standard output failed, set once.
    private final class StandardOutput: @unchecked Sendable {
        static let shared = StandardOutput()
        private let lock = NSLock()
        private var didFail = false
        var failed: Bool { lock.lock(); defer { lock.unlock() }; return didFail }
        /// Records the failure; `true` the first time.
        func fail() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            defer { didFail = true }
            return !didFail
        }
    }

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
        func refuse(_ path: String, _ option: String, _ what: String, _ expected: String,
                    _ status: ExitCode) throws -> Never {
            CLIOutput.error("\(path.isEmpty ? "plotalloc" : path): error: \(option): \(what); expected \(expected)")
            throw status
        }
        // `-` as an input is standard input, never one of the outputs' files.
        let inputIdentities = inputs.filter { $0 != "-" }
            .compactMap { input in OutputTarget.identity(of: input).map { ($0, input) } }
        var seen: [OutputTarget.FileIdentity: String] = [:]
        var toStandardOutput = false
        for case let (option, path?) in outputs {
            let target: OutputTarget
            do throws(OutputTarget.Problem) {
                target = try OutputTarget.checked(path)
            } catch {
                try refuse(path, option, error.what, error.expected, ExitStatus.invalidInput)
            }
            if case .descriptor(1) = target {
                guard standardOutputIsFree else {
                    try refuse(path, option, "standard output carries the command's report",
                               "a file path (standard output only where a command prints nothing else)",
                               ExitStatus.usageError)
                }
                toStandardOutput = true
            }
            guard let identity = OutputTarget.identity(of: path) else { continue }
            if let input = inputIdentities.first(where: { $0.0 == identity })?.1 {
                try refuse(path, option, "is the input file \(input) itself", "another path (never the input)",
                           ExitStatus.usageError)
            }
            if let other = seen[identity] {
                try refuse(path, option, "the same file as \(other)", "a different file for each output",
                           ExitStatus.usageError)
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
            throw ExitStatus.failure
        }
    }
}
