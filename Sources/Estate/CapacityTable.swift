/// Every resource of every capacity rule of a scenario (``RuleKind/capacityRules``), resolved once, with the
/// generic texts and the incremental load bookkeeping the layers share.
///
/// The verifier, the unplaced explainer, the search's fit test and the generator's greedy placer all read it;
/// none of them names a capacity rule, so a new capacity rule needs no change here.
package struct CapacityTable: Sendable {
    /// One resource and the rule it belongs to.
    package struct Entry: Sendable {
        /// The rule.
        package let rule: any CapacityRule.Type
        /// The resource.
        package let resource: CapacityResource
    }

    /// Every resource, rule by rule in catalogue order, each rule's in scenario order.
    package let entries: [Entry]
    /// Per plot index: the entries serving it, ascending.
    package let ofPlot: [[Int]]
    /// Per entry, its capacity (the resource's, copied out for the search's fit test).
    package let capacity: [Double]
    /// Per entry, what each firm uses of it (the resource's `use`, sharing its storage). Kept apart from
    /// ``entries`` so that the search's fit test, run millions of times, reads two numbers per entry and copies no
    /// resource: reading `entries[e].resource.use` retained and released the resource's arrays at every call.
    package let uses: [[Double]]

    /// Resolves the capacity rules of `scenario`.
    package init(scenario: Scenario) {
        let entries = RuleKind.capacityRules.flatMap { rule in
            rule.resources(in: scenario).map { Entry(rule: rule, resource: $0) }
        }
        self.entries = entries
        var of = [[Int]](repeating: [], count: scenario.site.plots.count)
        for (e, entry) in entries.enumerated() { for p in entry.resource.plots where p < of.count { of[p].append(e) } }
        ofPlot = of
        capacity = entries.map(\.resource.capacity)
        uses = entries.map(\.resource.use)
    }

    /// What firm `f` uses of entry `e` (0 past the resource's list).
    package func use(_ e: Int, _ f: Int) -> Double {
        f < uses[e].count ? uses[e][f] : 0
    }

    /// The resource's name, e.g. "power block PB1".
    package func name(_ e: Int) -> String { "\(entries[e].rule.noun) \(entries[e].resource.id)" }

    /// An amount in the entry's unit, e.g. "150 kVA".
    package func amount(_ e: Int, _ v: Double) -> String { "\(v.formatted0) \(entries[e].rule.unit)" }

    /// The verifier's message for an overloaded entry, e.g. "power block PB1: 150 kVA placed, capacity 120 kVA".
    package func overload(_ e: Int, load: Double) -> String {
        "\(name(e)): \(amount(e, load)) placed, capacity \(amount(e, entries[e].resource.capacity))"
    }

    /// Why firm `f` (id `firmID`) does not fit entry `e` at `load`, e.g. "power block PB1 has 15 kVA left of
    /// 120 kVA and F3 needs 40 kVA".
    package func shortfall(_ e: Int, load: Double, firm f: Int, firmID: String) -> String {
        let cap = entries[e].resource.capacity
        return "\(name(e)) has \(amount(e, max(0, cap - load))) left of \(amount(e, cap)) and \(firmID) needs "
            + amount(e, use(e, f))
    }

    /// Loads per entry of a placement that changes firm by firm (the search, the greedy placer).
    package struct Loads: Sendable {
        /// The load of each entry.
        package private(set) var load: [Double]

        /// Empty loads for `table`.
        package init(_ table: CapacityTable) { load = Array(repeating: 0, count: table.entries.count) }

        /// Whether firm `f` fits on plot `p` beside the current loads, with `tolerance` on each capacity.
        package func fits(_ table: CapacityTable, _ f: Int, _ p: Int, tolerance: Double = 1e-9) -> Bool {
            for e in table.ofPlot[p] where !(load[e] + table.use(e, f) <= table.capacity[e] + tolerance) {
                return false
            }
            return true
        }

        /// Adds (sign 1) or removes (sign −1) firm `f` on plot `p`.
        package mutating func add(_ table: CapacityTable, _ f: Int, _ p: Int, sign: Double = 1) {
            for e in table.ofPlot[p] { load[e] += sign * table.use(e, f) }
        }
    }
}
