import Estate

/// One member of a ``RuleGroup``: the smallest part of a rule group an explanation relaxes on its own.
///
/// Ids are the scenario's ids (quotas by their 0-based position in `rules.quotas`). A member whose id is not in
/// the scenario relaxes nothing.
public enum RuleMember: Sendable, Hashable, Codable, Comparable {
    /// One required firm (by id) must be placed.
    case requiredFirm(String)
    /// One incumbent (by id) must be placed, on its own plot under the fixed policy.
    case incumbent(String)
    /// One part (by id) of a catalogue-shaped rule kind: a power block, a treatment unit, a sensitive place
    /// (``RuleKind/shape``, ``RulePart``).
    case part(RuleKind, String)
    /// The X rating between two sectors (ids as in the chart).
    case sectorX(String, String)
    /// The X rating between two firms (ids as in the chart).
    case firmX(String, String)
    /// One quota, by its 0-based position in the scenario's quotas.
    case quota(Int)

    /// The group it belongs to.
    public var group: RuleGroup {
        switch self {
        case .requiredFirm: .required
        case .incumbent: .incumbents
        case .part(let kind, _): kind
        case .sectorX, .firmX: .separation
        case .quota: .quotas
        }
    }

    /// One power block's capacity (by id).
    public static func powerBlock(_ id: String) -> RuleMember { .part(.power, id) }

    /// Every member of `group` in `scenario`, in scenario order (none for the base rules, never relaxed).
    public static func members(of group: RuleGroup, in scenario: Scenario) -> [RuleMember] {
        switch group.shape {
        case .base: return []
        case .capacity, .exclusion:
            return group.shape.definition!.parts(in: scenario).map { .part(group, $0.id) }
        case .bespoke: break
        }
        switch group {
        case .required: return scenario.firms.filter(\.required).map { .requiredFirm($0.id) }
        case .incumbents: return scenario.firms.filter(\.isIncumbent).map { .incumbent($0.id) }
        case .separation:
            return scenario.closeness.sectors.filter { $0.rating == .x }.map { .sectorX($0.a, $0.b) }
                + scenario.closeness.firms.filter { $0.rating == .x }.map { .firmX($0.a, $0.b) }
        case .quotas: return scenario.rules.quotas.indices.map { .quota($0) }
        default: return []
        }
    }

    /// A plain description in `scenario`'s terms, e.g. "required firm F3", "power block PB2 (240 kVA)",
    /// "X rating foundry–assembly", "quota 1 (sector machining, at least 3)".
    public func label(in scenario: Scenario) -> String {
        switch self {
        case .requiredFirm(let id): "required firm \(id)"
        case .incumbent(let id):
            "incumbent \(id)" + (scenario.firms.first { $0.id == id }?.incumbentPlot.map { " (on \($0))" } ?? "")
        case .part(let kind, let id):
            kind.shape.definition?.parts(in: scenario).first { $0.id == id }?.label ?? "\(kind.label) \(id)"
        case .sectorX(let a, let b): "X rating \(a)–\(b)"
        case .firmX(let a, let b): "X rating \(a)–\(b) (firm pair)"
        case .quota(let k):
            "quota \(k + 1)" + (k < scenario.rules.quotas.count ? " (\(scenario.rules.quotas[k].summary))" : "")
        }
    }

    public static func < (a: RuleMember, b: RuleMember) -> Bool { a.sortKey < b.sortKey }

    private var sortKey: (Int, String, String, Int) {
        let g = RuleGroup.allCases.firstIndex(of: group)!
        switch self {
        case .requiredFirm(let id), .incumbent(let id), .part(_, let id): return (g, id, "", 0)
        case .sectorX(let a, let b): return (g, "s" + a, b, 0)
        case .firmX(let a, let b): return (g, "f" + a, b, 0)
        case .quota(let k): return (g, "", "", k)
        }
    }
}

extension Quota {
    /// "sector machining, at least 3", "tag bekasi, at least 40%", or both limits.
    var summary: String {
        var limits: [String] = []
        if let c = minCount { limits.append("at least \(c)") }
        if let s = minShare { limits.append("at least \((100 * s).formatted0)% of placed firms") }
        return "\(groupDescription), " + limits.joined(separator: " and ")
    }
}
