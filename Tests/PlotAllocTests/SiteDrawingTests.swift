import Foundation
import Geometry
import Testing

@testable import Estate

/// Sites drawn in GeoJSON (`site.plots_from`, `roads_from`, `boundary_from`): what the loader makes of them and the
/// exact one-line errors for each malformed drawing.
///
/// The drawing: four plots in two rows on a 35 × 40 m block whose south-west corner is at (737800, 9303100) in
/// WGS 84 / UTM 48S (Cikarang, Bekasi). P1 (20 × 20) and P2 (15 × 20) front a main road whose centre line runs 4 m
/// south of them (8 m wide, so its edge touches them); P3 and P4 are behind them, 20 m from that road's edge.
@Suite(.serialized) struct SiteDrawingTests {
    static let east = 737_800.0, north = 9_303_100.0

    /// A directory of its own for one test's files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plotalloc-drawing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A rectangle's closed ring, in UTM metres, offset from the block's corner.
    static func ring(_ x0: Double, _ y0: Double, _ w: Double, _ h: Double) -> [[Double]] {
        let (x, y) = (east + x0, north + y0)
        return [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]
    }

    static func json(_ positions: [[Double]]) -> String {
        "[" + positions.map { "[\($0[0]), \($0[1])]" }.joined(separator: ", ") + "]"
    }

    /// One feature on one line.
    static func feature(_ properties: String, polygon rings: [[[Double]]]) -> String {
        "{\"type\": \"Feature\", \"properties\": {\(properties)}, \"geometry\": {\"type\": \"Polygon\", "
            + "\"coordinates\": [\(rings.map(json).joined(separator: ", "))]}}"
    }

    static let utmCRS = "{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::32748\"}}"

    /// A FeatureCollection with one feature per line: feature `i` is on line `4 + i` with a CRS, `3 + i` without.
    static func collection(_ features: [String], crs: String? = utmCRS) -> String {
        var lines = ["{\"type\": \"FeatureCollection\","]
        if let crs { lines.append("\"crs\": \(crs),") }
        lines.append("\"features\": [")
        lines.append(features.joined(separator: ",\n"))
        lines.append("]}")
        return lines.joined(separator: "\n") + "\n"
    }

    static let plots = [
        feature("\"KAV\": \"P1\", \"ZONA\": \"general\", \"LUAS\": 400", polygon: [ring(0, 0, 20, 20)]),
        feature("\"KAV\": \"P2\", \"ZONA\": \"general\", \"LUAS\": 300", polygon: [ring(20, 0, 15, 20)]),
        feature("\"KAV\": \"P3\", \"ZONA\": \"heavy\", \"LUAS\": 400", polygon: [ring(0, 20, 20, 20)]),
        feature("\"KAV\": 4, \"ZONA\": \"heavy\"", polygon: [ring(20, 20, 15, 20)]),
    ]

    static let roads = collection([
        "{\"type\": \"Feature\", \"properties\": {\"KELAS\": \"main\"}, \"geometry\": {\"type\": \"LineString\", "
            + "\"coordinates\": \(json([[east - 5, north - 4], [east + 40, north - 4]]))}}",
        "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"LineString\", "
            + "\"coordinates\": \(json([[east - 5, north + 44], [east + 40, north + 44]]))}}",
    ])

    static let boundary = collection([
        "{\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
            + "[\(json(ring(-10, -10, 60, 60)))]}}",
    ])

    static let scenario = """
        metadata: {name: Drawn}
        site:
          phases: [{id: p1, area: 5000}]
          zones: [{id: general}, {id: heavy}]
          power_blocks: [{id: B1, capacity_kva: 500}]
          plots_from:
            file: plots.geojson
            id: KAV
            zone: ZONA
            area: LUAS
            defaults: {phase: p1, power_block: B1}
          roads_from: {file: roads.geojson, class: KELAS, default_width: 8}
          boundary_from: {file: boundary.geojson}
        sectors: [{id: machining, label: Machining, zones: [general, heavy]}]
        firms: [{id: F1, sector: machining, area: {min: 100, max: 500}}]
        rules: {adjacency_distance: 25, separation_distance: 40}

        """

    /// Writes the scenario and its drawing (with `plots` as the plots file's text) and loads it.
    static func load(
        plots: String = collection(plots), roads: String = roads, boundary: String = boundary,
        scenario: String = scenario
    ) throws -> (Result<Scenario, ScenarioError>, URL) {
        let dir = try directory()
        try scenario.write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try plots.write(to: dir.appendingPathComponent("plots.geojson"), atomically: true, encoding: .utf8)
        try roads.write(to: dir.appendingPathComponent("roads.geojson"), atomically: true, encoding: .utf8)
        try boundary.write(to: dir.appendingPathComponent("boundary.geojson"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("scenario.yaml").path
        do {
            return (.success(try ScenarioLoader.load(path: path)), dir)
        } catch {
            return (.failure(error), dir)
        }
    }

    /// The error lines of loading a drawing with `plots` as its plots file, with the directory cut to `DIR`.
    static func errors(
        plots: String = collection(plots), roads: String = roads, boundary: String = boundary,
        scenario: String = scenario
    ) throws -> [String] {
        let (result, dir) = try load(plots: plots, roads: roads, boundary: boundary, scenario: scenario)
        defer { try? FileManager.default.removeItem(at: dir) }
        guard case .failure(let error) = result else {
            Issue.record("the drawing loaded; expected an error")
            return []
        }
        return error.diagnostics.map { $0.headline.replacingOccurrences(of: dir.path, with: "DIR") }
    }

    /// The 1-based column of `needle` in line `line` (1-based) of `text`.
    static func column(of needle: String, line: Int, in text: String) -> Int {
        let row = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        guard let range = row.range(of: needle) else { return -1 }
        return row.distance(from: row.startIndex, to: range.lowerBound) + 1
    }

    // MARK: - A valid drawing

    @Test func drawnPlotsTakeTheirShapes() throws {
        let (result, dir) = try Self.load()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try result.get()
        let plots = scenario.site.plots
        #expect(plots.map(\.id) == ["P1", "P2", "P3", "4"])
        let areas = plots.map(\.area)
        for (area, expected) in zip(areas, [400.0, 300, 400, 300]) { #expect(abs(area - expected) < 1e-6) }
        #expect(plots.map(\.frontage) == [.main, .main, .local, .local])
        #expect(plots.map(\.zone) == ["general", "general", "heavy", "heavy"])
        #expect(plots.allSatisfy { $0.phase == "p1" && $0.powerBlock == "B1" && $0.rent == nil })
        let drawing = try #require(scenario.site.drawing)
        #expect(drawing.crs.definition == "urn:ogc:def:crs:EPSG::32748")
        // The local origin is the plots' south-west corner: centroids in local metres.
        #expect(drawing.origin == Point2D(x: Self.east, y: Self.north))
        #expect(abs(plots[0].x - 10) < 1e-6 && abs(plots[0].y - 10) < 1e-6)
        #expect(abs(plots[3].x - 27.5) < 1e-6 && abs(plots[3].y - 30) < 1e-6)
        #expect(drawing.roads.map(\.roadClass) == [.main, .local])
        #expect(drawing.boundary != nil)
        #expect(drawing.warnings.isEmpty)
        // Encoding writes the source, not the drawn plots.
        let yaml = try String(decoding: JSONEncoder().encode(scenario.site), as: UTF8.self)
        #expect(yaml.contains("\"plots\":[]") && yaml.contains("plots.geojson"))
    }

    /// The same drawing in WGS 84 longitude/latitude (RFC 7946, no crs member): projected to UTM 48S, the same plots.
    @Test func longitudeLatitudeDrawingGivesTheSamePlots() throws {
        let toLonLat = try Projection(from: CoordinateReferenceSystem("EPSG:32748"), to: .wgs84)
        func lonLat(_ rings: [[[Double]]]) throws -> [[[Double]]] {
            try rings.map { ring in try ring.map { p in
                let q = try toLonLat.forward(Point2D(x: p[0], y: p[1]))
                return [q.x, q.y]
            } }
        }
        let features = [
            Self.feature("\"KAV\": \"P1\", \"ZONA\": \"general\"", polygon: try lonLat([Self.ring(0, 0, 20, 20)])),
            Self.feature("\"KAV\": \"P2\", \"ZONA\": \"heavy\"", polygon: try lonLat([Self.ring(20, 0, 15, 20)])),
        ]
        let (result, dir) = try Self.load(plots: Self.collection(features, crs: nil))
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try result.get()
        #expect(scenario.site.drawing?.crs.definition == "EPSG:32748")
        let areas = scenario.site.plots.map(\.area)
        #expect(abs(areas[0] - 400) < 1e-4 && abs(areas[1] - 300) < 1e-4, "\(areas)")
        #expect(scenario.site.plots.map(\.frontage) == [.main, .main])
        #expect(abs(scenario.site.plots[1].distance(to: scenario.site.plots[0]) - 17.5) < 1e-6)
    }

    @Test func declaredAreaOffByMoreThanTwoPercentIsAWarning() throws {
        var features = Self.plots
        features[1] = Self.feature("\"KAV\": \"P2\", \"ZONA\": \"general\", \"LUAS\": 320",
                                   polygon: [Self.ring(20, 0, 15, 20)])
        features[2] = Self.feature("\"KAV\": \"P3\", \"ZONA\": \"heavy\", \"LUAS\": 405",
                                   polygon: [Self.ring(0, 20, 20, 20)])
        let text = Self.collection(features)
        let (result, dir) = try Self.load(plots: text)
        defer { try? FileManager.default.removeItem(at: dir) }
        let warnings = try result.get().site.drawing?.warnings.map(\.warningLine) ?? []
        let col = Self.column(of: "320", line: 5, in: text)
        #expect(warnings == [
            "\(dir.path)/plots.geojson:5:\(col): warning: features[1] (plot P2).properties.LUAS: declares 320 m² but "
                + "the polygon measures 300.0 m² (+6.7 %); the polygon's area is used",
        ])
    }

    @Test func filterTakesOneLayer() throws {
        let features = [
            Self.feature("\"Layer\": \"KAVLING\", \"KAV\": \"P1\", \"ZONA\": \"general\"", polygon: [Self.ring(0, 0, 20, 20)]),
            Self.feature("\"Layer\": \"HIJAU\"", polygon: [Self.ring(0, 0, 35, 40)]),
        ]
        let scenario = Self.scenario.replacingOccurrences(
            of: "    id: KAV\n", with: "    id: KAV\n    where: {property: Layer, equals: KAVLING}\n")
        let (result, dir) = try Self.load(plots: Self.collection(features), scenario: scenario)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try result.get().site.plots.map(\.id) == ["P1"])
    }

    @Test func multipolygonPlot() throws {
        let two = "{\"type\": \"Feature\", \"properties\": {\"KAV\": \"M\", \"ZONA\": \"general\"}, \"geometry\": "
            + "{\"type\": \"MultiPolygon\", \"coordinates\": [[\(Self.json(Self.ring(0, 0, 10, 10)))], "
            + "[\(Self.json(Self.ring(20, 0, 10, 10)))]]}}"
        let (result, dir) = try Self.load(plots: Self.collection([two]))
        defer { try? FileManager.default.removeItem(at: dir) }
        let plot = try #require(try result.get().site.plots.first)
        #expect(abs(plot.area - 200) < 1e-6)
        #expect(abs(plot.x - 15) < 1e-6 && abs(plot.y - 5) < 1e-6)
    }

    // MARK: - Malformed drawings, one exact line each

    @Test func bowTieIsInvalid() throws {
        var features = Self.plots
        let (x, y) = (Self.east + 20, Self.north)
        features[1] = Self.feature("\"KAV\": \"P2\", \"ZONA\": \"general\"",
                                   polygon: [[[x, y], [x + 15, y + 20], [x + 15, y], [x, y + 20], [x, y]]])
        let text = Self.collection(features)
        let col = Self.column(of: "{\"type\": \"Polygon\"", line: 5, in: text)
        #expect(try Self.errors(plots: text) == [
            "DIR/plots.geojson:5:\(col): error: features[1] (plot P2).geometry: the plot's polygon is not valid: "
                + "Self-intersection[737827.5 9303110]; expected a simple polygon (no self-intersection, holes inside "
                + "the shell)",
        ])
    }

    @Test func openRingAndShortRingAreInvalid() throws {
        var features = Self.plots
        features[0] = Self.feature("\"KAV\": \"P1\", \"ZONA\": \"general\"",
                                   polygon: [Array(Self.ring(0, 0, 20, 20).dropLast())])
        features[2] = Self.feature("\"KAV\": \"P3\", \"ZONA\": \"heavy\"",
                                   polygon: [[[Self.east, Self.north + 20], [Self.east + 20, Self.north + 20],
                                              [Self.east, Self.north + 20]]])
        let text = Self.collection(features)
        let open = Self.column(of: "[[7", line: 4, in: text)
        let short = Self.column(of: "[[7", line: 6, in: text)
        #expect(try Self.errors(plots: text) == [
            "DIR/plots.geojson:4:\(open): error: features[0].geometry.coordinates[0]: the ring is not closed: it "
                + "starts at (737800.0, 9303100.0) and ends at (737800.0, 9303120.0); expected a closed linear ring "
                + "(RFC 7946 §3.1.6)",
            "DIR/plots.geojson:6:\(short): error: features[2].geometry.coordinates[0]: the ring has 3 positions; a "
                + "closed ring needs at least 4 (the first repeated as the last); expected a closed linear ring "
                + "(RFC 7946 §3.1.6)",
        ])
    }

    @Test func overlappingPlots() throws {
        var features = Self.plots
        // P2 drawn 1 m into P1: 1 × 20 = 20 m² of overlap; P4 0.01 m into P3 (0.2 m²) is accepted.
        features[1] = Self.feature("\"KAV\": \"P2\", \"ZONA\": \"general\"", polygon: [Self.ring(19, 0, 16, 20)])
        features[3] = Self.feature("\"KAV\": \"P4\", \"ZONA\": \"heavy\"", polygon: [Self.ring(19.99, 20, 15.01, 20)])
        let text = Self.collection(features)
        let col = Self.column(of: "{\"type\": \"Polygon\"", line: 5, in: text)
        #expect(try Self.errors(plots: text) == [
            "DIR/plots.geojson:5:\(col): error: features[1] (plot P2).geometry: overlaps features[0] (plot P1) by "
                + "20.00 m²; expected plots that overlap by at most 0.5 m² (neighbours share an edge)",
        ])
    }

    @Test func plotOutsideTheBoundary() throws {
        var features = Self.plots
        features[3] = Self.feature("\"KAV\": \"P4\", \"ZONA\": \"heavy\"", polygon: [Self.ring(20, 20, 35, 20)])
        let text = Self.collection(features)
        let col = Self.column(of: "{\"type\": \"Polygon\"", line: 7, in: text)
        // The boundary runs to x = 50: P4 (x 20…55, y 20…40) has 5 × 20 m² outside it.
        #expect(try Self.errors(plots: text) == [
            "DIR/plots.geojson:7:\(col): error: features[3] (plot P4).geometry: lies 100.00 m² outside the site "
                + "boundary (site.boundary_from); expected every plot inside it (at most 0.5 m² out)",
        ])
    }

    @Test func propertiesOfTheWrongTypeOrUnknown() throws {
        var features = Self.plots
        features[0] = Self.feature("\"KAV\": \"P1\", \"ZONA\": 3", polygon: [Self.ring(0, 0, 20, 20)])
        features[1] = Self.feature("\"KAV\": \"P2\", \"ZONA\": \"clean\"", polygon: [Self.ring(20, 0, 15, 20)])
        features[2] = Self.feature("\"KAV\": 3.5, \"ZONA\": \"heavy\"", polygon: [Self.ring(0, 20, 20, 20)])
        features[3] = Self.feature("\"KAV\": \"P4\", \"ZONA\": \"heavy\", \"LUAS\": \"300\"",
                                   polygon: [Self.ring(20, 20, 15, 20)])
        let text = Self.collection(features)
        let c1 = Self.column(of: "3}", line: 4, in: text)
        let c2 = Self.column(of: "\"clean\"", line: 5, in: text)
        let c3 = Self.column(of: "3.5", line: 6, in: text)
        let c4 = Self.column(of: "\"300\"", line: 7, in: text)
        #expect(try Self.errors(plots: text) == [
            "DIR/plots.geojson:4:\(c1): error: features[0] (plot P1).properties.ZONA: found 3; expected a string, "
                + "the zone id",
            "DIR/plots.geojson:5:\(c2): error: features[1] (plot P2).properties.ZONA: found \"clean\", which is not "
                + "a zone of the site; expected one of general, heavy",
            "DIR/plots.geojson:6:\(c3): error: features[2].properties.KAV: found 3.5; expected a plot id (a "
                + "non-empty string or a whole number)",
            "DIR/plots.geojson:7:\(c4): error: features[3] (plot P4).properties.LUAS: found \"300\"; expected a "
                + "number from 0 to 1e8, the area",
        ])
    }

    /// Numbers past their documented ranges, in the GeoJSON (a declared area, a road's width) and in the YAML
    /// (`roads_from.default_width`, `plots_from.defaults.rent`): one line each, at the number, before any road is
    /// grown by its width.
    @Test func numbersOutOfRange() throws {
        var features = Self.plots
        features[0] = Self.feature("\"KAV\": \"P1\", \"ZONA\": \"general\", \"LUAS\": 2e8",
                                   polygon: [Self.ring(0, 0, 20, 20)])
        let text = Self.collection(features)
        let c1 = Self.column(of: "2e8", line: 4, in: text)
        #expect(try Self.errors(plots: text) == [
            "DIR/plots.geojson:4:\(c1): error: features[0] (plot P1).properties.LUAS: found 200000000; expected a "
                + "number from 0 to 1e8, the area",
        ])
        let line = Self.json([[Self.east - 5, Self.north - 4], [Self.east + 40, Self.north - 4]])
        let roads = Self.collection([
            "{\"type\": \"Feature\", \"properties\": {\"KELAS\": \"main\", \"LEBAR\": 250000}, \"geometry\": "
                + "{\"type\": \"LineString\", \"coordinates\": \(line)}}",
        ])
        let c2 = Self.column(of: "250000", line: 4, in: roads)
        let wide = Self.scenario.replacingOccurrences(of: "class: KELAS, default_width: 8", with: "class: KELAS, width: LEBAR")
        #expect(try Self.errors(roads: roads, scenario: wide) == [
            "DIR/roads.geojson:4:\(c2): error: features[0] (road).properties.LEBAR: found 250000; expected a number "
                + "from 0 to 1e5, the width (m)",
        ])
        let yaml = Self.scenario.replacingOccurrences(of: "default_width: 8", with: "default_width: 1e6")
            .replacingOccurrences(of: "defaults: {phase: p1, power_block: B1}",
                                  with: "defaults: {phase: p1, power_block: B1, rent: -5}")
        let at = { (needle: String) -> (Int, Int) in
            let rows = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let r = rows.firstIndex { $0.contains(needle) }!
            return (r + 1, Self.column(of: needle, line: r + 1, in: yaml))
        }
        let (l1, k1) = at("-5}"), (l2, k2) = at("1e6")
        #expect(try Self.errors(scenario: yaml) == [
            "DIR/scenario.yaml:\(l2):\(k2): error: site.roads_from.default_width: found 1000000; expected a number "
                + "from 0 to 1e5",
            "DIR/scenario.yaml:\(l1):\(k1): error: site.plots_from.defaults.rent: found -5; expected a number from 0 "
                + "to 1e9",
        ])
    }

    @Test func unknownCRS() throws {
        let crs = "{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::999999\"}}"
        let text = Self.collection(Self.plots, crs: crs)
        let col = Self.column(of: "\"urn", line: 2, in: text)
        let lines = try Self.errors(plots: text)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("DIR/plots.geojson:2:\(col): error: crs.properties.name: unknown coordinate "
            + "reference system 'urn:ogc:def:crs:EPSG::999999': ") == true, "\(lines)")
        #expect(lines.first?.hasSuffix("; expected a CRS PROJ knows, e.g. \"urn:ogc:def:crs:EPSG::32748\" (WGS 84 / "
            + "UTM zone 48S), or no crs member for WGS 84 longitude/latitude") == true, "\(lines)")
    }

    @Test func notAFeatureCollectionAndBadPositions() throws {
        #expect(try Self.errors(plots: "[1, 2]\n") == [
            "DIR/plots.geojson:1:1: error: found a list; expected a GeoJSON FeatureCollection object",
        ])
        var features = Self.plots
        features[0] = "{\"type\": \"Feature\", \"properties\": {\"KAV\": \"P1\"}, \"geometry\": {\"type\": \"Polygon\", "
            + "\"coordinates\": [[[1, 2], [3, \"x\"], [5, 6], [1, 2]]]}}"
        features[2] = "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Circle\"}}"
        var text = Self.collection(features)
        let c1 = Self.column(of: "[3, ", line: 4, in: text)
        let c2 = Self.column(of: "\"Circle\"", line: 6, in: text)
        #expect(try Self.errors(plots: text) == [
            "DIR/plots.geojson:4:\(c1): error: features[0].geometry.coordinates[0][1]: found a list; expected a "
                + "position [x, y] of two numbers",
            "DIR/plots.geojson:6:\(c2): error: features[2].geometry.type: found \"Circle\"; expected one of "
                + "\"Point\", \"LineString\", \"MultiLineString\", \"Polygon\", \"MultiPolygon\"",
        ])
        // Well-formed GeoJSON, but a point where a plot's outline belongs.
        features = Self.plots
        features[1] = "{\"type\": \"Feature\", \"properties\": {\"KAV\": \"P2\", \"ZONA\": \"general\"}, "
            + "\"geometry\": {\"type\": \"Point\", \"coordinates\": [737810, 9303110]}}"
        text = Self.collection(features)
        let c3 = Self.column(of: "{\"type\": \"Point\"", line: 5, in: text)
        #expect(try Self.errors(plots: text) == [
            "DIR/plots.geojson:5:\(c3): error: features[1] (plot P2).geometry: found a Point; expected a Polygon or "
                + "MultiPolygon (the plot's outline)",
        ])
    }

    @Test func syntaxErrorHasItsPosition() throws {
        let text = "{\"type\": \"FeatureCollection\",\n\"features\": [\n{\"type\": \"Feature\", \"geometry\": null\n]}\n"
        let lines = try Self.errors(plots: text)
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.hasPrefix("DIR/plots.geojson:4:1: error: syntax: ") == true, "\(lines)")
    }

    @Test func duplicateIDAndMissingField() throws {
        var features = Self.plots
        features[1] = Self.feature("\"KAV\": \"P1\", \"ZONA\": \"general\"", polygon: [Self.ring(20, 0, 15, 20)])
        features[2] = Self.feature("\"KAV\": \"P3\"", polygon: [Self.ring(0, 20, 20, 20)])
        let text = Self.collection(features)
        let c1 = Self.column(of: "\"P1\"", line: 5, in: text)
        #expect(try Self.errors(plots: text) == [
            "DIR/plots.geojson:5:\(c1): error: features[1] (plot P1).properties.KAV: the plot id \"P1\" is already "
                + "used by DIR/plots.geojson features[0] (plot P1); expected unique plot ids",
            "DIR/plots.geojson:6:1: error: features[2] (plot P3).properties: missing the property \"ZONA\" "
                + "(site.plots_from.zone) and no site.plots_from.defaults.zone; expected one or the other",
        ])
    }

    @Test func siteWithoutAnyPlots() throws {
        let yaml = Self.scenario.replacingOccurrences(of: "  plots_from:\n    file: plots.geojson\n    id: KAV\n    "
            + "zone: ZONA\n    area: LUAS\n    defaults: {phase: p1, power_block: B1}\n", with: "")
            .replacingOccurrences(of: "  roads_from: {file: roads.geojson, class: KELAS, default_width: 8}\n", with: "")
            .replacingOccurrences(of: "  boundary_from: {file: boundary.geojson}\n", with: "")
        #expect(try Self.errors(scenario: yaml) == [
            "DIR/scenario.yaml:3:3: error: site: missing plots; expected site.plots (typed) or site.plots_from "
                + "(drawn), or both",
        ])
        let roadsOnly = yaml.replacingOccurrences(of: "sectors:", with: "  roads_from: {file: roads.geojson}\nsectors:")
        #expect(try Self.errors(scenario: roadsOnly) == [
            "DIR/scenario.yaml:6:15: error: site.roads_from: given without site.plots_from; expected the plots drawn "
                + "in GeoJSON (site.plots_from) when the site's other shapes or CRS are given",
        ])
    }
}
