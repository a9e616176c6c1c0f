/// A fixed, colour-blind-friendly fill colour for each sector of a scenario, by its position in `scenario.sectors`.
///
/// The colours are Paul Tol's "light" scheme, designed for filled areas with black labels and distinguishable with
/// the common colour-vision deficiencies. A scenario with more than nine sectors reuses colours in order; the map's
/// legend still names each sector, and plot labels carry the firm.
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

    /// Assigns colours to `sectors` in order.
    public init(sectors: [Sector]) {
        var map: [String: String] = [:]
        for (i, s) in sectors.enumerated() where map[s.id] == nil {
            map[s.id] = Self.colours[i % Self.colours.count]
        }
        bySector = map
    }

    /// The colour of sector `id`; ``unknownSector`` when the scenario does not list it.
    public func colour(of id: String) -> String { bySector[id] ?? Self.unknownSector }
}
