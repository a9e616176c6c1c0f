import Foundation
@testable import Estate
@testable import Allocation
@testable import Reports

#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

private typealias T = AllocationTestScenarios

/// Checks a page is self-contained: no scripts, no external resources, one inline SVG map that parses as XML with
/// one plot shape per plot of `scenario`.
private func expectSelfContained(_ html: String, plots: Int) throws {
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<link"))
    #expect(!html.contains("src="))
    #expect(!html.contains("url(http"))
    // The only URL is the SVG namespace name (not fetched), once per map.
    let urls = html.components(separatedBy: "http").count - 1
    #expect(urls >= 1 && urls == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
    let start = try #require(html.range(of: "<svg "))
    let end = try #require(html.range(of: "</svg>"))
    let svg = String(html[start.lowerBound..<end.upperBound])
    final class Counter: NSObject, XMLParserDelegate {
        var plots = 0
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            if (attributes["class"] ?? "").split(separator: " ").contains("plot") { plots += 1 }
        }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let counter = Counter()
    parser.delegate = counter
    #expect(parser.parse())
    #expect(counter.plots == plots)
}

@Test func solvePageHasSummaryMapTablesReasonsAndTiming() throws {
    var s = T.small()
    s.metadata.name = "Bekasi <IKM> & co"
    let result = try Allocator().allocate(s)
    let layout = try #require(result.layout)
    let unplaced = UnplacedExplainer(scenario: s).explain(layout)
    let html = HTMLReport.solve(scenario: s, result: result, unplaced: unplaced)
    try expectSelfContained(html, plots: s.site.plots.count)
    #expect(html.contains("<title>plotalloc: Bekasi &lt;IKM&gt; &amp; co</title>"))
    #expect(html.contains("<span class=\"badge good\">optimal</span>"))
    #expect(html.contains("<th>score</th><td>\(ReportText.number(result.objective!))</td>"))
    #expect(html.contains("<h2>Map</h2>"))
    #expect(html.contains("<h2>Layout: \(HTMLReport.placedText(KeyFigures(scenario: s, layout: layout))) placed</h2>"))
    #expect(html.contains("<h2>Unplaced firms: \(unplaced.count)</h2>"))
    for u in unplaced { #expect(html.contains(XMLText.escape(HTMLReport.split(u).summary))) }
    #expect(html.contains("<th>time: solve</th>"))
    #expect(html.contains("<h2>Power by block</h2>"))
}

@Test func infeasiblePageSaysSoWithoutAMap() throws {
    // Two required foundries, one heavy plot large enough.
    let s = T.scenario(plots: T.plots([300, 100], heavy: 2),
                       firms: [T.firm("A", "foundry", area: 250...400, required: true),
                               T.firm("B", "foundry", area: 250...400, required: true)])
    let result = try Allocator().allocate(s)
    #expect(result.status == .infeasible)
    let html = HTMLReport.solve(scenario: s, result: result, unplaced: [])
    #expect(html.contains("<span class=\"badge bad\">infeasible</span>"))
    #expect(html.contains("No layout: the scenario is infeasible."))
    #expect(!html.contains("<svg"))
}

@Test func comparisonAndScorePagesAreSelfContained() throws {
    let s = T.small()
    let hand = Layout(assignments: ["F1": "P1", "F4": "P3", "F2": "P2"])
    let solved = try #require(try Allocator().allocate(s).layout)
    let c = LayoutComparison(entries: [
        .init(label: "hand <made>", scenario: s, layout: hand, source: "hand.csv", status: "given"),
        .init(label: "optimal", scenario: s, layout: solved, source: "solved", status: "optimal"),
    ])
    let page = HTMLReport.comparison(c)
    try expectSelfContained(page, plots: s.site.plots.count)
    #expect(page.contains("<h2>Changes from hand &lt;made&gt; to optimal</h2>"))
    #expect(page.contains("<h2 class=\"alert\">Rules broken in hand &lt;made&gt;: 1</h2>"))
    let score = HTMLReport.score(LayoutScoreReport(scenario: s, layout: hand, source: "hand.csv"))
    try expectSelfContained(score, plots: s.site.plots.count)
    #expect(score.contains("<b>separation</b>: F1 (foundry) and F4 (assembly) are X-rated and 40 m apart"))
}
