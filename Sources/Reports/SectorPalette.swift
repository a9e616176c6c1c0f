import Estate

/// A fixed, colour-blind-friendly fill colour for each sector of a scenario, by its position in `scenario.sectors`.
///
/// The colours are Paul Tol's "light" scheme, designed for filled areas with black labels and distinguishable with
/// the common colour-vision deficiencies. A scenario with more than nine sectors reuses the colours in order, the
/// second round hatched (``isHatched(_:)``), the third cross-hatched, and so on; the legend names each sector.
public struct SectorPalette: Sendable {
    /// The nine colours, in the order they are given to sectors.
    public static let colours = [
        "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00", "#DDDDDD",
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

    /// How many times the colours have been used before this sector's: 0 for the first nine sectors (plain fill),
    /// 1 for the next nine (hatched), 2 (cross-hatched) and so on; 0 for an unknown sector.
    public func round(of id: String) -> Int { (indexBySector[id] ?? 0) / Self.colours.count }

    /// Whether sector `id` is drawn hatched to tell it from an earlier sector of the same colour.
    public func isHatched(_ id: String) -> Bool { round(of: id) > 0 }

    /// The position of sector `id` in the scenario, or `nil` when unknown.
    public func index(of id: String) -> Int? { indexBySector[id] }

    /// The colour of sector `id`; ``unknownSector`` when the scenario does not list it.
    public func colour(of id: String) -> String { bySector[id] ?? Self.unknownSector }
}
