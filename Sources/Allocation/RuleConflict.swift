/// One conflict among the rules of an infeasible scenario, in plain terms: the rule groups and members that
/// cannot all hold at once.
///
/// Made by ``InfeasibilityDiagnoser``: `group` is a group of the minimal relaxation set; `groups` adds the other
/// groups that take part (relaxing any one of `groups` dissolves this conflict, though other conflicts may remain);
/// `members` is a minimal set of their members that still conflict (when ``isMinimal``).
public struct RuleConflict: Sendable, Hashable {
    /// The group of the minimal relaxation set this conflict was found from.
    public var group: RuleGroup
    /// Every group taking part, in ``RuleGroup`` order.
    public var groups: [RuleGroup]
    /// The conflicting members, in ``RuleMember`` order.
    public var members: [RuleMember]
    /// Whether every member was proven necessary (no check hit its time limit and the check budget sufficed).
    public var isMinimal: Bool
    /// The conflict in one line, e.g. "power block PB2: required firms F1 and F6 need at least 320 kVA on its
    /// plots, capacity 240 kVA".
    public var message: String
    /// Supporting lines: the members, and what relaxing them would do.
    public var details: [String]

    /// Makes a conflict.
    public init(group: RuleGroup, groups: [RuleGroup], members: [RuleMember], isMinimal: Bool, message: String,
                details: [String] = []) {
        self.group = group
        self.groups = groups
        self.members = members
        self.isMinimal = isMinimal
        self.message = message
        self.details = details
    }
}
