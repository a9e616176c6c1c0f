import Foundation
import Estate
import Allocation

/// The JSON form of an ``InfeasibilityDiagnosis``, as `plotalloc solve --json` prints it under `diagnosis` for an
/// infeasible scenario (and `--explain` under `explanation.diagnosis`).
///
/// Keys are snake_case: `status` (`infeasible`, `feasible`, `undetermined`), `summary` (the one-line text),
/// `relaxed_groups` (rule group names, e.g. `power`), `minimal`, `conflicts` (`{group, groups, members: [{group,
/// label}], minimal, message, details}`), `checks` (GLPK solves made) and `note` (`null` unless undetermined).
public struct InfeasibilityJSONReport: Sendable, Encodable {
    struct Member: Encodable, Sendable {
        var group: String
        var label: String
    }

    struct Conflict: Encodable, Sendable {
        var group: String
        var groups: [String]
        var members: [Member]
        var minimal: Bool
        var message: String
        var details: [String]
    }

    let status: String
    let summary: String
    let relaxedGroups: [String]
    let minimal: Bool
    let conflicts: [Conflict]
    let checks: Int
    let note: String?

    /// Prepares the object; `scenario` names the members (e.g. "power block B2 (120 kVA)").
    public init(scenario: Scenario, diagnosis: InfeasibilityDiagnosis) {
        status = diagnosis.status.rawValue
        summary = diagnosis.summary
        relaxedGroups = diagnosis.relaxedGroups.map(\.rawValue)
        minimal = diagnosis.isMinimal
        conflicts = diagnosis.conflicts.map { c in
            Conflict(group: c.group.rawValue, groups: c.groups.map(\.rawValue),
                     members: c.members.map { Member(group: $0.group.rawValue, label: $0.label(in: scenario)) },
                     minimal: c.isMinimal, message: c.message, details: c.details)
        }
        checks = diagnosis.checks
        note = diagnosis.note
    }

    public func encode(to encoder: any Encoder) throws {
        enum K: String, CodingKey { case status, summary, relaxed_groups, minimal, conflicts, checks, note }
        var c = encoder.container(keyedBy: K.self)
        try c.encode(status, forKey: .status)
        try c.encode(summary, forKey: .summary)
        try c.encode(relaxedGroups, forKey: .relaxed_groups)
        try c.encode(minimal, forKey: .minimal)
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(checks, forKey: .checks)
        try c.encode(note, forKey: .note)
    }

    /// The JSON text, pretty-printed with sorted keys, ending with a newline.
    public func render() -> String { ReportText.json(self) }
}
