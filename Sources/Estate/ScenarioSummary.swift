/// What `plotalloc check` reports about a valid scenario: counts, plot area and land use per phase against the
/// norms, power, and the firms that no plot can take, with the reasons in plain words.
///
/// Built from the scenario alone (no solve). Encodes to JSON with the field names below (the CLI converts them to
/// snake_case); ``text`` renders it for people.
public struct ScenarioSummary: Sendable, Hashable, Codable {
    /// How many of each thing the scenario holds.
    public struct Counts: Sendable, Hashable, Codable {
        /// Plots on the site.
        public var plots: Int
        /// Every entry under `firms`: applicants, incumbents and shared facilities.
        public var firms: Int
        /// Firms of kind `firm` that hold no plot yet.
        public var applicants: Int
        /// Entries (any kind) that already occupy a plot.
        public var incumbents: Int
        /// Entries of kind `shared_facility`.
        public var sharedFacilities: Int
        /// Entries that must be placed (`required: true`, plus every incumbent).
        public var mustBePlaced: Int
        /// Phases, zones, power blocks, sectors.
        public var phases: Int, zones: Int, powerBlocks: Int, sectors: Int
        /// Quotas in the rules.
        public var quotas: Int
    }

    /// One land use of a phase against its norm.
    public struct LandUseShare: Sendable, Hashable, Codable {
        /// `plots`, `green`, `roads`, `facilities`.
        public var use: String
        /// Its area in m²; `nil` when the scenario does not state it (other land absent).
        public var area: Double?
        /// Its share of the phase (0…1); `nil` when the area is not stated.
        public var share: Double?
        /// The norm, e.g. `≤ 70 %`.
        public var norm: String
        /// `ok`, `below`, `above`, or `not stated`.
        public var status: String
    }

    /// Plot area and land use of one phase.
    public struct PhaseLandUse: Sendable, Hashable, Codable {
        /// The phase id and label.
        public var id: String, label: String
        /// The phase's whole area (m²).
        public var siteArea: Double
        /// Number of plots and their total area (m²).
        public var plotCount: Int, plotArea: Double
        /// Plots, green, roads and facilities against the norms, in that order.
        public var shares: [LandUseShare]
        /// Land not stated as any use (m²); `nil` when other land is not stated.
        public var unassignedArea: Double?
    }

    /// A power block's capacity and its plots.
    public struct PowerBlockLoad: Sendable, Hashable, Codable {
        /// The block id.
        public var id: String
        /// Capacity in kVA.
        public var capacityKVA: Double
        /// Plots it feeds.
        public var plots: Int
        /// An upper bound on the load it can carry: the largest power needs among the firms that may take one of
        /// its plots, as many as it has plots. Above the capacity, the block can bind; at or below, it cannot.
        public var maxDemandKVA: Double
        /// The firms that must be placed (required, or incumbents) and can only go on its plots (every plot they may
        /// take is on this block; under the fixed incumbent policy, an incumbent's own plot), in scenario order.
        public var requiredFirms: [String]
        /// What ``requiredFirms`` draw together, kVA: above ``capacityKVA`` no layout can place them all (the
        /// scenario is infeasible; `check` warns, naming the block and the firms).
        public var requiredKVA: Double

        /// Whether the firms that must go on this block need more than it has.
        public var isOverloadedByRequiredFirms: Bool { requiredKVA > capacityKVA + 1e-9 }
    }

    /// A firm that no plot can take, and why.
    public struct FirmWithoutPlot: Sendable, Hashable, Codable {
        /// The firm's id and name.
        public var id: String, name: String
        /// Whether it must be placed (then the scenario is infeasible).
        public var mustBePlaced: Bool
        /// Plain-word reasons, e.g. `needs 600–800 m², the largest plot open to its sector is 500 m²`.
        public var reasons: [String]
    }

    /// The scenario's name.
    public var name: String
    /// Counts.
    public var counts: Counts
    /// Rated sector pairs by letter (`A` … `X`, every letter present).
    public var sectorPairsByRating: [String: Int]
    /// Rated firm pairs by letter (`A` … `X`, every letter present).
    public var firmPairsByRating: [String: Int]
    /// Per phase, in scenario order.
    public var phases: [PhaseLandUse]
    /// Per power block, in scenario order.
    public var powerBlocks: [PowerBlockLoad]
    /// Firms no plot can take, in scenario order.
    public var firmsWithoutPlot: [FirmWithoutPlot]
    /// What each catalogue rule the scenario uses says about itself (wastewater units, buffers, …), in catalogue
    /// order (``RuleDefinition/summaryLines(_:)``); empty when it uses none.
    public var ruleLines: [String]

    /// One warning per power block whose must-place firms need more than it has (see
    /// ``PowerBlockLoad/requiredKVA``), naming the block and the firms with their kVA; `file` is the scenario's path.
    public func powerWarnings(scenario: Scenario, file: String) -> [ScenarioDiagnostic] {
        let kva = Dictionary(scenario.firms.map { ($0.id, $0.powerKVA) }, uniquingKeysWith: { a, _ in a })
        return powerBlocks.enumerated().filter { $0.element.isOverloadedByRequiredFirms }.map { i, b in
            let who = b.requiredFirms.map { "\($0) (\(Self.show(kva[$0] ?? 0)) kVA)" }.joined(separator: ", ")
            return ScenarioDiagnostic(
                file: file, path: "site.power_blocks[\(i)]",
                message: "power block \(b.id): the firms that must be placed and can only go on its plots, \(who), "
                    + "need \(Self.show(b.requiredKVA)) kVA; its capacity is \(Self.show(b.capacityKVA)) kVA, so no "
                    + "layout places them all (solve will report the scenario infeasible)")
        }
    }

    /// Summarises `scenario`, which should have passed ``ScenarioLoader/check(_:file:)`` (unresolved ids are counted
    /// as they stand, never trapped on).
    public init(scenario: Scenario) {
        let firms = scenario.firms
        let plots = scenario.site.plots
        name = scenario.metadata.name
        counts = Counts(
            plots: plots.count, firms: firms.count,
            applicants: firms.filter { $0.kind == .firm && !$0.isIncumbent }.count,
            incumbents: firms.filter(\.isIncumbent).count,
            sharedFacilities: firms.filter { $0.kind == .sharedFacility }.count,
            mustBePlaced: firms.filter(\.mustBePlaced).count,
            phases: scenario.site.phases.count, zones: scenario.site.zones.count,
            powerBlocks: scenario.site.powerBlocks.count, sectors: scenario.sectors.count,
            quotas: scenario.rules.quotas.count)

        func byRating(_ ratings: [PairRating]) -> [String: Int] {
            var out = Dictionary(uniqueKeysWithValues: ClosenessRating.allCases.map { ($0.rawValue, 0) })
            var seen: Set<[String]> = []
            for r in ratings where seen.insert([min(r.a, r.b), max(r.a, r.b)]).inserted {
                out[r.rating.rawValue, default: 0] += 1
            }
            return out
        }
        sectorPairsByRating = byRating(scenario.closeness.sectors)
        firmPairsByRating = byRating(scenario.closeness.firms)

        phases = scenario.site.phases.map { phase in
            let own = plots.filter { $0.phase == phase.id }
            let plotArea = own.reduce(0) { $0 + $1.area }
            func share(_ norm: LandUseNorm, _ area: Double?) -> LandUseShare {
                guard let area, phase.area > 0 else {
                    return LandUseShare(use: norm.use, area: nil, share: nil, norm: norm.text, status: "not stated")
                }
                let s = (area / phase.area * 10_000).rounded() / 10_000
                return LandUseShare(use: norm.use, area: area, share: s, norm: norm.text, status: norm.status(of: s))
            }
            let land = phase.otherLand
            return PhaseLandUse(
                id: phase.id, label: phase.label ?? phase.id, siteArea: phase.area, plotCount: own.count,
                plotArea: plotArea,
                shares: [
                    share(.plots, plotArea), share(.green, land?.green), share(.roads, land?.roads),
                    share(.facilities, land?.facilities),
                ],
                unassignedArea: land.map { phase.area - plotArea - $0.roads - $0.green - $0.facilities })
        }

        let eligibility = Eligibility(scenario: scenario)
        // Raw land counts as the kavlings it could give (``candidateKavlings(_:)``) for what firms could take.
        let candidates = Self.candidateKavlings(scenario)
        let open = plots + candidates
        let mostKavlings = Dictionary(grouping: scenario.site.rawBlocks, by: \.powerBlock).mapValues { blocks in
            blocks.reduce(0) { n, b in
                n + (b.cutting(defaults: scenario.site.cutting).map { Int((b.length / $0.minWidth + 1e-9).rounded(.down)) } ?? 0)
            }
        }
        // The one block each must-place firm can go on, when there is only one.
        let fixed: Bool = if case .fixed = scenario.rules.incumbents { true } else { false }
        let onlyBlock: [String?] = firms.map { f in
            guard f.required || f.isIncumbent else { return nil }
            let may = fixed && f.isIncumbent ? plots.filter { $0.id == f.incumbentPlot }
                : open.filter { eligibility.mayTake(firm: f, plot: $0) }
            let blocks = Set(may.map(\.powerBlock))
            return blocks.count == 1 ? blocks.first : nil
        }
        powerBlocks = scenario.site.powerBlocks.map { block in
            let fed = open.filter { $0.powerBlock == block.id }
            let sites = plots.filter { $0.powerBlock == block.id }.count + (mostKavlings[block.id] ?? 0)
            let needs = firms.filter { f in fed.contains { eligibility.mayTake(firm: f, plot: $0) } }.map(\.powerKVA)
            let demand = needs.sorted(by: >).prefix(sites).reduce(0, +)
            let bound = firms.indices.filter { onlyBlock[$0] == block.id }
            return PowerBlockLoad(id: block.id, capacityKVA: block.capacityKVA, plots: sites, maxDemandKVA: demand,
                                  requiredFirms: bound.map { firms[$0].id },
                                  requiredKVA: bound.reduce(0) { $0 + firms[$1].powerKVA })
        }

        let sectorsByID = Dictionary(scenario.sectors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        ruleLines = Self.rawLandLines(scenario) + RuleKind.definitions.flatMap { $0.summaryLines(scenario) }
        firmsWithoutPlot = firms.compactMap { firm in
            guard !open.contains(where: { eligibility.mayTake(firm: firm, plot: $0) }) else { return nil }
            let reasons = Self.explain(
                firm: firm, zones: sectorsByID[firm.sector]?.zones ?? [], plots: open, eligibility: eligibility)
            return FirmWithoutPlot(
                id: firm.id, name: firm.name, mustBePlaced: firm.mustBePlaced, reasons: reasons)
        }
    }

    /// Why no plot suits `firm`, grouped by ``IneligibilityReason/family``: first the zone, then each need that no
    /// plot in an open zone meets on its own, else the needs that no single plot meets together.
    static func explain(firm: Firm, zones: [String], plots: [Plot], eligibility: Eligibility) -> [String] {
        let sector = firm.sector
        let reasonsByPlot = plots.map { eligibility.reasons(firm: firm, plot: $0) }
        let open = plots.indices.filter { !reasonsByPlot[$0].contains { $0.family == .zone } }
        guard !open.isEmpty else {
            if plots.isEmpty { return ["the site has no plots"] }
            let list = zones.isEmpty ? "no zone" : "zone\(zones.count == 1 ? "" : "s") " + zones.joined(separator: ", ")
            return ["its sector \(sector) may use \(list), and no plot is in \(zones.count == 1 ? "it" : "them")"]
        }
        func failsEverywhere(_ family: IneligibilityReason.Family) -> Bool {
            open.allSatisfy { i in reasonsByPlot[i].contains { $0.family == family } }
        }
        let range = "\(Self.show(firm.area.min))–\(Self.show(firm.area.max)) m²"
        let needs = "needs " + range
        var out: [String] = []
        if failsEverywhere(.area) {
            let areas = open.map { plots[$0].area }
            let lo = areas.min()!, hi = areas.max()!
            if hi < firm.area.min {
                out.append("\(needs), the largest plot open to its sector is \(Self.show(hi)) m²")
            } else if lo > firm.area.max {
                out.append("\(needs), the smallest plot open to its sector is \(Self.show(lo)) m²")
            } else {
                out.append("\(needs), and the plots open to its sector (\(Self.show(lo))–\(Self.show(hi)) m²) miss that range")
            }
        }
        if failsEverywhere(.frontage) {
            out.append("needs main-road frontage, and no main-road plot is in a zone open to \(sector)")
        }
        if failsEverywhere(.rent), let maxRent = firm.maxRent {
            let cheapest = open.compactMap { plots[$0].rent }.min() ?? 0
            out.append(
                "can pay at most \(Self.show(maxRent)) IDR/m² a year, and the cheapest plot open to its sector costs "
                    + "\(Self.show(cheapest))")
        }
        // Plots that pass every base test, all ruled out by exclusion rules (buffers, …).
        let fitting = plots.indices.filter { i in reasonsByPlot[i].allSatisfy { $0.family == .excluded } }
        if out.isEmpty, !fitting.isEmpty {
            if let (_, clause) = eligibility.excludingRule(firm: firm, plots: fitting.map { plots[$0] }) {
                out.append("every plot it fits is \(clause)")
            } else {
                out.append("every plot it fits is ruled out by " + fitting.flatMap { reasonsByPlot[$0].map(\.description) }
                    .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: "; "))
            }
        }
        if out.isEmpty {
            var all = [range]
            if firm.needsMainRoad { all.append("main-road frontage") }
            if let maxRent = firm.maxRent { all.append("rent ≤ \(Self.show(maxRent)) IDR/m²") }
            out.append("no single plot open to its sector meets all of its needs together: " + all.joined(separator: ", "))
        }
        return out
    }

    /// A number for people: whole numbers with thousands separators (`17,500`), others with up to two decimals;
    /// magnitudes from 10¹⁵ up, and non-finite values, in Swift's own notation (`1e+20`).
    static func show(_ v: Double) -> String {
        guard v.isFinite, v.magnitude < 1e15 else { return "\(v)" }
        let rounded = (v * 100).rounded() / 100
        let whole = Int64(rounded.magnitude.rounded(.down))
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = (rounded < 0 ? "-" : "") + digits + grouped
        let fraction = rounded.magnitude - Double(whole)
        if fraction < 0.005 { return grouped }
        var f = String(Int((fraction * 100).rounded()))
        if f.count == 1 { f = "0" + f }
        while f.hasSuffix("0") { f.removeLast() }
        return grouped + "." + f
    }
}
