import Foundation
@testable import Estate
@testable import Reports

#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Collects every element of an XML document with its attributes; fails on any parse error.
private final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append((elementName, attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

/// Parses `svg` as XML; `nil` when it is not well-formed.
private func parse(_ svg: String) -> ElementCollector? {
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = ElementCollector()
    parser.delegate = collector
    return parser.parse() ? collector : nil
}

private func classes(_ e: (name: String, attributes: [String: String])) -> Set<String> {
    Set((e.attributes["class"] ?? "").split(separator: " ").map(String.init))
}

/// A small site with one rotated rectangle, one plain rectangle and shapeless plots, in two phases.
private func mapScenario(firmName: String = "CV Logam") -> Scenario {
    var s = AllocationTestScenarios.small()
    s.site.plots[0].width = 20
    s.site.plots[0].depth = 15
    s.site.plots[0].rotation = 30
    s.site.plots[1].width = 15
    s.site.plots[1].depth = 20
    s.site.plots[4].phase = "expansion"
    s.site.phases.append(Phase(id: "expansion", label: "Expansion <2026>", area: 5000))
    s.firms[0].name = firmName
    return s
}

@Test func svgParsesAsXMLWithOneShapePerPlot() throws {
    let s = mapScenario()
    let layout = Layout(assignments: ["F1": "P1", "F2": "P2", "F4": "P4"])
    let svg = SiteMapSVG().render(scenario: s, layout: layout)
    let doc = try #require(parse(svg))
    let plotShapes = doc.elements.filter { classes($0).contains("plot") }
    #expect(plotShapes.count == s.site.plots.count)
    #expect(plotShapes.map { $0.attributes["data-plot"] ?? "" }.sorted() == s.site.plots.map(\.id).sorted())
    // Occupied plots carry their firm and sector colour; the others are empty.
    let byPlot = Dictionary(uniqueKeysWithValues: plotShapes.map { ($0.attributes["data-plot"]!, $0) })
    #expect(byPlot["P1"]?.attributes["data-firm"] == "F1")
    #expect(byPlot["P1"]?.attributes["fill"] == SectorPalette(sectors: s.sectors).colour(of: "foundry"))
    #expect(byPlot["P3"].map(classes)?.contains("empty") == true)
    // An empty plot takes its zone's tint (white when the site has one zone).
    let zone = try #require(s.site.zones.firstIndex { $0.id == s.site.plots[2].zone })
    #expect(byPlot["P3"]?.attributes["fill"]
        == (s.site.zones.count > 1 ? SiteMapSVG.zoneTints[zone % SiteMapSVG.zoneTints.count] : SectorPalette.emptyPlot))
    // The rotated plot is rotated (clockwise on screen because y is flipped), the others are not.
    #expect(byPlot["P1"]?.attributes["transform"]?.hasPrefix("rotate(-30 ") == true)
    #expect(byPlot["P2"]?.attributes["transform"] == nil)
    // Phase boundaries: one per phase with plots.
    #expect(doc.elements.filter { classes($0).contains("phase") && $0.name == "rect" }.count == 2)
}

@Test func shapelessPlotIsASquareOfItsArea() throws {
    let s = mapScenario()
    let svg = SiteMapSVG().render(scenario: s, layout: Layout())
    let doc = try #require(parse(svg))
    let shapes = doc.elements.filter { classes($0).contains("plot") }
    let p3 = try #require(shapes.first { $0.attributes["data-plot"] == "P3" })
    let p2 = try #require(shapes.first { $0.attributes["data-plot"] == "P2" })
    let w3 = Double(p3.attributes["width"]!)!, h3 = Double(p3.attributes["height"]!)!
    let w2 = Double(p2.attributes["width"]!)!, h2 = Double(p2.attributes["height"]!)!
    #expect(abs(w3 - h3) < 0.02)
    // P2 is 15 m × 20 m, P3 a square of 200 m²: the same scale applies to both.
    let scale = w2 / 15
    #expect(abs(h2 - 20 * scale) < 0.05)
    #expect(abs(w3 - 200.0.squareRoot() * scale) < 0.05)
}

@Test func namesAreEscaped() throws {
    let s = mapScenario(firmName: "PT <Baja> & \"Sons\" 'Ltd'\u{1}")
    var s2 = s
    s2.metadata.name = "Bekasi & <friends>"
    let svg = SiteMapSVG().render(scenario: s2, layout: Layout(assignments: ["F1": "P1"]))
    let doc = try #require(parse(svg))
    #expect(doc.text.contains("PT <Baja> & \"Sons\" 'Ltd'"))
    #expect(doc.text.contains("Bekasi & <friends>"))
    #expect(doc.text.contains("Expansion <2026>"))
    #expect(XMLText.escape("a<b>&\"'\u{7}") == "a&lt;b&gt;&amp;&quot;&#39;\u{FFFD}")
}

@Test func closenessLinesAndSeparationCircles() throws {
    let s = AllocationTestScenarios.small()
    // P1–P2 neighbours: F1 foundry + F2 machining is A; P3–P4: F3 machining + F4 assembly is E.
    // F1 foundry and F4 assembly are X-rated (60 m apart: fine); F5 assembly on P2 is 20 m from F1: too close.
    let layout = Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3", "F4": "P4"])
    let doc = try #require(parse(SiteMapSVG().render(scenario: s, layout: layout)))
    #expect(doc.elements.filter { classes($0).contains("rel-A") && $0.name == "line" }.count == 1 + 1)  // + legend
    #expect(doc.elements.filter { classes($0).contains("rel-E") && $0.name == "line" }.count == 1 + 1)
    let circles = doc.elements.filter { classes($0).contains("x-circle") && $0.attributes["data-firm"] != nil }
    #expect(circles.map { $0.attributes["data-firm"]! }.sorted() == ["F1", "F4"])
    #expect(doc.elements.filter { classes($0).contains("x-violation") }.isEmpty)

    // The verifier's findings are drawn: the too-close pair joined, numbered; its plots outlined.
    let bad = Layout(assignments: ["F1": "P1", "F5": "P2"])
    let violations = LayoutVerifier(scenario: s).verify(bad).violations
    #expect(violations.map(\.rule) == [.ineligible, .separation])  // F5 needs at most 200 m², P2 has 300
    let badDoc = try #require(parse(SiteMapSVG().render(scenario: s, layout: bad, violations: violations)))
    #expect(badDoc.elements.filter { classes($0).contains("x-violation") }.count == 1)
    // P2 outlined for rule 1, P1 and P2 for rule 2; each mark carries its number.
    let outlines = badDoc.elements.filter { classes($0).contains("violation") && $0.name == "rect" }
    #expect(outlines.map { $0.attributes["data-violation"] ?? "" }.sorted() == ["1", "2", "2"])
    #expect(badDoc.text.contains(violations[0].message) && badDoc.text.contains(violations[1].message))
}

@Test func comparisonMarksMovedAddedAndDropped() throws {
    let s = AllocationTestScenarios.small()
    let before = Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3", "GONE": "P9"])
    let after = Layout(assignments: ["F1": "P1", "F2": "P3", "F4": "P4"])
    let svg = SiteMapSVG().renderComparison(scenario: s, layout: after, baseline: before, baselineLabel: "hand-made")
    let doc = try #require(parse(svg))
    #expect(doc.elements.filter { classes($0).contains("plot") }.count == 5)
    #expect(doc.elements.filter { classes($0).contains("added") && $0.name == "rect" }.count == 1 + 1)
    #expect(doc.elements.filter { $0.name == "line" && classes($0).contains("moved") }.count == 1)
    #expect(doc.text.contains("from P2"))  // the old plot under the moved firm
    // F3 dropped from P3 (on this site): outline and cross; GONE dropped from P9 (not on this site): legend only.
    #expect(doc.elements.filter { $0.name == "rect" && classes($0).contains("dropped") }.count == 1 + 1)
    #expect(doc.text.contains("dropped off this site: GONE"))
    #expect(doc.text.contains("Changes since hand-made"))
}

@Test func niceScaleBarLengths() {
    #expect(SiteMapSVG.niceLength(37) == 20)
    #expect(SiteMapSVG.niceLength(60) == 50)
    #expect(SiteMapSVG.niceLength(10) == 10)
    #expect(SiteMapSVG.niceLength(0.3) == 0.2)
}

@Test func sectorsPastTheTenthAreHatched() throws {
    var s = AllocationTestScenarios.small()
    for k in 0..<10 { s.sectors.insert(Sector(id: "pad\(k)", label: "Pad \(k)", zones: ["general"]), at: 0) }
    // foundry is now the 11th sector: the first colour again, hatched.
    let palette = SectorPalette(sectors: s.sectors)
    #expect(palette.colour(of: "foundry") == SectorPalette.colours[0])
    #expect(palette.isHatched("foundry") && !palette.isHatched("pad0"))
    let doc = try #require(parse(SiteMapSVG().render(scenario: s, layout: Layout(assignments: ["F1": "P1"]))))
    let p1 = try #require(doc.elements.first { $0.attributes["data-plot"] == "P1" })
    #expect(p1.attributes["fill"] == "url(#sector-10)")
    #expect(doc.elements.contains { $0.name == "pattern" && $0.attributes["id"] == "sector-10" })
    #expect(doc.elements.filter { classes($0).contains("plot") }.count == s.site.plots.count)
}
