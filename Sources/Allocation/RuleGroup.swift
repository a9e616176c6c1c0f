/// A group of feasibility rules that an infeasible scenario's explanation relaxes as a whole.
///
/// The base rules (each firm on at most one plot, each plot at most one firm, eligibility) are never relaxed: with
/// every group relaxed, leaving every firm out is a feasible layout. Each group is the union of its members
/// (``RuleMember``): relaxing the group relaxes every member. Raw values are the snake_case names used in JSON.
public enum RuleGroup: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Required firms must be placed. Relaxed: they become optional.
    case required
    /// Incumbents must be placed (and, under the fixed policy, keep their own plot). Relaxed: they become free
    /// applicants.
    case incumbents
    /// Per power block, the placed firms' kVA stay within its capacity. Relaxed: capacities are unlimited.
    case power
    /// X-rated pairs stay at least the separation distance apart. Relaxed: the X ratings are dropped.
    case separation
    /// Every quota holds. Relaxed: the quotas are removed.
    case quotas

    /// A plain name, e.g. "required firms", "power capacity".
    public var label: String {
        switch self {
        case .required: "required firms"
        case .incumbents: "incumbents"
        case .power: "power capacity"
        case .separation: "X separation"
        case .quotas: "quotas"
        }
    }

    /// What relaxing the group means, e.g. "make the required firms optional".
    public var relaxation: String {
        switch self {
        case .required: "make the required firms optional"
        case .incumbents: "treat the incumbents as free applicants"
        case .power: "lift the power capacities"
        case .separation: "drop the X ratings"
        case .quotas: "remove the quotas"
        }
    }

    public static func < (a: RuleGroup, b: RuleGroup) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
