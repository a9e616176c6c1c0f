/// The one-line form every input error of plotalloc takes: `file:line:column: error: key.path: message`.
///
/// The line and column are left out when unknown (a column only with a line), and the path when empty.
public enum DiagnosticLine {
    /// Whether the problem stops the run.
    public enum Severity: String, Sendable {
        /// It does: the input is refused.
        case error
        /// It does not: the input is used, and the user is told.
        case warning
    }

    /// Renders one line; `severity` `.warning` for a problem that does not stop the run.
    public static func render(
        file: String, line: Int?, column: Int?, path: String, message: String, severity: Severity = .error
    ) -> String {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        s += ": \(severity.rawValue): "
        if !path.isEmpty { s += path + ": " }
        return s + message
    }
}
