/// `rules.geometry`: which definition of "neighbours" and "too close" the scenario uses (docs/formulation.md).
///
/// The defaults are today's centroid rules, which need only plot centroids. The shape rules need every plot's
/// shape: its drawn polygon (`site.plots_from`) or, for a typed plot, its `width` × `depth` rectangle rotated by
/// `rotation` about the centroid.
public struct GeometryRules: Sendable, Hashable, Codable {
    /// How neighbours are decided.
    public enum Neighbours: String, Sendable, Hashable, Codable, CaseIterable {
        /// Centroids at most `rules.adjacency_distance` apart.
        case centroid
        /// Polygons sharing at least `min_shared_boundary` metres of boundary (side by side or back to back), or,
        /// with `across_road_within`, facing each other across a drawn road.
        case sharedBoundary = "shared_boundary"
    }

    /// How "too close" (for X-rated pairs) is measured.
    public enum Separation: String, Sendable, Hashable, Codable, CaseIterable {
        /// Centroid to centroid.
        case centroid
        /// The shortest distance between the two polygons.
        case polygon
    }

    /// The neighbour rule; default ``Neighbours/centroid``.
    public var neighbours: Neighbours
    /// The least shared boundary (m) that makes two plots neighbours under ``Neighbours/sharedBoundary``; > 0.
    public var minSharedBoundary: Double?
    /// Under ``Neighbours/sharedBoundary``, plots also neighbour when both lie within 1 m of the same drawn road and
    /// their polygons are at most this far apart (m, e.g. the road's width); ≥ 0. `nil`: not across roads.
    public var acrossRoadWithin: Double?
    /// The separation measure; default ``Separation/centroid``.
    public var separation: Separation
    /// What `rules.buffers` measure from: the plot's centroid (default) or its outline (``Separation/polygon``: the
    /// shortest distance from any point of the plot), to the sensitive place's shape either way.
    public var buffers: Separation

    /// Makes geometry rules; the defaults are the centroid rules.
    public init(
        neighbours: Neighbours = .centroid, minSharedBoundary: Double? = nil, acrossRoadWithin: Double? = nil,
        separation: Separation = .centroid, buffers: Separation = .centroid
    ) {
        self.neighbours = neighbours
        self.minSharedBoundary = minSharedBoundary
        self.acrossRoadWithin = acrossRoadWithin
        self.separation = separation
        self.buffers = buffers
    }

    /// Whether any rule needs the plots' shapes.
    public var needsShapes: Bool { neighbours != .centroid || separation != .centroid }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case neighbours, minSharedBoundary = "min_shared_boundary", acrossRoadWithin = "across_road_within", separation
        case buffers
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        neighbours = try c.decodeIfPresent(Neighbours.self, forKey: .neighbours) ?? .centroid
        minSharedBoundary = try c.decodeIfPresent(Double.self, forKey: .minSharedBoundary)
        acrossRoadWithin = try c.decodeIfPresent(Double.self, forKey: .acrossRoadWithin)
        separation = try c.decodeIfPresent(Separation.self, forKey: .separation) ?? .centroid
        buffers = try c.decodeIfPresent(Separation.self, forKey: .buffers) ?? .centroid
    }
}
