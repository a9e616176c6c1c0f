import Foundation
import Testing
@testable import Estate
@testable import Allocation
@testable import Reports

// What a board member reading a report needs (issue 14): the verdict first, each layout's own broken rules on its
// own map, legible labels, distinguishable colours, one count everywhere.

private typealias T = AllocationTestScenarios

/// A hand layout of the small scenario that breaks separation (F1 foundry and F4 assembly on neighbouring plots)
/// and leaves firms out, against the solved one.
private func handVersusOptimal() throws -> (Scenario, LayoutComparison) {
    let s = T.small()
    let hand = Layout(assignments: ["F1": "P1", "F4": "P2"])
    let solved = try #require(try Allocator().allocate(s).layout)
    let c = LayoutComparison(entries: [
        .init(label: "hand", scenario: s, layout: hand, source: "hand.csv", status: "given"),
        .init(label: "optimal", scenario: s, layout: solved, source: "solved", status: "optimal"),
    ])
    return (s, c)
}

private func position(_ needle: String, in page: String) throws -> Int {
    let r = try #require(page.range(of: needle), "missing: \(needle)")
    return page.distance(from: page.startIndex, to: r.lowerBound)
}

@Test func comparisonPutsTheVerdictAndBrokenRulesBeforeMapsAndLists() throws {
    let (_, c) = try handVersusOptimal()
    let hand = try #require(c.columns[0].verification)
    #expect(!hand.isFeasible)
    let page = HTMLReport.comparison(c)
    let verdict = try position("<h2>Verdict</h2>", in: page)
    let broken = try position("Rules broken in hand", in: page)
    let maps = try position("<h2>Maps</h2>", in: page)
    let table = try position("<h2>Side by side</h2>", in: page)
    let unplaced = try position("<h2>Unplaced firms</h2>", in: page)
    #expect(verdict < broken && broken < maps && maps < table && table < unplaced)
    // The rule-breaking score is marked as not comparable, in the card and in the table.
    #expect(page.contains("<span class=\"badge bad\">breaks \(hand.violations.count) rule"))
    #expect(page.contains("score not comparable"))
    #expect(page.contains("not comparable)</td>"))
    // Each unplaced firm's reason appears once per layout that gives it (not as a sentence and again as lines).
    let all = c.columns.flatMap(\.unplaced)
    #expect(!all.isEmpty)
    for u in all {
        let line = "<b>\(u.firm)</b> <span class=\"kind\">\(u.kind.rawValue.replacingOccurrences(of: "_", with: " "))"
            + "</span>: \(XMLText.escape(HTMLReport.split(u).summary))"
        let expected = all.filter { $0.firm == u.firm && HTMLReport.split($0).summary == HTMLReport.split(u).summary }
        #expect(page.components(separatedBy: line).count - 1 == expected.count)
        #expect(!HTMLReport.split(u).rest.contains(HTMLReport.split(u).summary))
    }
}

@Test func eachLayoutGetsItsOwnMapWithItsOwnViolations() throws {
    let (_, c) = try handVersusOptimal()
    let maps = c.maps()
    #expect(maps.map(\.label) == ["hand", "optimal"])
    // The hand layout's map draws its broken rules, numbered; the optimal one draws none.
    let handViolations = c.columns[0].verification!.violations.count
    #expect(maps[0].svg.components(separatedBy: "data-violation=\"").count - 1 >= handViolations)
    #expect(!maps[1].svg.contains("data-violation="))
    #expect(maps[0].svg.contains("class=\"x-violation\""))
    // One site: one scale, so the two drawings have the same size.
    func size(_ svg: String) -> String? {
        svg.range(of: #"viewBox="[^"]*""#, options: .regularExpression).map { String(svg[$0]) }
    }
    #expect(size(maps[0].svg) != nil)
    let plotWidth = { (svg: String) -> String? in
        svg.range(of: #"data-plot="P3"[^>]*width="[0-9.]+""#, options: .regularExpression).map { String(svg[$0]) }
    }
    #expect(plotWidth(maps[0].svg)?.split(separator: " ").last == plotWidth(maps[1].svg)?.split(separator: " ").last)
}

@Test func badgeTextIsNeverTheColourOfItsBackground() {
    let css = HTMLReport.css
    // Every badge tone sets both background and text colour in the same, more specific rule.
    for tone in ["good", "warn", "bad"] {
        let rule = css.components(separatedBy: ".badge.\(tone){").dropFirst().first?.prefix { $0 != "}" } ?? ""
        #expect(rule.contains("background:") && rule.contains("color:"), "badge \(tone): \(rule)")
        let background = rule.components(separatedBy: "background:").last?.prefix(7)
        let text = rule.components(separatedBy: ";color:").last?.prefix(4)
        #expect(background != nil && text != nil && !(background!.hasPrefix(text!)))
    }
    // No bare class sets a text colour that a badge would inherit over its own.
    #expect(!css.contains("\n.bad{") && !css.contains(" .bad{"))
    let page = HTMLReport.page(title: "t", body: HTMLReport.statusBadge(.bad, "breaks 3 rules"))
    #expect(page.contains("<span class=\"badge bad\">breaks 3 rules</span>"))
}

/// CIE L*a*b* of an sRGB colour "#RRGGBB", after an optional 3×3 colour-vision-deficiency matrix on linear RGB.
private func lab(_ hex: String, _ m: [[Double]]? = nil) -> (Double, Double, Double) {
    let v = Int(hex.dropFirst(), radix: 16)!
    func lin(_ c: Int) -> Double {
        let s = Double(c) / 255
        return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    var rgb = [lin(v >> 16), lin((v >> 8) & 255), lin(v & 255)]
    if let m { rgb = (0..<3).map { i in min(max((0..<3).map { m[i][$0] * rgb[$0] }.reduce(0, +), 0), 1) } }
    let x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]
    let y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    let z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]
    func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16 / 116 }
    let fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
}

@Test func sectorColoursStayDistinctAlsoForColourBlindReaders() {
    // Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
    let deficiencies: [String: [[Double]]] = [
        "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                       [-0.003882, -0.048116, 1.051998]],
        "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]],
        "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                       [0.004733, 0.691367, 0.303900]],
    ]
    let colours = SectorPalette.colours
    #expect(colours.count == 10)
    func worst(_ m: [[Double]]?) -> Double {
        var least = Double.infinity
        for i in colours.indices {
            for j in colours.indices where j > i {
                let a = lab(colours[i], m), b = lab(colours[j], m)
                least = min(least, ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)
                    + (a.2 - b.2) * (a.2 - b.2)).squareRoot())
            }
        }
        return least
    }
    #expect(worst(nil) >= 20)
    for (name, m) in deficiencies { #expect(worst(m) >= 15, "\(name): ΔE \(worst(m))") }
    // The colours of the old palette that readers confused (three blues) are gone.
    #expect(!colours.contains("#77AADD") && !colours.contains("#99DDFF"))
}

@Test func placedCountsAgreeAcrossSummaryLegendAndText() throws {
    // A layout with a shared plot and an unknown firm: the counts still agree (from KeyFigures).
    let s = T.small()
    let layout = Layout(assignments: ["F1": "P1", "F2": "P2", "F4": "P2", "GHOST": "P3"])
    let report = LayoutScoreReport(scenario: s, layout: layout, source: "hand.csv")
    let k = report.figures
    let page = HTMLReport.score(report)
    let placed = HTMLReport.placedText(k)
    #expect(placed == "\(k.firmsPlaced) of \(k.firms) firms")
    #expect(page.contains("<td>\(placed)</td>"))
    #expect(page.contains("<h2>Layout: \(placed) placed</h2>"))
    #expect(page.contains("placed: \(placed)"))  // the map's legend
    #expect(report.text().contains("firms placed: \(k.firmsPlaced) of \(k.firms)"))
    #expect(page.contains("1 more entry names a firm the scenario lacks"))
    // The shared plot shows both firms.
    #expect(page.contains(">F2+F4</text>"))
}

@Test func mapLabelsAreLegibleAndNothingIsCutAtTheFrame() throws {
    let s = try ScenarioLoader.load(path: "scenarios/bekasi-expansion.yaml")
    let layout = Layout(assignments: Dictionary(uniqueKeysWithValues: s.firms.compactMap { f in
        f.incumbentPlot.map { (f.id, $0) }
    }))
    let renderer = SiteMapSVG()
    let svg = renderer.render(scenario: s, layout: layout)
    let sizes = svg.components(separatedBy: "font-size:").dropFirst().compactMap { Double($0.prefix { $0 != "p" }) }
    #expect(!sizes.isEmpty && sizes.min()! >= renderer.minFontSize)
    let width = try #require(Double(svg.components(separatedBy: "width=\"")[1].prefix { $0 != "\"" }))
    #expect(width <= renderer.width + 0.5)
    // Separation circles lie inside the drawing.
    for part in svg.components(separatedBy: "<circle class=\"x-circle\" data-firm").dropFirst() {
        func attr(_ name: String) -> Double {
            Double(part.components(separatedBy: "\(name)=\"")[1].prefix { $0 != "\"" })!
        }
        #expect(attr("cx") - attr("r") >= 0 && attr("cx") + attr("r") <= width)
        #expect(attr("cy") - attr("r") >= 0)
    }
}

@Test func manyMovesAreListedNotDrawnAsArrows() throws {
    let s = T.small()
    let before = Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3"])
    let after = Layout(assignments: ["F1": "P2", "F2": "P3", "F3": "P1"])
    var renderer = SiteMapSVG()
    renderer.arrowLimit = 2
    let svg = renderer.renderComparison(scenario: s, layout: after, baseline: before)
    #expect(!svg.contains("<line class=\"moved\""))
    #expect(svg.contains("Moved: 3") && svg.contains("F1: P1 → P2"))
    #expect(svg.contains(">from P1</text>"))
    renderer.arrowLimit = 6
    #expect(renderer.renderComparison(scenario: s, layout: after, baseline: before)
        .components(separatedBy: "<line class=\"moved\"").count - 1 == 3)
}

@Test func closenessBarsStayClearOfTheLabels() throws {
    let s = T.small()
    let layout = Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3", "F4": "P4"])
    let svg = SiteMapSVG().render(scenario: s, layout: layout)
    // Each bar covers the middle third between two centroids: both ends stay at least a quarter of the way from
    // every plot's centre, where its labels are.
    func attr(_ text: String, _ name: String) -> Double {
        Double(text.components(separatedBy: " \(name)=\"")[1].prefix { $0 != "\"" })!
    }
    let centres = svg.components(separatedBy: "<rect class=\"plot").dropFirst().map { r in
        (attr(r, "x") + attr(r, "width") / 2, attr(r, "y") + attr(r, "height") / 2)
    }
    #expect(centres.count == s.site.plots.count)
    let bars = svg.components(separatedBy: "<line class=\"rel-").dropFirst().filter { $0.contains("<title>") }
    #expect(bars.count >= 2)
    for bar in bars {
        let ends = [(attr(bar, "x1"), attr(bar, "y1")), (attr(bar, "x2"), attr(bar, "y2"))]
        let length = hypot(ends[1].0 - ends[0].0, ends[1].1 - ends[0].1)
        for end in ends {
            let nearest = centres.map { hypot($0.0 - end.0, $0.1 - end.1) }.min()!
            #expect(nearest >= 0.9 * length)  // the bar is a third; its ends a third from each centre
        }
    }
}

@Test func checkFindsRequiredFirmsThatOverloadTheirOnlyPowerBlock() {
    // P1, P2 heavy on block B1 (200 kVA); P3, P4 general on B2. The two required foundries can only take heavy plots,
    // and need 90 + 160 = 250 kVA.
    let s = T.scenario(
        plots: T.plots([300, 300, 300, 300], heavy: 2, block: { $0 < 2 ? "B1" : "B2" }),
        firms: [T.firm("A", "foundry", kva: 90, required: true), T.firm("B", "foundry", kva: 160, required: true),
                T.firm("C", "assembly", kva: 400, required: true)],
        blocks: [PowerBlock(id: "B1", capacityKVA: 200), PowerBlock(id: "B2", capacityKVA: 1000)])
    let summary = ScenarioSummary(scenario: s)
    let b1 = summary.powerBlocks[0], b2 = summary.powerBlocks[1]
    #expect(b1.requiredFirms == ["A", "B"] && b1.requiredKVA == 250 && b1.isOverloadedByRequiredFirms)
    #expect(b2.requiredFirms == ["C"] && !b2.isOverloadedByRequiredFirms)
    let warnings = summary.powerWarnings(scenario: s, file: "s.yaml")
    #expect(warnings.map(\.warningLine) == [
        "s.yaml: warning: site.power_blocks[0]: power block B1: the firms that must be placed and can only go on its "
            + "plots, A (90 kVA), B (160 kVA), need 250 kVA; its capacity is 200 kVA, so no layout places them all "
            + "(solve will report the scenario infeasible)",
    ])
    #expect(summary.text.contains("must be placed and can only go here: A, B, 250 kVA"))
    // With the capacity raised, no warning.
    var ok = s
    ok.site.powerBlocks[0].capacityKVA = 250
    #expect(ScenarioSummary(scenario: ok).powerWarnings(scenario: ok, file: "s.yaml").isEmpty)
}

@Test func swappedLayoutColumnsAreNamedNotScoredAsUnknownFirms() throws {
    let s = T.small()
    let swapped = try LayoutDocument.parse("P3,F1\nP2,F2\n", file: "hand.csv")
    let error = try #require(swapped.swappedColumnsError(scenario: s, file: "hand.csv"))
    #expect(error.description == "hand.csv:1:1: error: firm: found plot \"P3\" as the firm and firm \"F1\" as the plot "
        + "(2 of 2 entries read so); expected firm,plot: the columns look swapped (swap them, or add the header line "
        + "plot,firm)")
    let right = try LayoutDocument.parse("F1,P3\nF2,P2\n", file: "hand.csv")
    #expect(right.swappedColumnsError(scenario: s, file: "hand.csv") == nil)
    // A header naming the columns reads them the right way round.
    let header = try LayoutDocument.parse("plot,firm\nP3,F1\n", file: "hand.csv")
    #expect(header.layout.assignments == ["F1": "P3"] && header.swappedColumnsError(scenario: s, file: "h") == nil)
}

@Test func jsonScoresAreRoundedToTwoDecimals() throws {
    #expect(ReportJSON.rounded(1011.8000000000002) == 1011.8)
    #expect(ReportJSON.rounded(-0.001) == 0 && ReportJSON.rounded(2.346) == 2.35)
    #expect(ReportJSON.rounded(Double.infinity) == .infinity)
    // A sum that floating point does not hit exactly: 0.1 + 0.2 placement.
    var s = T.small()
    s.rules.placementValue.perWorker = 0.1
    let layout = Layout(assignments: ["F1": "P1", "F2": "P2", "F3": "P3"])
    let report = LayoutScoreReport(scenario: s, layout: layout)
    let json = report.json()
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let objective = try #require(object["objective"] as? Double)
    #expect(objective == ReportJSON.rounded(report.verification.score.total))
    // No number with more than two decimals among the scores.
    let score = try #require(object["score"] as? [String: Any])
    for key in ["placement", "closeness", "relocation", "total"] {
        let v = try #require(score[key] as? Double)
        #expect(abs(v * 100 - (v * 100).rounded()) < 1e-6, "\(key) \(v)")
    }
    #expect(json.range(of: #"\d\.\d{3,}"#, options: .regularExpression) == nil)
}
