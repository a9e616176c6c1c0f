import PlotAllocSupport

/// Why a layout file could not be read: one problem, where it is and what was expected.
///
/// Renders as one line, `file:line:column: error: key.path: found X; expected Y` (the parts that are unknown are left
/// out, e.g. `file: error: …` for a file that cannot be read).
public struct LayoutFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as given.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (in Unicode scalars), when known.
    public var column: Int?
    /// The key path (`assignments[3].plot`) or CSV column (`plot`); empty for file-level problems.
    public var path: String
    /// What is wrong and what was expected.
    public var message: String

    /// Makes an error.
    public init(file: String, line: Int? = nil, column: Int? = nil, path: String = "", message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// The one-line form.
    public var description: String {
        DiagnosticLine.render(file: file, line: line, column: column, path: path, message: message)
    }
}
