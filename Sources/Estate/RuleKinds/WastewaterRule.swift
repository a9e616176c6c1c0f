/// The wastewater declarations of a scenario (`rules.wastewater`): the treatment units (IPAL) with their capacity
/// and the plots that drain to each, and what each firm discharges.
///
/// Indonesia's effluent standard for plating (Permen LH 5/2014) bounds the discharge per m² plated; a cluster
/// enforces it by keeping the placed firms' discharge per treatment unit within the unit's capacity
/// (``WastewaterRule``). Firms not listed in ``discharge`` discharge nothing to the units.
public struct Wastewater: Sendable, Hashable, Codable {
    /// The treatment units, each with the plots that drain to it.
    public var units: [TreatmentUnit]
    /// What firms discharge (m³/day); one entry per firm.
    public var discharge: [FirmDischarge]

    /// Makes the declarations.
    public init(units: [TreatmentUnit], discharge: [FirmDischarge] = []) {
        self.units = units
        self.discharge = discharge
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case units, discharge }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        units = try c.decode([TreatmentUnit].self, forKey: .units)
        discharge = try c.decodeIfPresent([FirmDischarge].self, forKey: .discharge) ?? []
    }

    /// A wastewater treatment unit (IPAL): its capacity and the plots that drain to it.
    public struct TreatmentUnit: Sendable, Hashable, Codable {
        /// A unique id, e.g. `IPAL-1`.
        public var id: String
        /// A name for people; defaults to the id.
        public var label: String?
        /// What it treats per day (m³/day); positive.
        public var capacityM3PerDay: Double
        /// Plots (ids) that drain to it.
        public var plots: [String]
        /// Phases (ids) whose every plot drains to it.
        public var phases: [String]
        /// Where it stands (site metres), for the map; optional, and not given when the unit is drawn
        /// (`site.treatment_from`, a feature with this id), which the map then draws as drawn.
        public var x: Double?
        /// Where it stands (site metres), for the map; optional.
        public var y: Double?

        /// Makes a unit; give `plots`, `phases` or both.
        public init(id: String, label: String? = nil, capacityM3PerDay: Double, plots: [String] = [],
                    phases: [String] = [], x: Double? = nil, y: Double? = nil) {
            self.id = id
            self.label = label
            self.capacityM3PerDay = capacityM3PerDay
            self.plots = plots
            self.phases = phases
            self.x = x
            self.y = y
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, label, capacityM3PerDay = "capacity_m3_per_day", plots, phases, x, y
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            label = try c.decodeIfPresent(String.self, forKey: .label)
            capacityM3PerDay = try c.decode(Double.self, forKey: .capacityM3PerDay)
            plots = try c.decodeIfPresent([String].self, forKey: .plots) ?? []
            phases = try c.decodeIfPresent([String].self, forKey: .phases) ?? []
            x = try c.decodeIfPresent(Double.self, forKey: .x)
            y = try c.decodeIfPresent(Double.self, forKey: .y)
        }

        /// Encodes every key; `plots` and `phases` only when not empty, `label`, `x` and `y` only when set.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encodeIfPresent(label, forKey: .label)
            try c.encode(capacityM3PerDay, forKey: .capacityM3PerDay)
            if !plots.isEmpty { try c.encode(plots, forKey: .plots) }
            if !phases.isEmpty { try c.encode(phases, forKey: .phases) }
            try c.encodeIfPresent(x, forKey: .x)
            try c.encodeIfPresent(y, forKey: .y)
        }
    }

    /// What one firm discharges to the treatment unit of its plot.
    public struct FirmDischarge: Sendable, Hashable, Codable {
        /// The firm's id.
        public var firm: String
        /// Its discharge (m³/day); ≥ 0.
        public var m3PerDay: Double

        /// Makes an entry.
        public init(firm: String, m3PerDay: Double) {
            self.firm = firm
            self.m3PerDay = m3PerDay
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case firm, m3PerDay = "m3_per_day" }
    }
}

extension KeySchema {
    /// `rules.wastewater`.
    static let wastewater: KeySchema = .object(Wastewater.CodingKeys.self) { key in
        switch key {
        case .units: (.list(treatmentUnit), true)
        case .discharge: (.list(firmDischarge), false)
        }
    }

    static let treatmentUnit: KeySchema = .object(Wastewater.TreatmentUnit.CodingKeys.self) { key in
        switch key {
        case .id: (.string, true)
        case .label: (.string, false)
        case .capacityM3PerDay: (.number, true)
        case .plots, .phases: (.list(.string), false)
        case .x, .y: (.number, false)
        }
    }

    static let firmDischarge: KeySchema = .object(Wastewater.FirmDischarge.CodingKeys.self) { key in
        switch key {
        case .firm: (.string, true)
        case .m3PerDay: (.number, true)
        }
    }
}

/// Wastewater treatment capacity, a rule of the capacity shape: per treatment unit, the placed firms on the plots
/// that drain to it discharge at most its capacity (m³/day).
///
/// Everything a layer needs beyond the declarations (verifier check, rows, fit test, reasons, conflict text) is the
/// capacity shape's generic code (``CapacityRule``).
package enum WastewaterRule: CapacityRule {
    package static let kind = RuleKind.wastewater
    package static let noun = "treatment unit"
    package static let unit = "m³/day"

    /// Each firm's discharge (0 when not listed; the first entry of a firm listed twice, which the validator
    /// rejects).
    package static func discharge(in scenario: Scenario) -> [Double] {
        var byFirm: [String: Double] = [:]
        for d in scenario.rules.wastewater?.discharge ?? [] where byFirm[d.firm] == nil { byFirm[d.firm] = d.m3PerDay }
        return scenario.firms.map { byFirm[$0.id] ?? 0 }
    }

    /// The plot indices that drain to `unit`: its plots and every plot of its phases, ascending. A merged run drains
    /// to it when all its plots do; a kavling when its raw block is listed (or its phase).
    package static func plots(of unit: Wastewater.TreatmentUnit, in scenario: Scenario) -> [Int] {
        let ids = Set(unit.plots), phases = Set(unit.phases)
        func drains(_ plot: Plot) -> Bool {
            if phases.contains(plot.phase) { return true }
            switch plot.derived {
            case .merged?: return plot.parts.allSatisfy { ids.contains($0.id) || phases.contains($0.phase) }
            case .kavling(let k)?: return ids.contains(k.block)
            case nil: return ids.contains(plot.id)
            }
        }
        return scenario.site.plots.indices.filter { drains(scenario.site.plots[$0]) }
    }

    package static func resources(in scenario: Scenario) -> [CapacityResource] {
        let use = discharge(in: scenario)
        return (scenario.rules.wastewater?.units ?? []).map { unit in
            CapacityResource(id: unit.id, capacity: unit.capacityM3PerDay, plots: plots(of: unit, in: scenario), use: use)
        }
    }

    package static func parts(in scenario: Scenario) -> [RulePart] {
        (scenario.rules.wastewater?.units ?? []).map {
            RulePart(id: $0.id, label: "treatment unit \($0.id) (\($0.capacityM3PerDay.formatted0) m³/day)")
        }
    }

    /// Raises each lifted unit's capacity above the discharge of all firms together.
    package static func lifting(_ ids: Set<String>, in scenario: Scenario) -> Scenario {
        guard var w = scenario.rules.wastewater else { return scenario }
        let unlimited = discharge(in: scenario).reduce(1.0) { $0 + max(0, $1) }
        for u in w.units.indices where ids.contains(w.units[u].id) {
            w.units[u].capacityM3PerDay = max(w.units[u].capacityM3PerDay, unlimited)
        }
        var s = scenario
        s.rules.wastewater = w
        return s
    }

    /// Per unit: capacity, plots served, and the most the firms that may take those plots could discharge there
    /// (the largest discharges among them, one per plot), e.g. "Treatment unit IPAL-1: 60 m³/day for 24 plots;
    /// up to 83.5 m³/day could be discharged (can bind)".
    package static func summaryLines(_ scenario: Scenario) -> [String] {
        guard let w = scenario.rules.wastewater else { return [] }
        let use = discharge(in: scenario)
        let eligibility = Eligibility(scenario: scenario)
        let plots = scenario.site.plots
        return w.units.map { unit in
            let served = Self.plots(of: unit, in: scenario)
            let candidates = scenario.firms.indices.filter { f in
                use[f] > 0 && served.contains { eligibility.mayTake(firm: scenario.firms[f], plot: plots[$0]) }
            }
            let most = candidates.map { use[$0] }.sorted(by: >).prefix(served.count).reduce(0, +)
            let binds = most > unit.capacityM3PerDay + 1e-9 ? "can bind" : "cannot bind"
            let name = unit.label.map { " (\($0))" } ?? ""
            return "Treatment unit \(unit.id)\(name): \(unit.capacityM3PerDay.formatted0) m³/day for "
                + "\(served.count) plot\(served.count == 1 ? "" : "s"); up to \(most.formatted0) m³/day could be "
                + "discharged by \(candidates.count) firm\(candidates.count == 1 ? "" : "s") (\(binds))"
        }
    }

    /// A marker at each unit that says where it stands.
    package static func mapFeatures(_ scenario: Scenario) -> [MapFeature] {
        (scenario.rules.wastewater?.units ?? []).compactMap { unit in
            guard let x = unit.x, let y = unit.y else { return nil }
            return .marker(MapPoint(x: x, y: y), label: "\(unit.id): \(unit.capacityM3PerDay.formatted0) m³/day")
        }
    }

    package static func validate(_ v: inout ScenarioValidator) {
        guard let w = v.scenario.rules.wastewater else { return }
        let root = ScenarioPath.root.appending("rules").appending("wastewater")
        let list = root.appending("units")
        _ = v.ids(w.units.map(\.id), list, "treatment unit")
        let plotIDs = v.scenario.site.plots.map(\.id), phaseIDs = v.scenario.site.phases.map(\.id)
        var drainsTo: [String: String] = [:]
        for (i, unit) in w.units.enumerated() {
            let p = list.appending(i)
            v.number(unit.capacityM3PerDay, p.appending("capacity_m3_per_day"), .positive(ScenarioLimits.flow))
            v.number(unit.x, p.appending("x"), .magnitude(ScenarioLimits.coordinate))
            v.number(unit.y, p.appending("y"), .magnitude(ScenarioLimits.coordinate))
            if unit.x != nil || unit.y != nil, v.scenario.site.drawing?.treatment.contains(where: { $0.id == unit.id }) == true {
                v.report(p.appending(unit.x != nil ? "x" : "y"), "given for \(YAMLNodes.quote(unit.id)), which is also "
                    + "drawn (site.treatment_from); expected the position or the drawing, not both")
            }
            if unit.plots.isEmpty && unit.phases.isEmpty {
                v.report(p, "found neither plots nor phases; expected the plots that drain to the unit")
            }
            for (k, id) in unit.plots.enumerated() { v.reference(id, p.appending("plots").appending(k), "plot", plotIDs) }
            for (k, id) in unit.phases.enumerated() {
                v.reference(id, p.appending("phases").appending(k), "phase", phaseIDs)
            }
            for plot in plots(of: unit, in: v.scenario).map({ v.scenario.site.plots[$0].id }) {
                if let other = drainsTo[plot], other != unit.id {
                    v.report(p, "plot \(YAMLNodes.quote(plot)) drains to \(YAMLNodes.quote(other)) and "
                        + "\(YAMLNodes.quote(unit.id)); expected one treatment unit per plot")
                } else {
                    drainsTo[plot] = unit.id
                }
            }
        }
        let firmIDs = v.scenario.firms.map(\.id)
        var seen: [String: Int] = [:]
        for (i, d) in w.discharge.enumerated() {
            let p = root.appending("discharge").appending(i)
            v.reference(d.firm, p.appending("firm"), "firm", firmIDs)
            if let j = seen[d.firm] {
                v.report(p.appending("firm"), "firm \(YAMLNodes.quote(d.firm)) listed again (first at "
                    + "\(root.appending("discharge").appending(j))); expected one entry per firm")
            } else {
                seen[d.firm] = i
            }
            v.number(d.m3PerDay, p.appending("m3_per_day"), .nonNegative(ScenarioLimits.flow))
        }
    }
}
