/// The one place that decides whether a firm may take a plot: area within the firm's range, a zone its sector may
/// use, main-road frontage when needed, rent within the firm's maximum, and the planners' locks and reserved plots
/// (``LockRule``).
///
/// The formulation, the verifier, `check` and the explanations all ask this type, so the rule is written once.
/// Ids that do not resolve (an unknown sector) make every plot ineligible with ``IneligibilityReason/zoneNotAllowed(zone:sector:)``;
/// the loader rejects such scenarios before they get here.
public struct Eligibility: Sendable {
    private let zonesBySector: [String: Set<String>]

    /// Prepares the sector → zones lookup of `scenario`.
    public init(scenario: Scenario) {
        var map: [String: Set<String>] = [:]
        for sector in scenario.sectors { map[sector.id, default: []].formUnion(sector.zones) }
        zonesBySector = map
    }

    /// Every reason `firm` may not take `plot`; empty when it may.
    public func reasons(firm: Firm, plot: Plot) -> [IneligibilityReason] {
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
        return out + LockRule.reasons(firm: firm, plot: plot)
    }

    /// The reasons of the firm's own needs only (area, zone, frontage, rent), locks and reservations left out:
    /// whether the plot would suit the firm if the planners had not ruled it out.
    public func needReasons(firm: Firm, plot: Plot) -> [IneligibilityReason] {
        reasons(firm: firm, plot: plot).filter { !$0.isLock }
    }

    /// Whether `firm` may take `plot`.
    public func mayTake(firm: Firm, plot: Plot) -> Bool {
        plot.area >= firm.area.min && plot.area <= firm.area.max
            && (zonesBySector[firm.sector]?.contains(plot.zone) ?? false)
            && (!firm.needsMainRoad || plot.frontage == .main)
            && (firm.maxRent == nil || plot.rent == nil || plot.rent! <= firm.maxRent!)
            && LockRule.allows(firm: firm, plot: plot)
    }
}
