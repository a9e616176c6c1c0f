import Foundation
import Testing
@testable import Estate
@testable import Reports

/// `--geojson` of a layout that cuts raw land and merges plots (issue 13): each kavling and each merged run is one
/// polygon feature with its block, place on the frontage, width, area and firm, as GDAL reads it; and the file reads
/// back as the same layout. On ``SiteDrawingTests``' drawn site with two typed plots and a raw block beside it.
@Suite(.serialized) struct CutPlanGeoJSONTests {
    static let scenario = SiteDrawingTests.scenario
        .replacingOccurrences(of: "  plots_from:\n", with: """
              plots:
                - {id: T1, phase: p1, area: 200, x: 45, y: 30, width: 10, depth: 20, zone: general, frontage: local, power_block: B1}
                - {id: T2, phase: p1, area: 200, x: 55, y: 30, width: 10, depth: 20, zone: general, frontage: local, power_block: B1}
              raw_blocks:
                - {id: R1, phase: p1, zone: general, frontage: main, power_block: B1, x: 40, y: 0, length: 12, depth: 20}
              cutting: {module: 2, min_width: 4, max_width: 12}
              merging: {max_plots: 2}
              plots_from:

            """)
        .replacingOccurrences(of: "firms: [{id: F1, sector: machining, area: {min: 100, max: 500}}]",
                              with: "firms: [{id: F1, sector: machining, area: {min: 100, max: 500}}, "
                                + "{id: F2, sector: machining, area: {min: 100, max: 500}}]")

    static let layout = Layout(
        assignments: ["F1": "R1[0-6]", "F2": "T1+T2"],
        sites: [.kavling(Kavling(block: "R1", start: 0, end: 6)), .kavling(Kavling(block: "R1", start: 6, end: 12)),
                .merged(MergedRun(plots: ["T1", "T2"]))])

    @Test func kavlingsAndRunsArePolygonsWithTheirCut() throws {
        let (loaded, dir) = try SiteDrawingTests.load(scenario: Self.scenario)
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try loaded.get()
        #expect(LayoutVerifier(scenario: s).verify(Self.layout).isFeasible,
                "\(LayoutVerifier(scenario: s).verify(Self.layout).violations.map(\.message))")
        let text = try LayoutGeoJSON(scenario: s, layout: Self.layout, status: "given", unplaced: []).render()
        let out = dir.appendingPathComponent("cut.geojson").path
        try text.write(toFile: out, atomically: true, encoding: .utf8)

        let info = try GeoJSONOutputTests.ogrinfo(out)
        // P1, P2, P3, 4 drawn; R1's two kavlings; the run T1+T2 as one feature.
        #expect(info.contains("Feature Count: 7"), "\(info)")
        #expect(info.contains("Geometry: Polygon"), "\(info)")
        for field in ["kind: String", "plot: String", "block: String", "start_m: Real", "end_m: Real", "width_m: Real",
                      "area_m2: Real", "plots: String", "firm: String"] {
            #expect(info.contains(field), "\(field) in \(info)")
        }

        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let features = try #require(object["features"] as? [[String: Any]])
        let byPlot = Dictionary(features.compactMap { f -> (String, [String: Any])? in
            guard let p = f["properties"] as? [String: Any], let id = p["plot"] as? String else { return nil }
            return (id, f)
        }, uniquingKeysWith: { a, _ in a })
        let kavling = try #require(byPlot["R1[0-6]"]?["properties"] as? [String: Any])
        #expect(kavling["kind"] as? String == "kavling" && kavling["block"] as? String == "R1")
        #expect(kavling["start_m"] as? Double == 0 && kavling["end_m"] as? Double == 6 && kavling["width_m"] as? Double == 6)
        #expect(kavling["area_m2"] as? Double == 120 && kavling["firm"] as? String == "F1")
        let empty = try #require(byPlot["R1[6-12]"]?["properties"] as? [String: Any])
        #expect(empty["firm"] is NSNull && empty["start_m"] as? Double == 6)
        let run = try #require(byPlot["T1+T2"]?["properties"] as? [String: Any])
        #expect(run["kind"] as? String == "merged" && run["plots"] as? String == "T1+T2")
        #expect(run["area_m2"] as? Double == 400 && run["firm"] as? String == "F2")
        // One polygon: the 20 × 20 m rectangle of both plots (5 corners, closed).
        let geometry = try #require(byPlot["T1+T2"]?["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Polygon")
        #expect(((geometry["coordinates"] as? [[[Double]]])?.first?.count) == 5)
        #expect(byPlot["T1"] == nil && byPlot["T2"] == nil)

        // Read back (as `score` and `compare` do), the file is the same layout.
        let document = try LayoutDocument.read(path: out)
        #expect(document.layout == Self.layout)
    }
}
