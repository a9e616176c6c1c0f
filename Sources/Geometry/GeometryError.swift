/// A failure of the geometry libraries, as one line of text with no C types.
public enum GeometryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// PROJ does not know the coordinate reference system (the text as given, and PROJ's reason).
    case unknownCRS(String, reason: String)
    /// PROJ cannot transform between the two systems (no operation found, or a point it cannot transform).
    case transformation(String)
    /// A shape GEOS cannot build or operate on (e.g. an open ring), with GEOS's or our reason.
    case invalidShape(String)
    /// GEOS failed on an operation (its message, e.g. a TopologyException on an invalid input).
    case geos(String)

    /// The one-line message.
    public var description: String {
        switch self {
        case .unknownCRS(let crs, let reason): "unknown coordinate reference system '\(crs)': \(reason)"
        case .transformation(let reason): "coordinate transformation failed: \(reason)"
        case .invalidShape(let reason): "invalid shape: \(reason)"
        case .geos(let reason): "GEOS: \(reason)"
        }
    }
}
