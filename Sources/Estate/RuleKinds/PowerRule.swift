/// Power capacity, a rule of the capacity shape: per power block, the placed firms' kVA stay within its capacity.
///
/// Data: `site.power_blocks` (id, `capacity_kva`), each plot's `power_block`, each firm's `power_kva`; their
/// shapes and references are checked with the site (``ScenarioValidator``). Everything else (verifier check,
/// rows, fit test, reasons, conflict text) is the capacity shape's generic code (``CapacityRule``).
package enum PowerRule: CapacityRule {
    package static let kind = RuleKind.power
    package static let noun = "power block"
    package static let unit = "kVA"

    package static func resources(in scenario: Scenario) -> [CapacityResource] {
        let plots = scenario.site.plots
        let use = scenario.firms.map(\.powerKVA)
        return scenario.site.powerBlocks.map { block in
            CapacityResource(id: block.id, capacity: block.capacityKVA,
                             plots: plots.indices.filter { plots[$0].powerBlock == block.id }, use: use)
        }
    }

    package static func parts(in scenario: Scenario) -> [RulePart] {
        scenario.site.powerBlocks.map { RulePart(id: $0.id, label: "power block \($0.id) (\($0.capacityKVA.formatted0) kVA)") }
    }

    /// Raises each lifted block's capacity above the kVA of all firms together.
    package static func lifting(_ ids: Set<String>, in scenario: Scenario) -> Scenario {
        var s = scenario
        let unlimited = scenario.firms.reduce(1.0) { $0 + max(0, $1.powerKVA) }
        for b in s.site.powerBlocks.indices where ids.contains(s.site.powerBlocks[b].id) {
            s.site.powerBlocks[b].capacityKVA = max(s.site.powerBlocks[b].capacityKVA, unlimited)
        }
        return s
    }

    /// None: `check` reports power blocks in its own table (``ScenarioSummary/powerBlocks``).
    package static func summaryLines(_ scenario: Scenario) -> [String] { [] }

    /// None: the map colours plots by sector, not by block.
    package static func mapFeatures(_ scenario: Scenario) -> [MapFeature] { [] }

    /// Nothing beyond the site's checks, which already cover blocks and the plots' references to them.
    package static func validate(_ validator: inout ScenarioValidator) {}
}
