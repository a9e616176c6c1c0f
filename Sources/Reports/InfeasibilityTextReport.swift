import Allocation

/// Renders an ``InfeasibilityDiagnosis`` as the text `plotalloc solve` prints for an infeasible scenario.
///
/// One summary line, then one block per conflict: its groups, its message and its supporting lines. Lines are
/// indented by `indent` spaces (for nesting inside another report).
public struct InfeasibilityTextReport: Sendable {
    private let diagnosis: InfeasibilityDiagnosis
    private let indent: Int

    /// Prepares the report.
    public init(diagnosis: InfeasibilityDiagnosis, indent: Int = 0) {
        self.diagnosis = diagnosis
        self.indent = indent
    }

    /// The report's lines, without newlines.
    public func lines() -> [String] {
        let pad = String(repeating: " ", count: indent)
        var out = ["\(pad)Why infeasible: \(diagnosis.summary)"]
        for (i, c) in diagnosis.conflicts.enumerated() {
            let label = diagnosis.conflicts.count == 1 ? "Conflict" : "Conflict \(i + 1)"
            out.append("\(pad)  \(label) (\(c.groups.map(\.label).joined(separator: " + "))): \(c.message)")
            for d in c.details { out.append("\(pad)    \(d)") }
            if !c.isMinimal { out.append("\(pad)    (not proven minimal: a check hit its limit or the budget ran out)") }
        }
        if diagnosis.checks > 0 {
            out.append("\(pad)  (\(diagnosis.checks) feasibility checks, each a GLPK solve of a relaxed copy)")
        }
        return out
    }

    /// The report, ending with a newline.
    public func render() -> String { lines().joined(separator: "\n") + "\n" }
}
