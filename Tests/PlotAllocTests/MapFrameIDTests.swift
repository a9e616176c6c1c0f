import Foundation
@testable import Estate
@testable import Reports
import Testing

private typealias T = AllocationTestScenarios

/// Several maps in one HTML page (a comparison) must each be clipped to their own frame. An `id` is global to the
/// page, so a clip path named alike in every map made the browser clip the second map to the first one's frame
/// (the expansion drawn in phase 1's smaller frame, next to phase 1).
@Suite struct MapFrameIDTests {
    /// The `<svg>…</svg>` blocks of a page, in order.
    static func svgBlocks(_ page: String) -> [String] {
        page.components(separatedBy: "<svg ").dropFirst().map { $0.components(separatedBy: "</svg>")[0] }
    }

    /// Every `id="…"` value of a clip path in `text`.
    static func clipIDs(_ text: String) -> [String] {
        text.components(separatedBy: "<clipPath id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func eachMapOfAComparisonIsClippedToItsOwnFrame() throws {
        let small = T.small()
        // Another site (one more plot, the plots in two rows), as the expansion is to phase 1: another frame.
        var deep = T.small()
        deep.site.plots = T.plots([300, 300, 200, 200, 150, 150], heavy: 2)
        for i in 3..<deep.site.plots.count { deep.site.plots[i].y = 80 }
        let c = LayoutComparison(entries: [
            .init(label: "narrow", scenario: small, layout: Layout(assignments: ["F1": "P1"]), source: "a", status: "given"),
            .init(label: "deep", scenario: deep, layout: Layout(assignments: ["F1": "P1"]), source: "b", status: "given"),
        ])
        let page = HTMLReport.comparison(c)
        let blocks = Self.svgBlocks(page)
        #expect(blocks.count == 2)
        var ids: [String] = []
        for block in blocks {
            let defined = Self.clipIDs(block)
            #expect(defined.count == 1, "one clip path per map")
            let id = try #require(defined.first)
            // The map uses the clip path it defines itself.
            #expect(block.contains("clip-path=\"url(#\(id))\""))
            ids.append(id)
        }
        // The two frames differ, and so do their ids: no id in the page names two different clip paths.
        #expect(Set(ids).count == 2, "\(ids)")
        #expect(Self.clipIDs(page).count == Set(Self.clipIDs(page)).count)
    }

    @Test func theIDIsNamedByTheFrameAlone() {
        #expect(SiteMapSVG.frameID(width: 600, top: 34, height: 439.85) == "map-frame-60000-3400-43985")
        #expect(SiteMapSVG.frameID(width: 600, top: 34, height: 439.85)
            != SiteMapSVG.frameID(width: 1180, top: 34, height: 439.85))
    }
}
