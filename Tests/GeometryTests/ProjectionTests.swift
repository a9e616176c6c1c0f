import Geometry
import Testing

/// PROJ through the Geometry target, against PROJ's own command-line tool.
///
/// Reference coordinates were computed once with PROJ 9.1.1's `cs2cs` (Debian proj-bin) on the development machine:
///
///     echo "107.15 -6.3"  | cs2cs -f %.6f OGC:CRS84 EPSG:32748   →  737860.818066  9303142.698594
///     echo "106.99 -6.24" | cs2cs -f %.6f OGC:CRS84 EPSG:32748   →  720177.454810  9309849.466133
///
/// (`echo "-6.3 107.15" | cs2cs EPSG:4326 EPSG:32748`, latitude first as EPSG:4326 defines it, gives the same.)
@Suite("Projection (PROJ)")
struct ProjectionTests {
    /// Cikarang, Bekasi regency, and a point near Bekasi city: WGS 84 → UTM zone 48 south, to 1 cm.
    @Test func bekasiPointsAgreeWithCs2cs() throws {
        let projection = try Projection(from: .wgs84, to: CoordinateReferenceSystem("EPSG:32748"))
        let cases: [(Point2D, Point2D)] = [
            (Point2D(x: 107.15, y: -6.3), Point2D(x: 737860.818066, y: 9303142.698594)),
            (Point2D(x: 106.99, y: -6.24), Point2D(x: 720177.454810, y: 9309849.466133)),
        ]
        for (lonLat, expected) in cases {
            let utm = try projection.forward(lonLat)
            #expect(abs(utm.x - expected.x) < 0.01, "easting of \(lonLat): \(utm.x) vs cs2cs \(expected.x)")
            #expect(abs(utm.y - expected.y) < 0.01, "northing of \(lonLat): \(utm.y) vs cs2cs \(expected.y)")
            let back = try projection.inverse(utm)
            #expect(abs(back.x - lonLat.x) < 1e-9 && abs(back.y - lonLat.y) < 1e-9, "round trip of \(lonLat): \(back)")
        }
    }

    /// QGIS's GeoJSON names its CRS as a URN; PROJ takes it as it is.
    @Test func urnNamesTheSameCRS() throws {
        let projection = try Projection(from: .wgs84, to: CoordinateReferenceSystem("urn:ogc:def:crs:EPSG::32748"))
        let utm = try projection.forward(Point2D(x: 107.15, y: -6.3))
        #expect(abs(utm.x - 737860.818066) < 0.01 && abs(utm.y - 9303142.698594) < 0.01)
    }

    @Test func utmZoneOfBekasiIs48South() {
        #expect(CoordinateReferenceSystem.utm(containing: Point2D(x: 107.15, y: -6.3)).definition == "EPSG:32748")
        #expect(CoordinateReferenceSystem.utm(containing: Point2D(x: 2.35, y: 48.85)).definition == "EPSG:32631")
        #expect(CoordinateReferenceSystem.utm(containing: Point2D(x: 180, y: 0)).definition == "EPSG:32660")
        #expect(CoordinateReferenceSystem.utm(containing: Point2D(x: -180, y: -1)).definition == "EPSG:32701")
    }

    @Test func kindsOfCRS() throws {
        #expect(try Projection.kind(of: .wgs84) == .geographic)
        #expect(try Projection.kind(of: CoordinateReferenceSystem("urn:ogc:def:crs:OGC:1.3:CRS84")) == .geographic)
        #expect(try Projection.kind(of: CoordinateReferenceSystem("EPSG:32748")) == .projected(metresPerUnit: 1))
        // NAD83 / Texas South Central in US survey feet: a projected CRS whose unit is not the metre.
        guard case .projected(let factor) = try Projection.kind(of: CoordinateReferenceSystem("EPSG:2278")) else {
            Issue.record("EPSG:2278 should be projected")
            return
        }
        #expect(abs(factor - 1200.0 / 3937.0) < 1e-12)
    }

    @Test func unknownCRSIsAnError() {
        for name in ["EPSG:999999", "urn:ogc:def:crs:EPSG::0", "not a crs", ""] {
            #expect(throws: GeometryError.self, "\(name)") { _ = try Projection.kind(of: CoordinateReferenceSystem(name)) }
            do {
                _ = try Projection(from: .wgs84, to: CoordinateReferenceSystem(name))
                Issue.record("\(name) was accepted")
            } catch {
                guard case .unknownCRS(let given, _) = error else {
                    Issue.record("\(name): \(error)")
                    continue
                }
                #expect(given == name)
            }
        }
    }

    @Test func nonFinitePointIsAnError() throws {
        let projection = try Projection(from: .wgs84, to: CoordinateReferenceSystem("EPSG:32748"))
        #expect(throws: GeometryError.self) { _ = try projection.forward(Point2D(x: .nan, y: -6.3)) }
    }

    @Test func shapesProjectPositionByPosition() throws {
        let projection = try Projection(from: .wgs84, to: CoordinateReferenceSystem("EPSG:32748"))
        let square = Shape.polygon(Polygon.rectangle(origin: Point2D(x: 107.15, y: -6.3), width: 0.001, height: 0.001))
        let projected = try projection.forward(square)
        guard case .polygon(let polygon) = projected else {
            Issue.record("a polygon should stay a polygon")
            return
        }
        #expect(polygon.exterior.count == 5)
        #expect(polygon.exterior.first == polygon.exterior.last)
        #expect(abs(polygon.exterior[0].x - 737860.818066) < 0.01)
        let back = try projection.inverse(projected)
        for (a, b) in zip(back.positions, square.positions) {
            #expect(a.distance(to: b) < 1e-9)
        }
    }
}
