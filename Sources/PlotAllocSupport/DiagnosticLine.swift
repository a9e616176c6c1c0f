/// The one-line form every input error of plotalloc takes: `file:line:column: error: key.path: message`.
///
/// The line and column are left out when unknown (a column only with a line), and the path when empty.
public enum DiagnosticLine {
    /// Renders one error line.
    public static func render(file: String, line: Int?, column: Int?, path: String, message: String) -> String {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        s += ": error: "
        if !path.isEmpty { s += path + ": " }
        return s + message
    }
}
