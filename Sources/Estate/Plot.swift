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
    /// Whether the planners keep it empty (``LockRule``): no firm may take it.
    public var reserved: Bool
    /// Whether it may be merged with the plots beside it into a run one firm takes (under `site.merging`); default
    /// `true`.
    public var mergeable: Bool
    /// For a plot of an effective scenario (``Scenario/applying(_:)``), the derived site it stands for; `nil` for
    /// the scenario's own plots. Not part of the YAML.
    public var derived: DerivedSite?
    /// For a merged run's plot, the scenario's plots it is made of, in run order; empty otherwise. ``Eligibility``
    /// tests each part's zone, road, rent and exclusions, and ``SiteGeometry`` gives the run the union of its parts'
    /// neighbours. Not part of the YAML.
    public var parts: [Plot]

    /// Makes a plot.
    public init(
        id: String, phase: String, area: Double, x: Double, y: Double, width: Double? = nil, depth: Double? = nil,
        rotation: Double? = nil, zone: String, frontage: RoadFrontage, powerBlock: String, rent: Double? = nil,
        reserved: Bool = false, mergeable: Bool = true
    ) {
        self.reserved = reserved
        self.mergeable = mergeable
        derived = nil
        parts = []
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
        case id, phase, area, x, y, width, depth, rotation, zone, frontage, powerBlock = "power_block", rent, reserved
        case mergeable
    }

    public init(from decoder: any Decoder) throws {
        try LoadWatch.check(decoding: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        phase = try c.decode(String.self, forKey: .phase)
        area = try c.decode(Double.self, forKey: .area)
        x = try c.decode(Double.self, forKey: .x)
        y = try c.decode(Double.self, forKey: .y)
        width = try c.decodeIfPresent(Double.self, forKey: .width)
        depth = try c.decodeIfPresent(Double.self, forKey: .depth)
        rotation = try c.decodeIfPresent(Double.self, forKey: .rotation)
        zone = try c.decode(String.self, forKey: .zone)
        frontage = try c.decode(RoadFrontage.self, forKey: .frontage)
        powerBlock = try c.decode(String.self, forKey: .powerBlock)
        rent = try c.decodeIfPresent(Double.self, forKey: .rent)
        reserved = try c.decodeIfPresent(Bool.self, forKey: .reserved) ?? false
        mergeable = try c.decodeIfPresent(Bool.self, forKey: .mergeable) ?? true
        derived = nil
        parts = []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(phase, forKey: .phase)
        try c.encode(area, forKey: .area)
        try c.encode(x, forKey: .x)
        try c.encode(y, forKey: .y)
        try c.encodeIfPresent(width, forKey: .width)
        try c.encodeIfPresent(depth, forKey: .depth)
        try c.encodeIfPresent(rotation, forKey: .rotation)
        try c.encode(zone, forKey: .zone)
        try c.encode(frontage, forKey: .frontage)
        try c.encode(powerBlock, forKey: .powerBlock)
        try c.encodeIfPresent(rent, forKey: .rent)
        if reserved { try c.encode(reserved, forKey: .reserved) }
        if !mergeable { try c.encode(mergeable, forKey: .mergeable) }
    }

    /// The Euclidean distance between two plots' centroids, in metres.
    public func distance(to other: Plot) -> Double {
        let dx = x - other.x, dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }
}
