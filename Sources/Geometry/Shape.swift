/// A geometry as a Swift value: the GeoJSON geometry types plotalloc reads and writes (no GeometryCollection).
///
/// Coordinates are in whatever CRS the caller works in; ``Projection`` converts a whole shape. No C type appears.
public enum Shape: Sendable, Hashable, Codable {
    /// A single position (e.g. a school as a point).
    case point(Point2D)
    /// An open or closed line of at least 2 positions (e.g. a road's centre line, a river).
    case lineString([Point2D])
    /// Several lines.
    case multiLineString([[Point2D]])
    /// One polygon.
    case polygon(Polygon)
    /// Several polygons (e.g. a plot in two parts).
    case multiPolygon([Polygon])

    /// Every position of the shape, in order (rings' closing positions included).
    public var positions: [Point2D] {
        switch self {
        case .point(let p): [p]
        case .lineString(let line): line
        case .multiLineString(let lines): lines.flatMap { $0 }
        case .polygon(let polygon): polygon.rings.flatMap { $0 }
        case .multiPolygon(let polygons): polygons.flatMap { $0.rings.flatMap { $0 } }
        }
    }

    /// Whether the shape is areal (a polygon or multipolygon).
    public var isAreal: Bool {
        switch self {
        case .polygon, .multiPolygon: true
        case .point, .lineString, .multiLineString: false
        }
    }

    /// The same shape with every position mapped by `transform` (structure kept as is).
    public func mapPositions<E: Error>(_ transform: (Point2D) throws(E) -> Point2D) throws(E) -> Shape {
        func ring(_ r: [Point2D]) throws(E) -> [Point2D] { try r.map(transform) }
        func polygon(_ p: Polygon) throws(E) -> Polygon {
            Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring))
        }
        switch self {
        case .point(let p): return .point(try transform(p))
        case .lineString(let line): return .lineString(try ring(line))
        case .multiLineString(let lines): return .multiLineString(try lines.map(ring))
        case .polygon(let p): return .polygon(try polygon(p))
        case .multiPolygon(let ps): return .multiPolygon(try ps.map(polygon))
        }
    }
}
