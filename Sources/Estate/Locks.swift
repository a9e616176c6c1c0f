/// A planner's lock on one firm, decided before solving: a promised plot, or the plots or power (street) blocks it
/// may or may not take. The YAML key `firms[].lock`; ``LockRule`` is the one place that applies it.
public struct FirmLock: Sendable, Hashable, Codable {
    /// The plot the firm is promised: it must be placed, there.
    public var plot: String?
    /// When set, the only plots it may take.
    public var allowedPlots: [String]?
    /// Plots it may not take.
    public var forbiddenPlots: [String]?
    /// When set, the only power (street) blocks whose plots it may take.
    public var allowedBlocks: [String]?
    /// Power (street) blocks whose plots it may not take.
    public var forbiddenBlocks: [String]?

    /// Makes a lock; all parts unset by default.
    public init(plot: String? = nil, allowedPlots: [String]? = nil, forbiddenPlots: [String]? = nil,
                allowedBlocks: [String]? = nil, forbiddenBlocks: [String]? = nil) {
        self.plot = plot
        self.allowedPlots = allowedPlots
        self.forbiddenPlots = forbiddenPlots
        self.allowedBlocks = allowedBlocks
        self.forbiddenBlocks = forbiddenBlocks
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case plot, allowedPlots = "allowed_plots", forbiddenPlots = "forbidden_plots"
        case allowedBlocks = "allowed_blocks", forbiddenBlocks = "forbidden_blocks"
    }
}

/// The lock rules, written once, as an exclusion rule of the catalogue (``RuleKind/locks``): which plots a firm's
/// ``FirmLock`` and the plots' `reserved` flags rule out, which firm must be placed because of a promise, and the
/// words for them. ``Eligibility`` asks it like every exclusion rule, so the formulation (no column for a locked-out
/// pair), the verifier (violation `lock`), the search, `check` and the explanations all apply it; an infeasibility
/// diagnosis can lift single locks and reservations (``parts(in:)``). A promised plot also makes the firm one that
/// must be placed (``Firm/mustBePlaced``). ``ScenarioValidator`` checks the locks' ids and contradictions with the
/// firms.
package struct LockRule: ExclusionRule {
    package static let kind = RuleKind.locks

    package init(scenario: Scenario) {}

    /// The clauses why locks and reservations rule `plot` out for `firm` ("A03 is reserved (kept empty)", "F040 is
    /// locked out of block PB-B1"); empty when they allow it.
    package static func clauses(firm: Firm, plot: Plot) -> [String] {
        var out: [String] = []
        if plot.reserved { out.append("\(plot.id) is reserved (kept empty)") }
        guard let lock = firm.lock else { return out }
        if let promised = lock.plot, promised != plot.id { out.append("\(firm.id) is locked to \(promised)") }
        if let allowed = lock.allowedPlots, !allowed.contains(plot.id) {
            out.append("\(firm.id) is locked out of plot \(plot.id)")
        } else if let forbidden = lock.forbiddenPlots, forbidden.contains(plot.id) {
            out.append("\(firm.id) is locked out of plot \(plot.id)")
        }
        if let allowed = lock.allowedBlocks, !allowed.contains(plot.powerBlock) {
            out.append("\(firm.id) is locked out of block \(plot.powerBlock)")
        } else if let forbidden = lock.forbiddenBlocks, forbidden.contains(plot.powerBlock) {
            out.append("\(firm.id) is locked out of block \(plot.powerBlock)")
        }
        return out
    }

    package func exclusion(firm: Firm, plot: Plot) -> String? {
        let c = Self.clauses(firm: firm, plot: plot)
        return c.isEmpty ? nil : c.joined(separator: ", ")
    }

    package func everyPlotClause(firm: Firm, plots: [Plot]) -> String {
        let lock = firm.lock.map { "ruled out by its lock (\(Self.describe($0)))" }
        return (lock.map { $0 + " or reserved" } ?? "reserved (kept empty)")
    }

    /// The plot `firm` is promised (it must be placed there), or `nil`.
    package static func promisedPlot(of firm: Firm) -> String? { firm.lock?.plot }

    /// One part per firm lock (`lock F017`) and per reserved plot (`reserved A03`), in scenario order.
    package static func parts(in scenario: Scenario) -> [RulePart] {
        scenario.firms.compactMap { f in
            f.lock.map { RulePart(id: "lock \(f.id)", label: "the lock on \(f.id) (\(describe($0)))") }
        } + scenario.site.plots.filter(\.reserved).map { RulePart(id: "reserved \($0.id)", label: "the reservation of \($0.id)") }
    }

    /// Removes the lifted locks and reservations.
    package static func lifting(_ ids: Set<String>, in scenario: Scenario) -> Scenario {
        var s = scenario
        for i in s.firms.indices where ids.contains("lock \(s.firms[i].id)") { s.firms[i].lock = nil }
        for i in s.site.plots.indices where ids.contains("reserved \(s.site.plots[i].id)") { s.site.plots[i].reserved = false }
        return s
    }

    /// `Locks: 2 firms: F017: locked to B12; F040: locked out of block PB-B1` and `Reserved plots (kept empty): 1: A03`.
    package static func summaryLines(_ scenario: Scenario) -> [String] {
        var lines: [String] = []
        let locks = scenario.firms.compactMap { f in f.lock.map { "\(f.id): \(describe($0))" } }
        if !locks.isEmpty {
            lines.append("Locks: \(locks.count) firm\(locks.count == 1 ? "" : "s"): " + locks.joined(separator: "; "))
        }
        let reserved = scenario.site.plots.filter(\.reserved).map(\.id)
        if !reserved.isEmpty {
            lines.append("Reserved plots (kept empty): \(reserved.count): " + reserved.joined(separator: ", "))
        }
        return lines
    }

    /// None: the map shows the layout; a reserved plot is simply empty.
    package static func mapFeatures(_ scenario: Scenario) -> [MapFeature] { [] }

    /// Nothing here: the locks are checked with the firms (``ScenarioValidator``), where their positions are.
    package static func validate(_ validator: inout ScenarioValidator) {}

    /// The lock in words, e.g. "locked to B12" or "only plots A01, A02; locked out of block PB-B1".
    package static func describe(_ lock: FirmLock) -> String {
        var parts: [String] = []
        if let p = lock.plot { parts.append("locked to \(p)") }
        if let a = lock.allowedPlots { parts.append("only plot\(a.count == 1 ? "" : "s") \(a.joined(separator: ", "))") }
        if let a = lock.allowedBlocks {
            parts.append("only block\(a.count == 1 ? "" : "s") \(a.joined(separator: ", "))")
        }
        if let f = lock.forbiddenPlots, !f.isEmpty {
            parts.append("locked out of plot\(f.count == 1 ? "" : "s") \(f.joined(separator: ", "))")
        }
        if let f = lock.forbiddenBlocks, !f.isEmpty {
            parts.append("locked out of block\(f.count == 1 ? "" : "s") \(f.joined(separator: ", "))")
        }
        return parts.isEmpty ? "no lock" : parts.joined(separator: "; ")
    }
}
