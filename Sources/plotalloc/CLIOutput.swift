import Foundation

/// Output helpers and exit codes shared by the `score` and `compare` commands.
enum CLIOutput {
    /// Exit status for input that cannot be read or is invalid (scenario or layout file, options).
    static let invalidInput: Int32 = 2

    /// Writes `message` and a newline to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
