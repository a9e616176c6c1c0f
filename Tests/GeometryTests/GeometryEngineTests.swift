import Geometry
import Testing

/// GEOS through the Geometry target: measures on polygons whose answers are known by hand.
@Suite("Geometry engine (GEOS)")
struct GeometryEngineTests {
    let engine = GeometryEngine()

    static func p(_ x: Double, _ y: Double) -> Point2D { Point2D(x: x, y: y) }

    /// An L-shaped plot: a 40 × 30 rectangle minus its 20 × 10 top-right corner (1200 − 200 = 1000 m²).
    /// Centroid by parts: (20, 15)·1200 − (30, 25)·200 over 1000 = (18, 13).
    static let lShape = Shape.polygon(Polygon(exterior: [
        p(0, 0), p(40, 0), p(40, 20), p(20, 20), p(20, 30), p(0, 30), p(0, 0),
    ]))

    @Test func areaAndCentroidOfKnownPolygons() throws {
        #expect(abs(try engine.area(of: Self.lShape) - 1000) < 1e-9)
        let c = try engine.centroid(of: Self.lShape)
        #expect(abs(c.x - 18) < 1e-9 && abs(c.y - 13) < 1e-9, "\(c)")
        // A right triangle 4 × 3: area 6, centroid (4/3, 1).
        let triangle = Shape.polygon(Polygon(exterior: [Self.p(0, 0), Self.p(4, 0), Self.p(0, 3), Self.p(0, 0)]))
        #expect(abs(try engine.area(of: triangle) - 6) < 1e-12)
        let t = try engine.centroid(of: triangle)
        #expect(abs(t.x - 4.0 / 3.0) < 1e-12 && abs(t.y - 1) < 1e-12)
        // A 50 × 50 plot with a 10 × 10 hole (a substation inside it): 2400 m², perimeter 200 + 40.
        let holed = Shape.polygon(Polygon(
            exterior: Polygon.rectangle(origin: Self.p(0, 0), width: 50, height: 50).exterior,
            holes: [Polygon.rectangle(origin: Self.p(10, 10), width: 10, height: 10).exterior]))
        #expect(abs(try engine.area(of: holed) - 2400) < 1e-9)
        #expect(abs(try engine.length(of: holed) - 240) < 1e-9)
        // A multipolygon: two 10 × 10 squares apart, total 200 m², centroid midway.
        let two = Shape.multiPolygon([
            Polygon.rectangle(origin: Self.p(0, 0), width: 10, height: 10),
            Polygon.rectangle(origin: Self.p(30, 0), width: 10, height: 10),
        ])
        #expect(abs(try engine.area(of: two) - 200) < 1e-9)
        #expect(try engine.centroid(of: two) == Self.p(20, 5))
        #expect(engine.validity(of: two) == .valid)
    }

    /// The area of a plot drawn in longitude/latitude and projected to UTM 48S matches the same plot drawn in metres.
    @Test func projectedAreaMatches() throws {
        let projection = try Projection(from: .wgs84, to: CoordinateReferenceSystem("EPSG:32748"))
        let metres = Shape.polygon(Polygon.rectangle(origin: Self.p(737_800, 9_303_100), width: 40, height: 25))
        let lonLat = try projection.inverse(metres)
        let back = try projection.forward(lonLat)
        #expect(abs(try engine.area(of: back) - 1000) < 1e-4)
    }

    @Test func invalidPolygonsSayWhy() throws {
        let bowTie = Shape.polygon(Polygon(exterior: [Self.p(0, 0), Self.p(10, 10), Self.p(10, 0), Self.p(0, 10), Self.p(0, 0)]))
        guard case .invalid(let reason) = engine.validity(of: bowTie) else {
            Issue.record("a bow-tie is not a valid polygon")
            return
        }
        #expect(reason == "Self-intersection[5 5]")

        let open = Shape.polygon(Polygon(exterior: [Self.p(0, 0), Self.p(10, 0), Self.p(10, 10), Self.p(0, 10)]))
        #expect(engine.validity(of: open) == .invalid(
            "exterior ring is not closed: it starts at (0.0, 0.0) and ends at (0.0, 10.0)"))
        #expect(throws: GeometryError.invalidShape(
            "exterior ring is not closed: it starts at (0.0, 0.0) and ends at (0.0, 10.0)")) {
            _ = try engine.area(of: open)
        }

        let short = Shape.polygon(Polygon(exterior: [Self.p(0, 0), Self.p(10, 0), Self.p(0, 0)]))
        #expect(engine.validity(of: short) == .invalid(
            "exterior ring has 3 positions; a closed ring needs at least 4 (the first repeated as the last)"))

        let badHole = Shape.multiPolygon([
            Polygon.rectangle(origin: Self.p(0, 0), width: 10, height: 10),
            Polygon(exterior: [Self.p(20, 0), Self.p(30, 0), Self.p(30, 10), Self.p(20, 0)],
                    holes: [[Self.p(21, 1), Self.p(22, 1), Self.p(21, 1)]]),
        ])
        #expect(engine.validity(of: badHole) == .invalid(
            "polygon 2: hole 1 has 3 positions; a closed ring needs at least 4 (the first repeated as the last)"))

        let overlapping = Shape.multiPolygon([
            Polygon.rectangle(origin: Self.p(0, 0), width: 10, height: 10),
            Polygon.rectangle(origin: Self.p(5, 0), width: 10, height: 10),
        ])
        guard case .invalid(let why) = engine.validity(of: overlapping) else {
            Issue.record("overlapping parts of a multipolygon are invalid")
            return
        }
        #expect(why.hasPrefix("Self-intersection"), "\(why)")

        let infinite = Shape.point(Self.p(.infinity, 0))
        #expect(!engine.validity(of: infinite).isValid)
        #expect(!engine.validity(of: .multiPolygon([])).isValid)
        #expect(engine.validity(of: Self.lShape) == .valid)
    }

    @Test func sharedBoundaryOfNeighbouringPlots() throws {
        let left = Shape.polygon(Polygon.rectangle(origin: Self.p(0, 0), width: 40, height: 25))
        let right = Shape.polygon(Polygon.rectangle(origin: Self.p(40, 0), width: 30, height: 25))
        let behind = Shape.polygon(Polygon.rectangle(origin: Self.p(10, 25), width: 20, height: 25))
        let corner = Shape.polygon(Polygon.rectangle(origin: Self.p(70, 25), width: 10, height: 10))
        #expect(abs(try engine.sharedBoundaryLength(left, right) - 25) < 1e-9)
        #expect(abs(try engine.sharedBoundaryLength(left, behind) - 20) < 1e-9)
        #expect(try engine.sharedBoundaryLength(right, corner) == 0)
        #expect(try engine.sharedBoundaryLength(left, corner) == 0)
        // Drawn plots 1 cm apart share nothing exactly, and 25 m within a 5 cm tolerance (plus at most 2 × 5 cm at
        // the two ends where the other edges of `left` enter the band).
        let gapped = Shape.polygon(Polygon.rectangle(origin: Self.p(40.01, 0), width: 30, height: 25))
        #expect(try engine.sharedBoundaryLength(left, gapped) == 0)
        let tolerant = try engine.sharedBoundaryLength(left, gapped, tolerance: 0.05)
        #expect(tolerant >= 25 && tolerant <= 25.1 + 1e-9, "\(tolerant)")
        #expect(throws: GeometryError.self) { _ = try engine.sharedBoundaryLength(left, right, tolerance: -1) }
    }

    @Test func distancesOverlapsAndContainment() throws {
        let a = Shape.polygon(Polygon.rectangle(origin: Self.p(0, 0), width: 10, height: 10))
        let b = Shape.polygon(Polygon.rectangle(origin: Self.p(20, 0), width: 10, height: 10))
        let c = Shape.polygon(Polygon.rectangle(origin: Self.p(23, 4), width: 10, height: 10))
        #expect(try engine.distance(a, b) == 10)
        #expect(try engine.distance(b, c) == 0)
        #expect(try engine.distance(.point(Self.p(0, 20)), a) == 10)
        #expect(abs(try engine.distance(.lineString([Self.p(13, -5), Self.p(13, 50)]), a) - 3) < 1e-12)
        // b and c overlap in a 7 × 6 rectangle.
        #expect(abs(try engine.intersectionArea(b, c) - 42) < 1e-9)
        #expect(try engine.intersectionArea(a, b) == 0)
        #expect(abs(try engine.areaOutside(c, b) - 58) < 1e-9)
        let site = Shape.polygon(Polygon.rectangle(origin: Self.p(-1, -1), width: 40, height: 12))
        #expect(try engine.areaOutside(a, site) == 0)
        #expect(abs(try engine.areaOutside(c, site) - 10 * 3) < 1e-9, "c reaches 3 m above the site's top edge")
    }

    @Test func bufferGrowsByTheDistance() throws {
        let square = Shape.polygon(Polygon.rectangle(origin: Self.p(0, 0), width: 10, height: 10))
        let grown = try engine.buffer(square, by: 1)
        guard case .polygon = grown else {
            Issue.record("the buffer of a square is a polygon, got \(grown)")
            return
        }
        // 100 + 4 × 10 + the four rounded corners (π with exact arcs; the 32-gon inscribed in the unit circle has
        // area 16·sin(π/16)·… ≈ 3.1214).
        let area = try engine.area(of: grown)
        #expect(area > 143.1 && area < 100 + 40 + Double.pi, "\(area)")
        #expect(abs(try engine.distance(grown, .point(Self.p(5, 12))) - 1) < 1e-9)
        // A point 50 m from housing: the band a plating firm may not enter.
        let band = try engine.buffer(.point(Self.p(0, 0)), by: 50, segmentsPerQuarter: 16)
        #expect(abs(try engine.area(of: band) - Double.pi * 2500) / (Double.pi * 2500) < 0.005)
        // A negative buffer that eats the whole shape gives an empty multipolygon.
        #expect(try engine.buffer(square, by: -6) == .multiPolygon([]))
        let road = try engine.buffer(.lineString([Self.p(0, 0), Self.p(100, 0)]), by: 3)
        #expect(try engine.distance(road, .point(Self.p(50, 3))) == 0)
    }
}
