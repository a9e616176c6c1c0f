import Foundation
import Testing

@testable import Estate
import Reports

/// The bundled Bekasi scenarios drawn as GIS sites (`scenarios/*-site.geojson`, made by scripts/draw-bekasi-site.py
/// from the typed plots, in WGS 84 longitude/latitude) give the same plots as the typed ones, and phase 1 the same
/// optimum.
@Suite struct BekasiDrawnSiteTests {
    static func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: GeometryRulesTests.repository.appendingPathComponent("scenarios/\(name)").path)
    }

    @Test(arguments: ["bekasi-phase1", "bekasi-expansion"])
    func drawnSiteGivesTheTypedPlots(name: String) throws {
        let typed = try Self.load("\(name).yaml")
        let drawn = try Self.load("\(name)-drawn.yaml")
        #expect(drawn.site.drawing?.crs.definition == "EPSG:32748", "projected to UTM 48S, Bekasi's zone")
        #expect(drawn.site.drawing?.warnings.isEmpty == true, "every declared area (LUAS) within 2 %")
        #expect(drawn.site.plots.map(\.id) == typed.site.plots.map(\.id))
        for (d, t) in zip(drawn.site.plots, typed.site.plots) {
            #expect(abs(d.area - t.area) <= 0.005 * t.area, "\(d.id): \(d.area) m² drawn, \(t.area) m² typed")
            #expect(d.frontage == t.frontage, "\(d.id): frontage from the drawn roads")
            #expect(d.zone == t.zone && d.phase == t.phase && d.powerBlock == t.powerBlock && d.rent == t.rent)
        }
        // The drawing is the typed plots moved to Cikarang: centroid distances, hence neighbours and too-close
        // pairs under the centroid rule, are the same.
        let (a, b) = (SiteGeometry(scenario: drawn), SiteGeometry(scenario: typed))
        #expect(a.neighbours.map { [$0.p, $0.q] } == b.neighbours.map { [$0.p, $0.q] })
        #expect(a.tooClose.map { [$0.p, $0.q] } == b.tooClose.map { [$0.p, $0.q] })
        #expect(drawn.site.drawing?.roads.contains { $0.roadClass == .main } == true)
        #expect(drawn.site.drawing?.boundary != nil && drawn.site.drawing?.green.count == 2)
        // The kampung is drawn (a 30 m block behind the typed fence line, layer SENSITIF): every plot's distance to
        // it is its distance to the typed line, so the buffer excludes the same plots.
        #expect(drawn.site.drawing?.sensitive.map(\.id) == typed.rules.buffers.map(\.id))
        #expect(drawn.rules.buffers.allSatisfy { $0.points.isEmpty && $0.shape(on: drawn.site) != nil })
        for (d, t) in zip(drawn.rules.buffers, typed.rules.buffers) {
            let (dd, td) = (BufferRule.distances(from: d, in: drawn), BufferRule.distances(from: t, in: typed))
            #expect(zip(dd, td).allSatisfy { abs($0 - $1) < 0.01 }, "\(d.id): \(dd) drawn, \(td) typed")
        }
    }

    /// The map draws the drawn polygons (a path per plot), the drawn roads (one main), the green strips, the drawn
    /// kampung with the buffer's band around it.
    @Test func mapDrawsTheDrawnShapes() throws {
        let drawn = try Self.load("bekasi-phase1-drawn.yaml")
        let svg = SiteMapSVG().render(scenario: drawn, layout: Layout())
        #expect(svg.components(separatedBy: "<path class=\"plot").count - 1 == 24)
        #expect(svg.components(separatedBy: "<path class=\"road main\"").count - 1 == 1)
        #expect(svg.components(separatedBy: "<path class=\"road\"").count - 1 == 1)
        #expect(svg.components(separatedBy: "<path class=\"green\"").count - 1 == 2)
        #expect(!svg.contains("<rect class=\"plot"))
        #expect(svg.components(separatedBy: "<path class=\"sensitive\"").count - 1 == 1)
        #expect(svg.components(separatedBy: "<path class=\"band\"").count - 1 == 1)
    }

    /// Solved with GLPK through the CLI: the drawn phase 1 has the typed one's proven optimum, 1007.15.
    @Test func drawnPhase1HasTheSameOptimum() throws {
        let run = try CLI.run(["solve", "scenarios/bekasi-phase1-drawn.yaml", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "optimal")
        #expect(abs((object["objective"] as? Double ?? .nan) - 1007.15) < 1e-6, "\(object["objective"] ?? "-")")
    }
}
