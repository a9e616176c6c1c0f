/// The rules and weights of a scenario: what neighbours are, how far X pairs stay apart, and what the score weighs.
public struct Rules: Sendable, Hashable, Codable {
    /// Plots whose centroids are at most this far apart (m) are neighbours; positive.
    public var adjacencyDistance: Double
    /// X-rated pairs of placed firms must be at least this far apart (m, centroid to centroid); positive.
    public var separationDistance: Double
    /// Score per closeness rating.
    public var ratingWeights: RatingWeights
    /// What may happen to incumbents; default fixed.
    public var incumbents: IncumbentPolicy
    /// Lower limits on placed firms by sector or tag.
    public var quotas: [Quota]
    /// How much placing each firm is worth.
    public var placementValue: PlacementWeights
    /// Whether neighbours and separation are measured on centroids (the default) or on the plots' shapes.
    public var geometry: GeometryRules
    /// Wastewater treatment units, the plots draining to each and the firms' discharge; `nil` when not used.
    public var wastewater: Wastewater?
    /// Sensitive places (housing, a school, a river) and the distance each flagged sector keeps; empty when none.
    public var buffers: [SensitivePlace]
    /// The largest share of each phase's land in plots and kavlings (``LandUseRule``); `nil` when not a rule.
    public var landUse: LandUseRule?

    /// Makes rules.
    public init(
        adjacencyDistance: Double, separationDistance: Double, ratingWeights: RatingWeights = RatingWeights(),
        incumbents: IncumbentPolicy = .fixed, quotas: [Quota] = [], placementValue: PlacementWeights = PlacementWeights(),
        geometry: GeometryRules = GeometryRules(),
        wastewater: Wastewater? = nil, buffers: [SensitivePlace] = [], landUse: LandUseRule? = nil
    ) {
        self.landUse = landUse
        self.adjacencyDistance = adjacencyDistance
        self.separationDistance = separationDistance
        self.ratingWeights = ratingWeights
        self.incumbents = incumbents
        self.quotas = quotas
        self.placementValue = placementValue
        self.geometry = geometry
        self.wastewater = wastewater
        self.buffers = buffers
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case adjacencyDistance = "adjacency_distance", separationDistance = "separation_distance"
        case ratingWeights = "rating_weights", incumbents, quotas, placementValue = "placement_value", geometry
        case wastewater, buffers, landUse = "land_use"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        adjacencyDistance = try c.decode(Double.self, forKey: .adjacencyDistance)
        separationDistance = try c.decode(Double.self, forKey: .separationDistance)
        ratingWeights = try c.decodeIfPresent(RatingWeights.self, forKey: .ratingWeights) ?? RatingWeights()
        incumbents = try c.decodeIfPresent(IncumbentPolicy.self, forKey: .incumbents) ?? .fixed
        quotas = try c.decodeIfPresent([Quota].self, forKey: .quotas) ?? []
        placementValue = try c.decodeIfPresent(PlacementWeights.self, forKey: .placementValue) ?? PlacementWeights()
        wastewater = try c.decodeIfPresent(Wastewater.self, forKey: .wastewater)
        buffers = try c.decodeIfPresent([SensitivePlace].self, forKey: .buffers) ?? []
        geometry = try c.decodeIfPresent(GeometryRules.self, forKey: .geometry) ?? GeometryRules()
        landUse = try c.decodeIfPresent(LandUseRule.self, forKey: .landUse)
    }

    /// Encodes every key; `geometry` only when it is not the default centroid rules, `wastewater` and `buffers` only
    /// when declared, so that files written before the keys existed are written unchanged.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(adjacencyDistance, forKey: .adjacencyDistance)
        try c.encode(separationDistance, forKey: .separationDistance)
        try c.encode(ratingWeights, forKey: .ratingWeights)
        try c.encode(incumbents, forKey: .incumbents)
        try c.encode(quotas, forKey: .quotas)
        try c.encode(placementValue, forKey: .placementValue)
        if geometry != GeometryRules() { try c.encode(geometry, forKey: .geometry) }
        try c.encodeIfPresent(wastewater, forKey: .wastewater)
        if !buffers.isEmpty { try c.encode(buffers, forKey: .buffers) }
        try c.encodeIfPresent(landUse, forKey: .landUse)
    }
}
