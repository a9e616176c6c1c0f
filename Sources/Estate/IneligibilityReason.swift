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
    /// The plot is reserved (kept empty) by the planners (``LockRule``).
    case reserved(plot: String)
    /// The firm is locked to (promised) another plot.
    case lockedToOtherPlot(firm: String, plot: String)
    /// The firm's lock rules this plot out (not among its allowed plots, or among its forbidden ones).
    case lockedOutOfPlot(firm: String, plot: String)
    /// The firm's lock rules out this plot's power (street) block.
    case lockedOutOfBlock(firm: String, block: String)

    /// A short family name, for grouping reasons in explanations (`area`, `zone`, `frontage`, `rent`, `lock`).
    public var family: String {
        switch self {
        case .areaTooSmall, .areaTooLarge: "area"
        case .zoneNotAllowed: "zone"
        case .noMainRoadFrontage: "frontage"
        case .rentTooHigh: "rent"
        case .reserved, .lockedToOtherPlot, .lockedOutOfPlot, .lockedOutOfBlock: "lock"
        }
    }

    /// Whether the reason is a planner's lock or reservation rather than a need of the firm.
    public var isLock: Bool { family == "lock" }

    public var description: String {
        switch self {
        case .areaTooSmall(let a, let m): "plot is \(a.formatted0) m², below the minimum \(m.formatted0) m²"
        case .areaTooLarge(let a, let m): "plot is \(a.formatted0) m², above the maximum \(m.formatted0) m²"
        case .zoneNotAllowed(let z, let s): "zone \(z) is not open to sector \(s)"
        case .reserved(let p): "\(p) is reserved (kept empty)"
        case .lockedToOtherPlot(let f, let p): "\(f) is locked to \(p)"
        case .lockedOutOfPlot(let f, let p): "\(f) is locked out of plot \(p)"
        case .lockedOutOfBlock(let f, let b): "\(f) is locked out of block \(b)"
        case .noMainRoadFrontage: "no main-road frontage"
        case .rentTooHigh(let r, let m): "rent \(r.formatted0) IDR/m² is above the maximum \(m.formatted0)"
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
