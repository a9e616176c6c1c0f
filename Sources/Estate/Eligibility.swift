/// The one place that decides whether a firm may take a plot: area within the firm's range, a zone its sector may
/// use, main-road frontage when needed, rent within the firm's maximum, and every exclusion rule of the catalogue
/// (``RuleKind/exclusionRules``: buffers from sensitive places, the planners' locks and reserved plots).
///
/// The formulation, the verifier, `check` and the explanations all ask this type, so the rule is written once.
/// Ids that do not resolve (an unknown sector) make every plot ineligible with ``IneligibilityReason/zoneNotAllowed(zone:sector:)``;
/// the loader rejects such scenarios before they get here.
public struct Eligibility: Sendable {
    private let zonesBySector: [String: Set<String>]
    /// The scenario's exclusion rules, in catalogue order.
    private let exclusions: [any ExclusionRule]

    /// Prepares the sector → zones lookup of `scenario` and its exclusion rules.
    public init(scenario: Scenario) {
        var map: [String: Set<String>] = [:]
        for sector in scenario.sectors { map[sector.id, default: []].formUnion(sector.zones) }
        zonesBySector = map
        exclusions = RuleKind.exclusionRules.map { $0.init(scenario: scenario) }
    }

    /// Every reason `firm` may not take `plot`; empty when it may.
    ///
    /// A merged run's plot (``Plot/parts`` not empty) is tested on its total area, and each of its parts on every
    /// other test (zone, road, rent, exclusions); a reason two parts share is given once.
    public func reasons(firm: Firm, plot: Plot) -> [IneligibilityReason] {
        guard plot.parts.isEmpty else {
            var whole = plot
            whole.parts = []
            var out = reasons(firm: firm, plot: whole).filter { $0.family == .area }
            for part in plot.parts {
                for r in reasons(firm: firm, plot: part) where r.family != .area && !out.contains(r) { out.append(r) }
            }
            return out
        }
        var out: [IneligibilityReason] = []
        if plot.area < firm.area.min { out.append(.areaTooSmall(plotArea: plot.area, minArea: firm.area.min)) }
        if plot.area > firm.area.max { out.append(.areaTooLarge(plotArea: plot.area, maxArea: firm.area.max)) }
        if !(zonesBySector[firm.sector]?.contains(plot.zone) ?? false) {
            out.append(.zoneNotAllowed(zone: plot.zone, sector: firm.sector))
        }
        if firm.needsMainRoad && plot.frontage != .main { out.append(.noMainRoadFrontage) }
        if let maxRent = firm.maxRent, let rent = plot.rent, rent > maxRent {
            out.append(.rentTooHigh(rent: rent, maxRent: maxRent))
        }
        for rule in exclusions {
            if let why = rule.exclusion(firm: firm, plot: plot) { out.append(.excluded(type(of: rule).kind, why)) }
        }
        return out
    }

    /// The reasons of the firm's own needs and the site's rules, the planners' locks and reservations
    /// (``LockRule``) left out: whether the plot would suit the firm if the planners had not ruled it out.
    public func needReasons(firm: Firm, plot: Plot) -> [IneligibilityReason] {
        reasons(firm: firm, plot: plot).filter { !$0.isLock }
    }

    /// Whether `firm` may take `plot`.
    public func mayTake(firm: Firm, plot: Plot) -> Bool {
        guard plot.parts.isEmpty else { return reasons(firm: firm, plot: plot).isEmpty }
        return plot.area >= firm.area.min && plot.area <= firm.area.max
            && (zonesBySector[firm.sector]?.contains(plot.zone) ?? false)
            && (!firm.needsMainRoad || plot.frontage == .main)
            && (firm.maxRent == nil || plot.rent == nil || plot.rent! <= firm.maxRent!)
            && exclusions.allSatisfy { $0.exclusion(firm: firm, plot: plot) == nil }
    }

    /// The exclusion rule that rules out every plot of `plots` for `firm` and its clause (e.g. "within 50 m of
    /// housing H1"), when one rule does; `nil` otherwise or when `plots` is empty.
    package func excludingRule(firm: Firm, plots: [Plot]) -> (kind: RuleKind, clause: String)? {
        guard !plots.isEmpty else { return nil }
        for rule in exclusions where plots.allSatisfy({ rule.exclusion(firm: firm, plot: $0) != nil }) {
            return (type(of: rule).kind, rule.everyPlotClause(firm: firm, plots: plots))
        }
        return nil
    }
}
