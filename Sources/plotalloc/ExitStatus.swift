import ArgumentParser

/// The exit statuses every `plotalloc` command shares, so scripts can tell bad input from other failures.
///
/// - 0: success.
/// - 2: invalid input (a scenario or layout file that cannot be read, is not YAML, or breaks the format); the
///   problems are on standard error, one `file:line:column: error: key.path: …` line each.
/// - 64: usage error (missing argument, unknown flag), set by swift-argument-parser.
enum ExitStatus {
    /// Status 2: invalid input.
    static let invalidInput = ExitCode(2)
}
