/// A coordinate reference system as PROJ names it: `EPSG:32748`, `urn:ogc:def:crs:EPSG::32748` (QGIS's GeoJSON
/// `crs` member), `OGC:CRS84`, a WKT or a PROJ string. PROJ decides whether it exists (``Projection/kind(of:)``).
public struct CoordinateReferenceSystem: Sendable, Hashable, CustomStringConvertible {
    /// The definition as given, passed to PROJ unchanged.
    public let definition: String

    /// Names a CRS; nothing is checked until PROJ is asked.
    public init(_ definition: String) {
        self.definition = definition
    }

    /// WGS 84 longitude/latitude, the CRS of RFC 7946 GeoJSON (EPSG:4326; ``Projection`` uses longitude first).
    public static let wgs84 = CoordinateReferenceSystem("EPSG:4326")

    /// The WGS 84 / UTM zone containing `lonLat` (longitude, latitude in degrees): EPSG:326zz north of the equator,
    /// EPSG:327zz south of it (Bekasi, 107.0° E 6.3° S: zone 48 south, EPSG:32748).
    ///
    /// The zone is `⌊(lon + 180) / 6⌋ + 1`, clamped to 1…60 (longitude 180° belongs to zone 60). The special zones of
    /// Norway and Svalbard are not applied: a site there gets its regular zone, whose distortion is still small.
    public static func utm(containing lonLat: Point2D) -> CoordinateReferenceSystem {
        let zone = min(60, max(1, Int(((lonLat.x + 180) / 6).rounded(.down)) + 1))
        let code = (lonLat.y < 0 ? 32700 : 32600) + zone
        return CoordinateReferenceSystem("EPSG:\(code)")
    }

    /// The definition.
    public var description: String { definition }
}

/// What kind of coordinates a CRS has, as far as plotalloc cares.
public enum CRSKind: Sendable, Hashable {
    /// Longitude/latitude in degrees (to be projected before measuring).
    case geographic
    /// Projected, with the length of one unit of its first axis in metres (1 for metre-based CRSs such as UTM).
    case projected(metresPerUnit: Double)
    /// Anything else PROJ knows (geocentric, vertical, compound, engineering …), with PROJ's name for its type.
    case other(String)
}
