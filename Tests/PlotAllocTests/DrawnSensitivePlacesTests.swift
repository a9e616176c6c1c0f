import Foundation
import Geometry
import Testing

@testable import Allocation
@testable import Estate
@testable import PlotAllocTestSupport
@testable import Reports

/// Sensitive places and treatment units drawn in GeoJSON (`site.sensitive_from`, `site.treatment_from`): the buffer
/// rule measures to the drawn shape (from the plot's centroid or outline, `rules.geometry.buffers`), checked against
/// a brute-force distance and the exhaustive oracle; bad features are one line each with their position; the map
/// draws the band around the real shape and the IPAL as drawn; the layout GeoJSON carries the IPAL.
///
/// The site is ``SiteDrawingTests``' four plots (P1 0–20 × 0–20, P2 20–35 × 0–20, P3 0–20 × 20–40, 4 20–35 × 20–40,
/// local metres). Drawn beside them: a school (a Point at 45, 45), a river (a LineString along x = −8) and housing
/// (a Polygon 40–48 × 0–15); the IPAL is a 6 × 6 m square at 38–44 × 30–36.
@Suite(.serialized) struct DrawnSensitivePlacesTests {
    typealias F = SiteDrawingTests

    static func utm(_ x: Double, _ y: Double) -> [Double] { [F.east + x, F.north + y] }

    static func feature(_ properties: String, _ type: String, _ coordinates: String) -> String {
        "{\"type\": \"Feature\", \"properties\": {\(properties)}, \"geometry\": {\"type\": \"\(type)\", "
            + "\"coordinates\": \(coordinates)}}"
    }

    static let school = feature("\"Layer\": \"SENSITIF\", \"NAMA\": \"S1\", \"JENIS\": \"school\"", "Point",
                                F.json([utm(45, 45)]).dropFirst().dropLast().description)
    static let river = feature("\"Layer\": \"SENSITIF\", \"NAMA\": \"R1\", \"JENIS\": \"river\"", "LineString",
                               F.json([utm(-8, -8), utm(-8, 48)]))
    static let housing = feature("\"Layer\": \"SENSITIF\", \"NAMA\": \"H1\", \"JENIS\": \"housing\"", "Polygon",
                                 "[" + F.json(F.ring(40, 0, 8, 15)) + "]")
    static let ipal = feature("\"Layer\": \"IPAL\", \"NAMA\": \"IPAL-1\", \"JENIS\": \"IPAL 1\"", "Polygon",
                              "[" + F.json(F.ring(38, 30, 6, 6)) + "]")

    static func places(_ features: [String] = [school, river, housing, ipal]) -> String { F.collection(features) }

    /// The scenario: two machining firms; buffers to the three drawn places (distances as given); the IPAL drawn.
    static func yaml(school: Double = 15, river: Double = 12, housing: Double = 10, measure: String = "centroid",
                     extra: String = "") -> String {
        F.scenario.replacingOccurrences(
            of: "firms: [{id: F1, sector: machining, area: {min: 100, max: 500}}]",
            with: "firms: [{id: F1, sector: machining, area: {min: 100, max: 500}}, "
                + "{id: F2, sector: machining, area: {min: 100, max: 500}, workers: 40}]")
            .replacingOccurrences(of: "  boundary_from: {file: boundary.geojson}\n", with: """
                  boundary_from: {file: boundary.geojson}
                  sensitive_from: {file: places.geojson, where: {property: Layer, equals: SENSITIF}, id: NAMA, label: JENIS}
                  treatment_from: {file: places.geojson, where: {property: Layer, equals: IPAL}, id: NAMA, label: JENIS}

                """)
            .replacingOccurrences(of: "rules: {adjacency_distance: 25, separation_distance: 40}", with: """
                rules:
                  adjacency_distance: 25
                  separation_distance: 40
                  geometry: {buffers: \(measure)}
                  buffers:
                  - {id: S1, keep_out: [{sector: machining, distance: \(school)}]}
                  - {id: R1, keep_out: [{sector: machining, distance: \(river)}]}
                  - {id: H1, label: houses, keep_out: [{sector: machining, distance: \(housing)}]}
                \(extra)
                """)
    }

    /// Writes the scenario, the plots, roads, boundary and places files into a new directory and loads it.
    static func load(yaml: String = yaml(), places: String = places()) throws -> (Result<Scenario, ScenarioError>, URL) {
        let dir = try F.directory()
        try places.write(to: dir.appendingPathComponent("places.geojson"), atomically: true, encoding: .utf8)
        try F.collection(F.plots).write(to: dir.appendingPathComponent("plots.geojson"), atomically: true, encoding: .utf8)
        try F.roads.write(to: dir.appendingPathComponent("roads.geojson"), atomically: true, encoding: .utf8)
        try F.boundary.write(to: dir.appendingPathComponent("boundary.geojson"), atomically: true, encoding: .utf8)
        try yaml.write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        do {
            return (.success(try ScenarioLoader.load(path: dir.appendingPathComponent("scenario.yaml").path)), dir)
        } catch {
            return (.failure(error), dir)
        }
    }

    static func errors(yaml: String = yaml(), places: String = places()) throws -> [String] {
        let (result, dir) = try load(yaml: yaml, places: places)
        defer { try? FileManager.default.removeItem(at: dir) }
        guard case .failure(let error) = result else {
            Issue.record("loaded; expected an error")
            return []
        }
        return error.diagnostics.map { $0.headline.replacingOccurrences(of: dir.path, with: "DIR") }
    }

    // MARK: Brute-force distance (no GEOS): points, segments, rings

    static func segments(_ shape: Shape) -> [(Point2D, Point2D)] {
        func pairs(_ l: [Point2D]) -> [(Point2D, Point2D)] { zip(l, l.dropFirst()).map { ($0, $1) } }
        switch shape {
        case .point(let p): return [(p, p)]
        case .lineString(let l): return pairs(l)
        case .multiLineString(let ls): return ls.flatMap(pairs)
        case .polygon(let p): return p.rings.flatMap(pairs)
        case .multiPolygon(let ps): return ps.flatMap(\.rings).flatMap(pairs)
        }
    }

    static func pointSegment(_ p: Point2D, _ a: Point2D, _ b: Point2D) -> Double {
        let (dx, dy) = (b.x - a.x, b.y - a.y)
        let len = dx * dx + dy * dy
        let t = len == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len))
        return hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
    }

    static func crosses(_ a: (Point2D, Point2D), _ b: (Point2D, Point2D)) -> Bool {
        func side(_ p: Point2D, _ q: Point2D, _ r: Point2D) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
        let d1 = side(b.0, b.1, a.0), d2 = side(b.0, b.1, a.1), d3 = side(a.0, a.1, b.0), d4 = side(a.0, a.1, b.1)
        return d1 * d2 < 0 && d3 * d4 < 0
    }

    /// Even-odd point in polygon (any ring of an areal shape).
    static func inside(_ p: Point2D, _ shape: Shape) -> Bool {
        guard shape.isAreal else { return false }
        var odd = false
        for (a, b) in segments(shape) where (a.y > p.y) != (b.y > p.y) {
            if p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y) { odd.toggle() }
        }
        return odd
    }

    /// The shortest distance between two shapes: 0 when they cross or one holds a vertex of the other, else the
    /// least vertex-to-segment distance either way.
    static func bruteDistance(_ s: Shape, _ t: Shape) -> Double {
        let (a, b) = (segments(s), segments(t))
        if a.contains(where: { x in b.contains { crosses(x, $0) } }) { return 0 }
        if s.positions.contains(where: { inside($0, t) }) || t.positions.contains(where: { inside($0, s) }) { return 0 }
        var best = Double.infinity
        for (p, q) in a { for (u, v) in b { best = min(best, pointSegment(p, u, v), pointSegment(q, u, v)) } }
        for (p, q) in b { for (u, v) in a { best = min(best, pointSegment(p, u, v), pointSegment(q, u, v)) } }
        return best
    }

    // MARK: Tests

    @Test func drawnPlacesLoadWithTheirShapes() throws {
        let (result, dir) = try Self.load()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try result.get()
        let drawing = try #require(s.site.drawing)
        #expect(drawing.sensitive.map(\.id) == ["S1", "R1", "H1"])
        #expect(drawing.sensitive.map(\.label) == ["school", "river", "housing"])
        #expect(drawing.treatment.map(\.name) == ["IPAL 1 (IPAL-1)"])
        guard case .point(let p) = drawing.sensitive[0].shape else { Issue.record("not a point"); return }
        #expect(abs(p.x - 45) < 1e-6 && abs(p.y - 45) < 1e-6, "\(p)")
        #expect(s.rules.buffers.allSatisfy { $0.points.isEmpty })
        #expect(abs(try GeometryEngine().area(of: drawing.treatment[0].shape) - 36) < 1e-6)
    }

    /// The rule's distances are the shortest distances to the drawn shapes, from the centroid or from the outline:
    /// equal to GEOS's and to a brute-force computation, and eligibility follows them at every keep-out distance.
    @Test func bufferDistancesMatchGEOSAndBruteForce() throws {
        for measure in ["centroid", "polygon"] {
            let (result, dir) = try Self.load(yaml: Self.yaml(measure: measure))
            defer { try? FileManager.default.removeItem(at: dir) }
            let s = try result.get()
            let engine = GeometryEngine()
            for place in s.rules.buffers {
                let shape = try #require(place.shape(on: s.site))
                let rule = BufferRule.distances(from: place, in: s)
                for (k, plot) in s.site.plots.enumerated() {
                    let from: Shape = measure == "polygon" ? try #require(s.site.shape(of: plot))
                        : .point(Point2D(x: plot.x, y: plot.y))
                    let geos = try engine.distance(from, shape)
                    #expect(abs(rule[k] - geos) < 1e-9, "\(measure) \(place.id) \(plot.id)")
                    #expect(abs(rule[k] - Self.bruteDistance(from, shape)) < 1e-6, "\(measure) \(place.id) \(plot.id)")
                }
            }
            // Expected by hand: under polygon, plot 4's corner (35, 40) is 11.18 m from the school, P1's west edge
            // 8 m from the river, P2's east edge 5 m from the housing.
            let byID = Dictionary(uniqueKeysWithValues: s.rules.buffers.map { ($0.id, BufferRule.distances(from: $0, in: s)) })
            if measure == "polygon" {
                #expect(abs(byID["S1"]![3] - hypot(10, 5)) < 1e-9)
                #expect(abs(byID["R1"]![0] - 8) < 1e-9)
                #expect(abs(byID["H1"]![1] - 5) < 1e-9)
            } else {
                #expect(abs(byID["R1"]![0] - 18) < 1e-9)
                #expect(abs(byID["H1"]![1] - 12.5) < 1e-9)
            }
        }
        for measure in ["centroid", "polygon"] {
            for keep in [4.0, 9, 13, 20, 30] {
                let (result, dir) = try Self.load(yaml: Self.yaml(school: keep, river: keep, housing: keep, measure: measure))
                defer { try? FileManager.default.removeItem(at: dir) }
                let s = try result.get()
                let e = Eligibility(scenario: s)
                for plot in s.site.plots {
                    let from: Shape = measure == "polygon" ? s.site.shape(of: plot)! : .point(Point2D(x: plot.x, y: plot.y))
                    let nearest = s.rules.buffers.map { Self.bruteDistance(from, $0.shape(on: s.site)!) }.min()!
                    #expect(e.mayTake(firm: s.firms[0], plot: plot) == (nearest >= keep - 1e-6),
                            "\(measure) keep \(keep) \(plot.id): nearest \(nearest)")
                }
            }
        }
    }

    @Test func solverOptimumEqualsTheOracle() throws {
        for (measure, keep) in [("centroid", 13.0), ("polygon", 9), ("polygon", 13), ("polygon", 30)] {
            let (result, dir) = try Self.load(yaml: Self.yaml(school: keep, river: keep, housing: keep, measure: measure))
            defer { try? FileManager.default.removeItem(at: dir) }
            let s = try result.get()
            let oracle = try ExhaustiveSearch(scenario: s).run()
            let solved = try Allocator(warmStart: true, heuristicBudget: 0.05).allocate(s)
            #expect(solved.status == .optimal)
            #expect(abs((solved.objective ?? .nan) - (oracle.bestScore ?? .nan)) <= 1e-6, "\(measure) \(keep)")
            if let layout = solved.layout { #expect(LayoutVerifier(scenario: s).verify(layout).violations.isEmpty) }
        }
    }

    @Test func badPlacesAreOneLineEach() throws {
        // Feature problems, at their position in the places file.
        let features = [
            Self.feature("\"Layer\": \"SENSITIF\", \"JENIS\": \"school\"", "Point", "[737845, 9303145]"),
            Self.feature("\"Layer\": \"SENSITIF\", \"NAMA\": \"R1\", \"JENIS\": 7", "LineString",
                         F.json([Self.utm(-8, -8), Self.utm(-8, 48)])),
            Self.feature("\"Layer\": \"SENSITIF\", \"NAMA\": \"H1\"", "Polygon",
                         "[" + F.json([Self.utm(40, 0), Self.utm(48, 15), Self.utm(48, 0), Self.utm(40, 15), Self.utm(40, 0)]) + "]"),
            Self.feature("\"Layer\": \"SENSITIF\", \"NAMA\": \"H1\"", "Point", "[737845, 9303145]"),
            Self.feature("\"Layer\": \"IPAL\", \"NAMA\": \"IPAL-1\"", "Point", "[737841, 9303133]"),
        ]
        let text = Self.places(features)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func col(_ needle: String, _ line: Int) -> Int { F.column(of: needle, line: line, in: text) }
        let errors = try Self.errors(places: text)
        #expect(errors.count == 5, "\(errors)")
        #expect(errors.contains("DIR/places.geojson:4:1: error: features[0].properties: missing the id property "
            + "\"NAMA\" (site.sensitive_from.id); expected every sensitive place feature to have one"), "\(errors)")
        #expect(errors.contains("DIR/places.geojson:5:\(col("7}", 5)): error: features[1] (sensitive place R1)"
            + ".properties.JENIS: found 7; expected a string, what the sensitive place is"), "\(errors)")
        #expect(errors.contains { $0.hasPrefix("DIR/places.geojson:6:\(col("{\"type\": \"Polygon\"", 6)): error: "
            + "features[2] (sensitive place H1).geometry: the geometry is not valid: Self-intersection") }, "\(errors)")
        #expect(errors.contains("DIR/places.geojson:7:\(col("\"H1\"", 7)): error: features[3] (sensitive place H1)"
            + ".properties.NAMA: the id \"H1\" is already used by features[2]; expected unique sensitive place ids"),
            "\(errors)")
        #expect(errors.contains("DIR/places.geojson:8:\(col("{\"type\": \"Point\"", 8)): error: features[4] "
            + "(treatment unit IPAL-1).geometry: found a Point; expected a Polygon or MultiPolygon"), "\(errors)")
        #expect(lines.count > 8)

        // Buffers that name no drawn place, or both points and a drawn place, at their key in the scenario.
        let yaml = Self.yaml().replacingOccurrences(of: "- {id: S1, keep_out", with: "- {id: S2, keep_out")
            .replacingOccurrences(of: "- {id: R1, keep_out", with: "- {id: R1, points: [{x: 0, y: 0}], keep_out")
        let rows = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let s2 = rows.firstIndex { $0.contains("id: S2") }! + 1, r1 = rows.firstIndex { $0.contains("id: R1") }! + 1
        #expect(try Self.errors(yaml: yaml) == [
            "DIR/scenario.yaml:\(s2):\(F.column(of: "{id: S2", line: s2, in: yaml)): error: rules.buffers[0].points: "
                + "found no points and no drawn sensitive place \"S2\" (drawn: S1, R1, H1); expected at least one "
                + "point, or a feature of site.sensitive_from with this id",
            "DIR/scenario.yaml:\(r1):\(F.column(of: "[{x: 0", line: r1, in: yaml)): error: rules.buffers[1].points: "
                + "given for \"R1\", which is also drawn (site.sensitive_from); expected the points or the drawing, "
                + "not both",
        ])
        // The outline measure needs every plot's outline: a typed plot without width and depth is refused.
        let typed = Self.yaml(measure: "polygon").replacingOccurrences(of: "  plots_from:", with: """
              plots: [{id: T1, phase: p1, area: 300, x: 100, y: 100, zone: general, frontage: local, power_block: B1}]
              plots_from:
            """)
        #expect(try Self.errors(yaml: typed).last?.hasSuffix("error: rules.geometry.buffers: plot \"T1\" has no outline; "
            + "expected every plot drawn (site.plots_from) or given a width and depth, since the buffers rule "
            + "measures shapes") == true)
    }

    @Test func mapDrawsTheBandAroundTheRealShapeAndTheIPAL() throws {
        let (result, dir) = try Self.load(yaml: Self.yaml(school: 20))
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try result.get()
        let svg = SiteMapSVG().render(scenario: s, layout: Layout(assignments: ["F1": "P3"]))
        // A band per drawn place: a path (GEOS's buffer of the point, line or polygon), not a polyline of points.
        #expect(svg.components(separatedBy: "<path class=\"band\"").count - 1 == 3)
        #expect(!svg.contains("<polyline class=\"band\""))
        #expect(svg.contains("<title>buffer around school (S1): machining ≥ 20 m (to the plot&#39;s centroid)</title>"))
        #expect(svg.contains("buffer around houses (H1)"))   // the scenario's label wins over the drawing's
        #expect(svg.contains("<circle class=\"sensitive\""))       // the school, a point
        #expect(svg.contains("<path class=\"sensitive line\""))    // the river
        #expect(svg.contains("<path class=\"treatment\""))         // the IPAL's footprint
        #expect(svg.contains(">IPAL 1</text>"))
        #expect(svg.contains("clip-path=\"url(#map-frame)\""))
        // The school's band (20 m round a point) is a 64-gon: GEOS's buffer with 16 segments per quarter.
        let place = s.rules.buffers[0]
        let band = try GeometryEngine().buffer(try #require(place.shape(on: s.site)), by: 20, segmentsPerQuarter: 16)
        #expect(abs(try GeometryEngine().area(of: band) - Double.pi * 400) < 0.01 * Double.pi * 400)
    }

    @Test func layoutGeoJSONCarriesTheIPALAndReadsBack() throws {
        let (result, dir) = try Self.load(yaml: Self.yaml(extra: """
              wastewater:
                units: [{id: IPAL-1, capacity_m3_per_day: 30, phases: [p1]}]
                discharge: [{firm: F1, m3_per_day: 12}, {firm: F2, m3_per_day: 5}]
            """))
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try result.get()
        let scenario = dir.appendingPathComponent("scenario.yaml").path
        let out = dir.appendingPathComponent("layout.geojson").path
        let run = try CLI.run(["solve", scenario, "--geojson", out, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let info = try GeoJSONOutputTests.ogrinfo(out)
        #expect(info.contains("Feature Count: 5"), "\(info)")      // 4 plots and the IPAL
        #expect(info.contains("Geometry: Polygon"), "\(info)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out)))
            as? [String: Any])
        let features = try #require(object["features"] as? [[String: Any]])
        let unit = try #require(features.last?["properties"] as? [String: Any])
        #expect(unit["kind"] as? String == "treatment_unit")
        #expect(unit["unit"] as? String == "IPAL-1")
        #expect(unit["capacity_m3_per_day"] as? Double == 30)
        let placed = features.compactMap { ($0["properties"] as? [String: Any])?["firm"] as? String }
        #expect(unit["discharge_m3_per_day"] as? Double == placed.map { $0 == "F1" ? 12.0 : 5.0 }.reduce(0, +))
        // `score` reads it back as a layout: the IPAL feature is skipped.
        let scored = try CLI.run(["score", scenario, out, "--json"])
        #expect(scored.status == 0, "\(scored.stderr)")
        let solved = try CLI.object(run.stdout), again = try CLI.object(scored.stdout)
        #expect(abs((solved["objective"] as? Double ?? .nan) - (again["objective"] as? Double ?? .nan)) < 1e-6)
    }
}
