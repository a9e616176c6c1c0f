/// Why a generalized assignment file cannot be read: where, which item, what is wrong and what was expected.
///
/// Printed as one line, `file:line:column: error: path: problem; expected what` (line and column 1-based; for a file
/// that ends early, the position just after its last number). `path` names the item, e.g.
/// `problem[2].resources[3][7]` for problem 2's resource of agent 3 for job 7 (all 1-based).
public struct GAPReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as it was named to the reader.
    public var file: String
    /// 1-based line (1 when the file could not be opened).
    public var line: Int
    /// 1-based column (1 when the file could not be opened).
    public var column: Int
    /// The 1-based problem being read, or `nil` before the first problem (or for the problem count).
    public var problem: Int?
    /// The item at fault, as a key path.
    public var path: String
    /// What is wrong.
    public var message: String
    /// What was expected instead.
    public var expected: String

    /// Makes an error.
    public init(file: String, line: Int, column: Int, problem: Int?, path: String, message: String, expected: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        self.path = path
        self.message = message
        self.expected = expected
    }

    public var description: String {
        "\(file):\(line):\(column): error: \(path): \(message); expected \(expected)"
    }
}
