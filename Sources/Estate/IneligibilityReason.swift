import Foundation

/// One reason a firm may not take a plot, in the scenario's own terms.
public enum IneligibilityReason: Sendable, Hashable, CustomStringConvertible {
    /// The plot is smaller than the firm's minimum area.
    case areaTooSmall(plotArea: Double, minArea: Double)
    /// The plot is larger than the firm's maximum area.
    case areaTooLarge(plotArea: Double, maxArea: Double)
    /// The plot's zone is not one the firm's sector may use.
    case zoneNotAllowed(zone: String, sector: String)
    /// The firm needs main-road frontage and the plot has none.
    case noMainRoadFrontage
    /// The plot's rent is above the firm's maximum rent.
    case rentTooHigh(rent: Double, maxRent: Double)
    /// An exclusion rule of the catalogue rules the plot out for the firm (e.g. a buffer from housing), with its
    /// reason.
    case excluded(RuleKind, String)

    /// The test a reason comes from, for grouping reasons in explanations; in the order explanations list them.
    public enum Family: String, Sendable, Hashable, CaseIterable, Comparable {
        /// The sector's zones (``IneligibilityReason/zoneNotAllowed(zone:sector:)``).
        case zone
        /// The firm's area range (``IneligibilityReason/areaTooSmall(plotArea:minArea:)``, ``areaTooLarge``).
        case area
        /// Main-road frontage (``IneligibilityReason/noMainRoadFrontage``).
        case frontage
        /// The firm's maximum rent (``IneligibilityReason/rentTooHigh(rent:maxRent:)``).
        case rent
        /// An exclusion rule of the catalogue (``IneligibilityReason/excluded(_:_:)``, e.g. a buffer).
        case excluded

        /// Orders families as ``allCases`` lists them.
        public static func < (a: Family, b: Family) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// The test this reason comes from.
    public var family: Family {
        switch self {
        case .areaTooSmall, .areaTooLarge: .area
        case .zoneNotAllowed: .zone
        case .noMainRoadFrontage: .frontage
        case .rentTooHigh: .rent
        case .excluded: .excluded
        }
    }

    /// Whether the reason is a planner's lock or reservation (``LockRule``) rather than a need of the firm.
    public var isLock: Bool { if case .excluded(.locks, _) = self { true } else { false } }

    public var description: String {
        switch self {
        case .areaTooSmall(let a, let m): "plot is \(a.formatted0) m², below the minimum \(m.formatted0) m²"
        case .areaTooLarge(let a, let m): "plot is \(a.formatted0) m², above the maximum \(m.formatted0) m²"
        case .zoneNotAllowed(let z, let s): "zone \(z) is not open to sector \(s)"
        case .noMainRoadFrontage: "no main-road frontage"
        case .rentTooHigh(let r, let m): "rent \(r.formatted0) IDR/m² is above the maximum \(m.formatted0)"
        case .excluded(_, let why): why
        }
    }
}

extension Double {
    /// The value rounded to a whole number when it is one, else with up to two decimals (for messages).
    package var formatted0: String {
        if self == rounded() && abs(self) < 1e15 { return String(Int64(self)) }
        return String(format: "%.2f", self)
    }
}
