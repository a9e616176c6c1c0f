/// A plot of land one firm can occupy.
public struct Plot: Sendable, Hashable, Codable {
    /// A unique id, e.g. `P07`.
    public var id: String
    /// The id of the phase it belongs to.
    public var phase: String
    /// Area in m²; must be positive.
    public var area: Double
    /// Centroid x in metres.
    public var x: Double
    /// Centroid y in metres.
    public var y: Double
    /// Optional rectangle width (m) for drawing; with `depth` it should roughly match `area`.
    public var width: Double?
    /// Optional rectangle depth (m) for drawing.
    public var depth: Double?
    /// Optional rotation of the rectangle in degrees, counter-clockwise about the centroid.
    public var rotation: Double?
    /// The id of its zone.
    public var zone: String
    /// The road it fronts.
    public var frontage: RoadFrontage
    /// The id of its power block.
    public var powerBlock: String
    /// Rent in IDR per m² per year; `nil` when not set (any firm's maximum rent is then met).
    public var rent: Double?

    /// Makes a plot.
    public init(
        id: String, phase: String, area: Double, x: Double, y: Double, width: Double? = nil, depth: Double? = nil,
        rotation: Double? = nil, zone: String, frontage: RoadFrontage, powerBlock: String, rent: Double? = nil
    ) {
        self.id = id
        self.phase = phase
        self.area = area
        self.x = x
        self.y = y
        self.width = width
        self.depth = depth
        self.rotation = rotation
        self.zone = zone
        self.frontage = frontage
        self.powerBlock = powerBlock
        self.rent = rent
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, phase, area, x, y, width, depth, rotation, zone, frontage, powerBlock = "power_block", rent
    }

    /// The Euclidean distance between two plots' centroids, in metres.
    public func distance(to other: Plot) -> Double {
        let dx = x - other.x, dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }
}
