import Foundation
import Geometry
import Testing

@testable import Estate

/// `rules.geometry`: neighbours by shared boundary (and across a road), separation by polygon distance.
@Suite struct GeometryRulesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func bekasi() throws -> Scenario {
        try ScenarioLoader.load(path: repository.appendingPathComponent("scenarios/bekasi-phase1.yaml").path)
    }

    static func pairs(_ list: [SiteGeometry.PlotPair], _ scenario: Scenario) -> [String] {
        list.map { "\(scenario.site.plots[$0.p].id)-\(scenario.site.plots[$0.q].id)" }
    }

    /// Bekasi phase 1's plots are width × 20 m rectangles in street blocks, two rows back to back. Plots sharing a side
    /// (20 m) or a back (the overlap of their widths, ≥ 7.5 m here) are the pairs whose centroids are within 21 m, the
    /// scenario's centroid rule, except two pairs the centroid rule calls neighbours though they do not touch: A04–A06
    /// and A10–A12, 19.75 m apart on either side of the 11 m wide A05 and A11.
    @Test func sharedBoundaryReproducesBekasiNeighboursWhereTheyTouch() throws {
        var scenario = try Self.bekasi()
        let byCentroid = SiteGeometry(scenario: scenario)
        scenario.rules.geometry = GeometryRules(neighbours: .sharedBoundary, minSharedBoundary: 5)
        try ScenarioLoader.check(scenario)
        let byBoundary = SiteGeometry(scenario: scenario)
        #expect(byCentroid.neighbours.count == 34 && byBoundary.neighbours.count == 32)
        #expect(Self.pairs(byBoundary.neighbours, scenario)
            == Self.pairs(byCentroid.neighbours, scenario).filter { !["A04-A06", "A10-A12"].contains($0) })
        // Separation is still by centroid: the same too-close pairs.
        #expect(byBoundary.tooClose == byCentroid.tooClose)
        // Requiring more shared boundary than the narrowest back-to-back pair (A06–A12, 7.5 m) drops that pair.
        scenario.rules.geometry.minSharedBoundary = 8
        let stricter = Self.pairs(SiteGeometry(scenario: scenario).neighbours, scenario)
        #expect(!stricter.contains("A06-A12") && stricter.contains("A05-A06") && stricter.count == 31)
    }

    /// Across the 8 m road between the street blocks (y 40…48), A01 (front row, y 0…20) and A13 (third row, y 48…68)
    /// are 48.1 m apart centroid to centroid but 28 m edge to edge: too close for the 30 m separation under the
    /// polygon measure, not under the centroid one.
    @Test func polygonSeparation() throws {
        var scenario = try Self.bekasi()
        let byCentroid = Self.pairs(SiteGeometry(scenario: scenario).tooClose, scenario)
        scenario.rules.geometry = GeometryRules(separation: .polygon)
        let geometry = SiteGeometry(scenario: scenario)
        let byPolygon = Self.pairs(geometry.tooClose, scenario)
        #expect(!byCentroid.contains("A01-A13") && byPolygon.contains("A01-A13"))
        let pair = try #require(geometry.tooClose.first {
            scenario.site.plots[$0.p].id == "A01" && scenario.site.plots[$0.q].id == "A13"
        })
        #expect(abs(pair.distance - 28) < 1e-9)
        // Every pair too close by centroid is too close by polygon (outlines are never farther apart than centroids).
        #expect(Set(byCentroid).isSubset(of: Set(byPolygon)))
        #expect(byPolygon.count > byCentroid.count)
    }

    @Test func shapeRulesNeedOutlines() throws {
        var scenario = try Self.bekasi()
        scenario.site.plots[3].width = nil
        scenario.rules.geometry = GeometryRules(neighbours: .sharedBoundary, minSharedBoundary: 5)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.check(scenario) }
        do { try ScenarioLoader.check(scenario) } catch {
            #expect(error.diagnostics.map(\.headline) == [
                "<scenario>: error: rules.geometry.neighbours: plot \"A04\" has no outline; expected every plot drawn "
                    + "(site.plots_from) or given a width and depth, since the neighbours rule measures shapes",
            ])
        }
        scenario.site.plots[3].width = 10
        scenario.rules.geometry.acrossRoadWithin = 8
        do {
            try ScenarioLoader.check(scenario)
            Issue.record("across_road_within without drawn roads was accepted")
        } catch {
            #expect(error.diagnostics.map(\.headline) == [
                "<scenario>: error: rules.geometry.across_road_within: found no drawn roads; expected site.roads_from "
                    + "when neighbours may face each other across a road",
            ])
        }
    }

    @Test func minSharedBoundaryIsRequiredWithTheRule() throws {
        let yaml = try String(contentsOf: Self.repository.appendingPathComponent("scenarios/tutorial.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "rules:\n", with: "rules:\n  geometry: {neighbours: shared_boundary}\n")
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: "t.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.first?.headline.contains(
                "rules.geometry.min_shared_boundary: missing; expected a number when neighbours is shared_boundary") == true,
                "\(error.diagnostics.map(\.headline))")
        }
    }

    /// Two rows of drawn plots with an 8 m road between them: across the road they neighbour only with
    /// `across_road_within`.
    @Test func neighboursAcrossADrawnRoad() throws {
        let dir = try SiteDrawingTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = SiteDrawingTests.self
        let plots = f.collection([
            f.feature("\"KAV\": \"S1\", \"ZONA\": \"general\"", polygon: [f.ring(0, 0, 20, 20)]),
            f.feature("\"KAV\": \"S2\", \"ZONA\": \"general\"", polygon: [f.ring(20, 0, 20, 20)]),
            f.feature("\"KAV\": \"N1\", \"ZONA\": \"general\"", polygon: [f.ring(0, 28, 20, 20)]),
            f.feature("\"KAV\": \"N2\", \"ZONA\": \"general\"", polygon: [f.ring(45, 28, 20, 20)]),
        ])
        let road = f.collection([
            "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": "
                + f.json([[f.east - 5, f.north + 24], [f.east + 70, f.north + 24]]) + "}}",
        ])
        let scenario = f.scenario
            .replacingOccurrences(of: "  boundary_from: {file: boundary.geojson}\n", with: "")
            .replacingOccurrences(of: "rules: {adjacency_distance: 25, separation_distance: 40}", with: """
                rules:
                  adjacency_distance: 25
                  separation_distance: 40
                  geometry: {neighbours: shared_boundary, min_shared_boundary: 5, across_road_within: 8}
                """)
        let (result, loaded) = try f.load(plots: plots, roads: road, scenario: scenario)
        defer { try? FileManager.default.removeItem(at: loaded) }
        var s = try result.get()
        // S1–S2 share 20 m; S1–N1 face each other 8 m apart across the road; S2–N1 are 8 m apart diagonally (S2's
        // north-west corner to N1's south-east corner), also across it; N2 (x 45…65) is 9.4 m from S2 and 25 m from
        // N1: no neighbour.
        #expect(Self.pairs(SiteGeometry(scenario: s).neighbours, s) == ["S1-S2", "S1-N1", "S2-N1"])
        s.rules.geometry.acrossRoadWithin = 7.9
        #expect(Self.pairs(SiteGeometry(scenario: s).neighbours, s) == ["S1-S2"])
        s.rules.geometry.acrossRoadWithin = nil
        s.rules.geometry.minSharedBoundary = 20.5
        #expect(Self.pairs(SiteGeometry(scenario: s).neighbours, s) == [])
    }
}
