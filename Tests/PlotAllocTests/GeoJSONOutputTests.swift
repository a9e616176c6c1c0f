import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `solve --geojson`: the layout GeoJSON is what GDAL reads (Debian's gdal-bin `ogrinfo`, installed by `make deps`),
/// the plots' score shares add up to the score, and the QGIS style beside it is well-formed XML.
@Suite(.serialized) struct GeoJSONOutputTests {
    /// Runs `ogrinfo -al -so FILE` (summary of every layer).
    static func ogrinfo(_ path: String) throws -> String {
        let candidates = ["/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo"]
        let exe = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                               "ogrinfo not found: install gdal-bin (`make deps` does)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = ["-al", "-so", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    /// ``SiteDrawingTests``' drawn site with two machining firms, written and loaded; its directory.
    static func twoFirmSite() throws -> URL {
        let f = SiteDrawingTests.self
        let scenario = f.scenario.replacingOccurrences(
            of: "firms: [{id: F1, sector: machining, area: {min: 100, max: 500}}]",
            with: "firms: [{id: F1, sector: machining, area: {min: 100, max: 500}}, "
                + "{id: F2, sector: machining, area: {min: 100, max: 500}}]")
        let (result, dir) = try f.load(scenario: scenario)
        _ = try result.get()
        return dir
    }

    @Test func solveWritesGeoJSONThatGDALReads() throws {
        let dir = try Self.twoFirmSite()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("layout.geojson").path
        let run = try CLI.run(["solve", dir.appendingPathComponent("scenario.yaml").path, "--geojson", out, "--json"])
        #expect(run.status == 0, "\(run.stderr)")

        let info = try Self.ogrinfo(out)
        #expect(info.contains("Feature Count: 4"), "\(info)")
        #expect(info.contains("Geometry: Polygon"), "\(info)")
        #expect(info.contains("GEOGCRS[\"WGS 84\""), "\(info)")
        // (Scores are written with two decimals, `12.00`, so GDAL types `score` Real even when every share is whole.)
        for field in ["plot: String", "firm: String", "sector: String", "score: Real", "area_m2: Real",
                      "neighbours: String", "empty_because: String"] {
            #expect(info.contains(field), "\(field) in \(info)")
        }

        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out)))
            as? [String: Any])
        let features = try #require(object["features"] as? [[String: Any]])
        let properties = features.compactMap { $0["properties"] as? [String: Any] }
        let shares = properties.compactMap { $0["score"] as? Double }.reduce(0, +)
        let solved = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let objective = try #require(solved["objective"] as? Double, "\(run.stdout)")
        #expect(abs(shares - objective) < 0.02, "plot shares \(shares) vs score \(objective)")
        #expect(properties.filter { $0["firm"] is String }.count == 2)
        Self.expectTwoDecimals(try String(contentsOfFile: out, encoding: .utf8), out)
        #expect(properties.filter { $0["empty_because"] is String }.count == 2)
        // The first plot, P1, is back where it was drawn: its south-west corner at (737800, 9303100) in UTM 48S is
        // 107.149452° E, 6.300388° S (`echo "737800 9303100" | cs2cs EPSG:32748 OGC:CRS84`).
        let geometry = try #require(features.first?["geometry"] as? [String: Any])
        let ring = try #require((geometry["coordinates"] as? [[[Double]]])?.first)
        #expect(abs(ring[0][0] - 107.149452) < 1e-6 && abs(ring[0][1] - -6.300388) < 1e-6, "\(ring[0])")

        // The GeoJSON reads back as a layout: `score` gives solve's objective; emptying a plot in it (as a planner
        // would in QGIS) leaves that firm unplaced, and `score --geojson` writes the edited layout again.
        let scored = try CLI.run(["score", dir.appendingPathComponent("scenario.yaml").path, out, "--json"])
        #expect(scored.status == 0, "\(scored.stderr)")
        let score = try #require(try JSONSerialization.jsonObject(with: Data(scored.stdout.utf8)) as? [String: Any])
        #expect(abs((score["objective"] as? Double ?? .nan) - objective) < 1e-6, "\(scored.stdout)")
        let placed = try #require(properties.first { $0["firm"] is String }?["firm"] as? String)
        let edited = try String(contentsOfFile: out, encoding: .utf8)
            .replacingOccurrences(of: "\"firm\" : \"\(placed)\"", with: "\"firm\" : null")
        #expect(edited != (try String(contentsOfFile: out, encoding: .utf8)))
        let editedPath = dir.appendingPathComponent("edited.geojson").path
        try edited.write(toFile: editedPath, atomically: true, encoding: .utf8)
        let rewritten = dir.appendingPathComponent("rescored.geojson").path
        let rescored = try CLI.run(["score", dir.appendingPathComponent("scenario.yaml").path, editedPath, "--json",
                                    "--geojson", rewritten])
        #expect(rescored.status == 0, "\(rescored.stderr)")
        let again = try #require(try JSONSerialization.jsonObject(with: Data(rescored.stdout.utf8)) as? [String: Any])
        let unplaced = (again["unplaced"] as? [[String: Any]] ?? []).compactMap { $0["firm"] as? String }
        #expect(unplaced == [placed], "\(rescored.stdout)")
        #expect(try Self.ogrinfo(rewritten).contains("Feature Count: 4"))

        let style = try String(contentsOfFile: dir.appendingPathComponent("layout.qml").path, encoding: .utf8)
        let parser = XMLParser(data: Data(style.utf8))
        #expect(parser.parse(), "the .qml is well-formed XML")
        #expect(style.contains("<category value=\"machining\" label=\"Machining\" symbol=\"0\" render=\"true\"/>"))
    }

    /// Every score and area of a layout GeoJSON is written with exactly two decimals: never a float's tail
    /// (`1011.8000000000002`), and `12.00` for a whole share, so that GDAL types the fields Real in every file.
    static func expectTwoDecimals(_ text: String, _ file: String) {
        let numbers = text.split(separator: "\n").filter {
            $0.contains("\"score\" : ") || $0.contains("\"area_m2\" : ")
        }
        #expect(!numbers.isEmpty, "\(file): no scores")
        for line in numbers {
            let value = line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: ","))
            #expect(value.range(of: #"^-?[0-9]+\.[0-9]{2}$"#, options: .regularExpression) != nil,
                    "\(file): \(line)")
        }
    }

    @Test func compareWritesOneGeoJSONPerLayout() throws {
        let dir = try Self.twoFirmSite()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("scenario.yaml").path
        let hand = dir.appendingPathComponent("hand.csv").path
        try "firm,plot\nF1,P3\n".write(toFile: hand, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("cmp.geojson").path
        let run = try CLI.run(["compare", path, "\(path):\(hand)", "--geojson", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "OUT itself is not written, only OUT-1, OUT-2")
        for (k, placed) in [(1, 2), (2, 1)] {
            let file = dir.appendingPathComponent("cmp-\(k).geojson").path
            let info = try Self.ogrinfo(file)
            #expect(info.contains("Feature Count: 4"), "\(info)")
            #expect(info.contains("Geometry: Polygon"), "\(info)")
            #expect(info.contains("GEOGCRS[\"WGS 84\""), "\(info)")
            #expect(info.contains("score: Real"), "\(info)")
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("cmp-\(k).qml").path))
            let text = try String(contentsOfFile: file, encoding: .utf8)
            Self.expectTwoDecimals(text, file)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let features = try #require(object["features"] as? [[String: Any]])
            #expect(features.filter { ($0["properties"] as? [String: Any])?["firm"] is String }.count == placed)
        }
        // The hand layout's file has F1 on P3, as given.
        let second = try String(contentsOfFile: dir.appendingPathComponent("cmp-2.geojson").path, encoding: .utf8)
        #expect(second.contains("\"status\" : \"given\""))

        // A typed site among the layouts: nothing is written, with the one-line error of solve --geojson.
        let typed = dir.appendingPathComponent("typed.geojson").path
        let refused = try CLI.run(["compare", path, "scenarios/tutorial.yaml", "--geojson", typed])
        #expect(refused.status == 2)
        #expect(refused.errorLines.last == "scenarios/tutorial.yaml: error: --geojson: the site has no geographic "
            + "coordinates; expected a site drawn in GeoJSON (site.plots_from) for --geojson")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("typed-1.geojson").path))
    }

    @Test func typedSiteHasNoCoordinates() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("l.geojson").path
        let run = try CLI.run(["solve", "scenarios/tutorial.yaml", "--geojson", out])
        #expect(run.status == 2)
        #expect(run.errorLines.last == "scenarios/tutorial.yaml: error: --geojson: the site has no geographic "
            + "coordinates; expected a site drawn in GeoJSON (site.plots_from) for --geojson")
        #expect(CLI.listing(dir).isEmpty)
    }
}
