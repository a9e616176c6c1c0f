/// Why a scenario has no feasible layout, in domain terms: a minimal set of rule groups whose relaxation restores
/// feasibility, and for each the conflicting rules down to firms, blocks, ratings and quotas.
///
/// Made by ``InfeasibilityDiagnoser`` from real GLPK solves of relaxed copies of the scenario.
public struct InfeasibilityDiagnosis: Sendable, Hashable {
    /// What the diagnosis found.
    public enum Status: String, Sendable, Hashable, Codable {
        /// The scenario has a feasible layout: nothing to explain.
        case feasible
        /// The scenario is infeasible; ``InfeasibilityDiagnosis/relaxedGroups`` restore feasibility.
        case infeasible
        /// A check stopped at its time limit before the scenario itself was decided (see the note).
        case undetermined
    }

    /// What the diagnosis found.
    public var status: Status
    /// A set of rule groups whose relaxation together restores feasibility, in ``RuleGroup`` order; minimal when
    /// ``isMinimal`` (keeping any one of them makes the scenario infeasible again).
    public var relaxedGroups: [RuleGroup]
    /// Whether ``relaxedGroups`` and every conflict's members were proven minimal.
    public var isMinimal: Bool
    /// One conflict per group of ``relaxedGroups``.
    public var conflicts: [RuleConflict]
    /// GLPK solves made.
    public var checks: Int
    /// Why the diagnosis is undetermined, or that the time limit cut it short, when so.
    public var note: String?

    /// Makes a diagnosis.
    public init(status: Status, relaxedGroups: [RuleGroup] = [], isMinimal: Bool = true,
                conflicts: [RuleConflict] = [], checks: Int = 0, note: String? = nil) {
        self.status = status
        self.relaxedGroups = relaxedGroups
        self.isMinimal = isMinimal
        self.conflicts = conflicts
        self.checks = checks
        self.note = note
    }

    /// One line: e.g. "relaxing the required firms restores feasibility" or "no layout meets every rule; relaxing
    /// the power capacity and the quotas together restores feasibility".
    public var summary: String {
        switch status {
        case .feasible: return "the scenario has a feasible layout"
        case .undetermined: return "could not decide why the scenario is infeasible" + (note.map { ": \($0)" } ?? "")
        case .infeasible:
            let names = relaxedGroups.map { "the \($0.label)" }
            let list = names.count <= 1 ? names.joined()
                : names.dropLast().joined(separator: ", ") + " and " + names.last!
            let together = relaxedGroups.count > 1 ? " together" : ""
            return "no layout meets every rule; relaxing \(list)\(together) restores feasibility"
                + (isMinimal ? "" : " (not proven minimal: a check hit its limit)")
        }
    }
}
