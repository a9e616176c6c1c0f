import PlotAllocSupport

/// One problem found in a scenario: where it is, which key, what was found and what was expected.
///
/// Renders as one line, `file:line:column: error: key.path: found X; expected Y`. Without a position (a scenario
/// built in code, an unreadable file) the line is `file: error: key.path: …`; without a key path (a YAML syntax
/// error) the path part is left out. Syntax errors add libyaml's source line and a caret under the column.
public struct ScenarioDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file name as given to the loader (or a label for scenarios built in code).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (in Unicode scalars, as libyaml counts), when known.
    public var column: Int?
    /// The key path, e.g. `firms[12].area.min`; empty for syntax errors and file-level problems.
    public var path: String
    /// What is wrong and what was expected, e.g. `found "ten"; expected a number`.
    public var message: String
    /// For syntax errors: the offending source line and a caret line under the column.
    public var snippet: String?

    /// Makes a diagnostic.
    public init(
        file: String, line: Int? = nil, column: Int? = nil, path: String = "", message: String, snippet: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.snippet = snippet
    }

    /// The single-line form, without the snippet.
    public var headline: String {
        DiagnosticLine.render(file: file, line: line, column: column, path: path, message: message)
    }

    /// The single-line form as a warning (`file:line:column: warning: …`), for problems that do not stop the load.
    public var warningLine: String {
        DiagnosticLine.render(file: file, line: line, column: column, path: path, message: message, severity: .warning)
    }

    /// The single line, followed by the snippet lines (source line, caret line) for syntax errors.
    public var description: String {
        guard let snippet, !snippet.isEmpty else { return headline }
        return headline + "\n" + snippet
    }
}
