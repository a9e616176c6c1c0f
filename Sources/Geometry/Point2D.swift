/// A point in the plane: `x`/`y` are easting/northing in metres in a projected CRS, or longitude/latitude in degrees
/// in a geographic one (always longitude first, as RFC 7946 and PROJ's visualisation order have it).
public struct Point2D: Sendable, Hashable, Codable {
    /// Easting (m) or longitude (°).
    public var x: Double
    /// Northing (m) or latitude (°).
    public var y: Double

    /// Makes a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Whether both coordinates are finite (not NaN, not infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }

    /// The Euclidean distance to `other`, in the coordinates' unit.
    public func distance(to other: Point2D) -> Double {
        let dx = x - other.x, dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }
}
