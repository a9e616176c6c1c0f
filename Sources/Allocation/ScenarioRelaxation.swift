import Estate

/// A transformation of a scenario that relaxes whole rule groups and single members, for explaining
/// infeasibility.
///
/// Relaxations only ever enlarge the set of feasible layouts (a layout feasible before stays feasible), so a
/// search over them is monotone. Scores of the relaxed scenario are meaningless and never reported.
public struct ScenarioRelaxation: Sendable, Hashable {
    /// Groups relaxed as a whole.
    public var groups: Set<RuleGroup>
    /// Single members relaxed (in addition to the whole groups).
    public var members: Set<RuleMember>
    /// Under the fixed incumbent policy, let incumbents move at no penalty (they must still be placed).
    public var movableIncumbents: Bool

    /// Makes a relaxation; by default it relaxes nothing.
    public init(groups: Set<RuleGroup> = [], members: Set<RuleMember> = [], movableIncumbents: Bool = false) {
        self.groups = groups
        self.members = members
        self.movableIncumbents = movableIncumbents
    }

    /// Whether `member` is relaxed, on its own or through its group.
    public func relaxes(_ member: RuleMember) -> Bool { groups.contains(member.group) || members.contains(member) }

    /// `scenario` with the relaxed rules lifted:
    /// - required firms: `required = false`;
    /// - incumbents: `incumbentPlot = nil` (a free applicant); with ``movableIncumbents`` the policy becomes
    ///   movable at penalty 0;
    /// - parts of catalogue-shaped kinds (power blocks, …): lifted by their rule (``RuleDefinition/lifting(_:in:)``;
    ///   a power block's capacity is raised above the kVA of all firms together);
    /// - X ratings: removed from the chart (sector or firm pair);
    /// - quotas: removed.
    public func apply(to scenario: Scenario) -> Scenario {
        var s = scenario
        for i in s.firms.indices {
            if s.firms[i].required && relaxes(.requiredFirm(s.firms[i].id)) { s.firms[i].required = false }
            if s.firms[i].isIncumbent && relaxes(.incumbent(s.firms[i].id)) { s.firms[i].incumbentPlot = nil }
        }
        if movableIncumbents, case .fixed = s.rules.incumbents { s.rules.incumbents = .movable(movePenalty: 0) }
        for rule in RuleKind.definitions {
            let ids = Set(rule.parts(in: scenario).map(\.id).filter { relaxes(.part(rule.kind, $0)) })
            if !ids.isEmpty { s = rule.lifting(ids, in: s) }
        }
        s.closeness.sectors.removeAll { $0.rating == .x && relaxes(.sectorX($0.a, $0.b)) }
        s.closeness.firms.removeAll { $0.rating == .x && relaxes(.firmX($0.a, $0.b)) }
        s.rules.quotas = s.rules.quotas.enumerated().filter { !relaxes(.quota($0.offset)) }.map(\.element)
        return s
    }
}
