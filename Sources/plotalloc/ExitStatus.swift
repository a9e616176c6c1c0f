import ArgumentParser
import Allocation

/// The exit statuses every `plotalloc` command shares, so scripts can tell bad input from other failures: the one
/// place they are written.
///
/// - 0: success.
/// - 1: internal or solver error (e.g. a layout that fails verification), or an output that could not be written.
/// - 2: invalid input (a scenario or layout file that cannot be read, is not YAML, or breaks the format; an unknown
///   id; an output path that cannot be written); the problems are on standard error, one
///   `file:line:column: error: key.path: …` line each.
/// - 3: `solve`: the scenario is infeasible.
/// - 4: `solve`: no layout was found within the time limit (or before a stop signal).
/// - 64: usage error (missing argument, unknown flag, a bad option value, clashing outputs), as swift-argument-parser
///   sets it.
/// - 128 + the signal's number (129 SIGHUP, 130 SIGINT, 143 SIGTERM): a second stop signal, or the first outside a
///   search (``StopSignals``); no partial or temporary file is left.
enum ExitStatus {
    /// Status 1: an internal or solver error, or an output that could not be written.
    static let failure = ExitCode(1)
    /// Status 2: invalid input.
    static let invalidInput = ExitCode(2)
    /// Status 3: the scenario is infeasible.
    static let infeasible = ExitCode(3)
    /// Status 4: stopped before any layout was found.
    static let noSolution = ExitCode(4)
    /// Status 64: a usage error.
    static let usageError = ExitCode(64)

    /// The status of a run that ended with `status`: success for a layout, else 3 or 4.
    static func of(_ status: AllocationStatus) -> ExitCode {
        switch status {
        case .optimal, .feasible: .success
        case .infeasible: infeasible
        case .noSolution: noSolution
        }
    }

    /// The status of a session that produced no outcome: 2 for invalid input, 4 for a run stopped while reading its
    /// scenario, 1 otherwise.
    static func of(_ failure: SolveSession.Failure) -> ExitCode {
        switch failure {
        case .invalidInput: invalidInput
        case .failed: self.failure
        case .stoppedLoading: noSolution
        }
    }
}
