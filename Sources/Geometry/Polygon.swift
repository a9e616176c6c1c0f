/// A polygon as GeoJSON (RFC 7946 §3.1.6) and GEOS have it: one exterior ring and zero or more holes, each ring a
/// closed list of positions (the first equals the last, so a triangle has 4 positions).
///
/// The value is not checked when made: ``GeometryEngine/validity(of:)`` says whether it is a valid polygon, and
/// every other operation of ``GeometryEngine`` throws on a ring it cannot build (open, too short, not finite).
public struct Polygon: Sendable, Hashable, Codable {
    /// The outer boundary, closed.
    public var exterior: [Point2D]
    /// The holes, each closed.
    public var holes: [[Point2D]]

    /// Makes a polygon from its rings.
    public init(exterior: [Point2D], holes: [[Point2D]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// An axis-aligned rectangle `width` × `height` with its lower-left corner at `origin`, closed, counter-clockwise.
    public static func rectangle(origin: Point2D, width: Double, height: Double) -> Polygon {
        let (x0, y0) = (origin.x, origin.y)
        return Polygon(exterior: [
            Point2D(x: x0, y: y0), Point2D(x: x0 + width, y: y0), Point2D(x: x0 + width, y: y0 + height),
            Point2D(x: x0, y: y0 + height), Point2D(x: x0, y: y0),
        ])
    }

    /// All rings, the exterior first.
    public var rings: [[Point2D]] { [exterior] + holes }
}
