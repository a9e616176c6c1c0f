import Foundation
import Estate
import Geometry

/// Draws a scenario's site and a layout on it to scale, as a standalone SVG document a board can read on A4.
///
/// Every plot is one shape (class `plot`, attribute `data-plot` = its id): its rectangle (width × depth, rotated
/// counter-clockwise about the centroid by `rotation` degrees) or, when the scenario gives no shape, a square of its
/// area centred on its centroid. A plot's fill is its firm's sector colour (``SectorPalette``); an empty plot takes its
/// zone's pale tint. A plot given to several firms (a hand-made layout) is split into one strip per firm and names
/// them all. Labels (firm id, plot id) are at least ``minFontSize`` pixels high at the drawing's own size; a plot too
/// narrow for them horizontally gets them written upwards. Under the plots: each zone's rows framed in its tint, and
/// the roads, inferred from the gaps between plot rows and blocks (the scenario format has no road geometry) plus the
/// main road along the free side of the main-frontage plots. On top: a short thick bar across the shared wall of
/// each A-rated and a thin one for each E-rated pair of placed neighbours (kept clear of the labels; an arc when a
/// third plot lies between the two), a dashed circle
/// of the separation distance around each placed firm that has an X-rated partner placed nearby
/// (``separationCircleReach``; the drawing grows so no circle is cut), and the rules the layout breaks
/// (`violations`, from ``LayoutVerifier``): each numbered, its plots outlined in red with the number, a too-close
/// pair joined by a red dotted line, an overloaded power block framed with its load. The legend, below the map in
/// columns, names the sectors, zones, marks and each broken rule by its number.
///
/// The comparison variant (``renderComparison(scenario:layout:baseline:title:baselineLabel:violations:)``) also marks
/// firms that moved (blue outline and "from A01" under the firm; an arrow from the old plot only when at most
/// ``arrowLimit`` firms moved, so many moves never become a tangle; every move is listed in the legend), were added
/// (teal outline, `+`) and were dropped (grey dashed outline, `×`, on the plot they held when it is on this site).
///
/// The document is always well-formed XML: every name is escaped with ``XMLText``. Layout entries naming firms or plots
/// the scenario lacks are left off the drawing (the verifier reports them). Plot coordinates are metres with y
/// pointing north; the drawing flips y so north is up.
public struct SiteMapSVG: Sendable {
    /// Width of the whole drawing, in pixels: the map fills it (less the margins) unless ``maxMapHeight`` limits it;
    /// the legend sits below the map. 1180 fits a 1280 px browser window and an A4 page at full size; a
    /// side-by-side map uses about half.
    public var width: Double = 1180
    /// Upper limit on the map's height, in pixels; a tall site is scaled down to fit (and drawn narrower).
    public var maxMapHeight: Double = 760
    /// The smallest font of the labels on plots, in pixels at the drawing's own size. A plot too small to hold its
    /// firm id at this size gets it anyway (overflowing the plot) rather than an unreadable one.
    public var minFontSize: Double = 9
    /// Separation circles are drawn around an X-rated firm only when an X-rated partner is placed within this
    /// multiple of the separation distance (where the rule matters); 0 or less draws one around every X-rated firm
    /// with a partner placed anywhere.
    public var separationCircleReach: Double = 1.5
    /// In a comparison, moved firms get an arrow from their old plot only when at most this many moved; above it
    /// they are outlined and labelled with their old plot, and listed in the legend.
    public var arrowLimit: Int = 6

    /// The least area to draw, in site metres (x0, y0, x1, y1); the drawing covers it and whatever the layout needs
    /// besides. Maps shown side by side share one extent so that they have one scale.
    var extent: (x0: Double, y0: Double, x1: Double, y1: Double)?

    /// Whether the legend has the key (sectors, zones, roads, closeness marks); a map beside a larger one with the same
    /// key leaves it out and keeps only its own broken rules and changes.
    public var showsKey = true

    /// Makes a renderer with the default sizes.
    public init() {}

    /// The drawing width that draws `span` metres at the scale this renderer draws `widest` metres at (both limited
    /// by the width, not the height).
    func scaledWidth(spanning span: Double, of widest: Double) -> Double {
        let margins = 2 * Drawing.margin
        return margins + (width - margins) * span / max(widest, 1)
    }

    /// The area `layout` on `scenario`'s site needs, in site metres: the plots, the inferred roads and the separation
    /// circles drawn.
    func neededExtent(scenario: Scenario, layout: Layout) -> (x0: Double, y0: Double, x1: Double, y1: Double) {
        var plain = self
        plain.extent = nil
        let effective = layout.effective(on: scenario)
        let d = Drawing(renderer: plain, scenario: effective.scenario, layout: effective.layout, diff: nil,
                        baselineLabel: nil, title: "", violations: [])
        return (d.bounds.x0, d.bounds.y0, d.bounds.x1, d.bounds.y1)
    }

    /// Makes a renderer drawing `width` pixels wide (e.g. half a page for maps side by side).
    public init(width: Double) { self.width = width }

    /// The SVG map of `layout` on `scenario`'s site, titled `title` (default: the scenario's name), with the rules it
    /// breaks (`violations`, numbered in the given order) drawn and listed.
    ///
    /// A layout that cuts raw land or merges plots is drawn on its effective site (``Scenario/applying(_:)``): each
    /// kavling as its rectangle labelled with its dimensions (`12 × 20 m`), each merged run as one rectangle, and
    /// the raw land left uncut as the blocks' dashed outlines.
    public func render(scenario: Scenario, layout: Layout, title: String? = nil,
                       violations: [Violation] = []) -> String {
        let effective = layout.effective(on: scenario)
        var d = Drawing(renderer: self, scenario: effective.scenario, layout: effective.layout, diff: nil,
                        baselineLabel: nil, title: title ?? scenario.metadata.name, violations: violations)
        d.rawBlocks = layout.sites.isEmpty ? [] : scenario.site.rawBlocks
        return d.document()
    }

    /// The SVG map of `layout` on `scenario`'s site, marking what changed since `baseline`.
    ///
    /// `baseline` may come from another scenario (e.g. phase 1, drawn on the expansion site): its plot ids are looked
    /// up on this site, and a moved firm's arrow or a dropped firm's mark is drawn only when its old plot is here.
    /// Firms dropped from plots not on this site are listed in the legend.
    ///
    /// `baselinePlots`, the plot ids of the baseline's site when it is another one (phase 1 under the expansion),
    /// limits the "added" marks to the plots the baseline had: on plots that are new, every firm is new, and marking
    /// them all would hide what matters; the legend counts both. A layout with derived sites is drawn on its own cut,
    /// as ``render(scenario:layout:title:violations:)`` draws it.
    public func renderComparison(
        scenario: Scenario, layout: Layout, baseline: Layout, title: String? = nil, baselineLabel: String = "baseline",
        baselinePlots: Set<String>? = nil, violations: [Violation] = []
    ) -> String {
        let diff = LayoutDiff(from: baseline, to: layout, firmOrder: scenario.firms.map(\.id))
        let effective = layout.effective(on: scenario)
        var d = Drawing(renderer: self, scenario: effective.scenario, layout: effective.layout, diff: diff,
                        baselineLabel: baselineLabel, title: title ?? scenario.metadata.name, violations: violations)
        d.baselinePlots = baselinePlots
        d.rawBlocks = layout.sites.isEmpty ? [] : scenario.site.rawBlocks
        return d.document()
    }

    /// A "nice" scale-bar length (1, 2 or 5 × 10ⁿ metres) close to, and not above, `metres`.
    static func niceLength(_ metres: Double) -> Double {
        guard metres > 0, metres.isFinite else { return 1 }
        let p = pow(10, floor(log10(metres)))
        for m in [5.0, 2.0, 1.0] where m * p <= metres { return m * p }
        return p
    }

    /// A number for an SVG attribute: at most two decimals, no trailing zeros, no exponent.
    static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// The estimated width of `text` in DejaVu Sans at `size` pixels (about 0.64 em a character; bold 0.7).
    static func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        Double(text.count) * size * (bold ? 0.7 : 0.64)
    }

    /// The tints of zones (Paul Tol's "pale" scheme), in the order of `site.zones`, repeating past the sixth.
    public static let zoneTints = ["#BBCCEE", "#CCEEFF", "#CCDDAA", "#EEEEBB", "#FFCCCC", "#DDDDDD"]
}

/// An axis-aligned rectangle in site metres.
private struct Box {
    var x0: Double, y0: Double, x1: Double, y1: Double

    init(x0: Double, y0: Double, x1: Double, y1: Double) {
        (self.x0, self.y0, self.x1, self.y1) = (x0, y0, x1, y1)
    }

    /// The box around `shape`'s positions; `nil` when it has none (or none finite).
    init?(_ shape: Shape) {
        let points = shape.positions.filter { $0.x.isFinite && $0.y.isFinite }
        guard let first = points.first else { return nil }
        (x0, y0, x1, y1) = (first.x, first.y, first.x, first.y)
        for p in points { (x0, y0, x1, y1) = (min(x0, p.x), min(y0, p.y), max(x1, p.x), max(y1, p.y)) }
    }
}

/// One drawing in progress: the scaled geometry and the element lists.
private struct Drawing {
    let r: SiteMapSVG
    let scenario: Scenario
    let layout: Layout
    let diff: LayoutDiff?
    let baselineLabel: String?
    let title: String
    let violations: [Violation]
    /// The plot ids of the baseline's site, when the baseline is on another site (see `renderComparison`).
    var baselinePlots: Set<String>?
    /// The raw blocks the layout cut, drawn as dashed outlines (the land left uncut shows inside them).
    var rawBlocks: [RawBlock] = []
    let palette: SectorPalette
    let plots: [Plot]
    let plotIndex: [String: Int]
    /// Firm indices placed on each plot, in id order (several only in a layout that shares a plot).
    let firmsOnPlot: [[Int]]
    /// Plot index of each firm (`nil` when unplaced or on an unknown plot).
    let plotOfFirm: [Int?]
    /// Old plot id of each moved firm, by firm id.
    let movedFrom: [String: String]
    let roads: [(box: Box, main: Bool)]
    let circles: [Int]
    let minX: Double, maxY: Double
    /// The area drawn, in site metres.
    let bounds: Box
    let scale: Double
    static let margin = 24.0
    var margin: Double { Self.margin }
    let header = 34.0
    let mapPixelWidth: Double, mapPixelHeight: Double

    init(renderer: SiteMapSVG, scenario: Scenario, layout: Layout, diff: LayoutDiff?, baselineLabel: String?,
         title: String, violations: [Violation]) {
        r = renderer
        self.scenario = scenario
        self.layout = layout
        self.diff = diff
        self.baselineLabel = baselineLabel
        self.title = title
        self.violations = violations
        palette = SectorPalette(sectors: scenario.sectors)
        plots = scenario.site.plots
        var fi: [String: Int] = [:]
        for (i, f) in scenario.firms.enumerated() where fi[f.id] == nil { fi[f.id] = i }
        var pi: [String: Int] = [:]
        for (i, p) in plots.enumerated() where pi[p.id] == nil { pi[p.id] = i }
        plotIndex = pi
        var onPlot = [[Int]](repeating: [], count: plots.count)
        var ofFirm = [Int?](repeating: nil, count: scenario.firms.count)
        for (firmID, plotID) in layout.assignments.sorted(by: { $0.key < $1.key }) {
            guard let f = fi[firmID], let p = pi[plotID] else { continue }
            ofFirm[f] = p
            onPlot[p].append(f)
        }
        firmsOnPlot = onPlot
        plotOfFirm = ofFirm
        var from: [String: String] = [:]
        for e in diff?.entries(.moved) ?? [] { if let old = e.from { from[e.firm] = old } }
        movedFrom = from
        // A site drawn in GeoJSON has its roads drawn; the inference is for sites given as plot centroids only.
        roads = scenario.site.drawing == nil ? Self.inferRoads(plots) : []
        circles = Self.xFirms(scenario: scenario, plotOfFirm: ofFirm, reach: renderer.separationCircleReach)
        // Bounds in metres: the plots, the roads (inferred or drawn), every other drawn shape (green areas, the
        // boundary, sensitive places, treatment units) and the separation circles drawn, so that none is cut at the
        // frame. Rule bands (a buffer may reach far past the site) are clipped at the map's edge instead.
        var lo = (x: Double.infinity, y: Double.infinity), hi = (x: -Double.infinity, y: -Double.infinity)
        func include(_ b: Box) {
            lo = (min(lo.x, b.x0), min(lo.y, b.y0))
            hi = (max(hi.x, b.x1), max(hi.y, b.y1))
        }
        for p in plots { include(Self.box(p, pad: 3)) }
        for road in roads { include(road.box) }
        for shape in Self.drawnShapes(scenario.site.drawing) {
            if let b = Box(shape) { include(Box(x0: b.x0 - 1, y0: b.y0 - 1, x1: b.x1 + 1, y1: b.y1 + 1)) }
        }
        let sep = scenario.rules.separationDistance
        for f in circles {
            let p = plots[ofFirm[f]!]
            include(Box(x0: p.x - sep - 1, y0: p.y - sep - 1, x1: p.x + sep + 1, y1: p.y + sep + 1))
        }
        if let e = renderer.extent { include(Box(x0: e.x0, y0: e.y0, x1: e.x1, y1: e.y1)) }
        if !lo.x.isFinite { lo = (0, 0); hi = (10, 10) }
        bounds = Box(x0: lo.x, y0: lo.y, x1: hi.x, y1: hi.y)
        let spanX = max(hi.x - lo.x, 1), spanY = max(hi.y - lo.y, 1)
        scale = min((renderer.width - 2 * Self.margin) / spanX, renderer.maxMapHeight / spanY)
        minX = lo.x
        maxY = hi.y
        mapPixelWidth = spanX * scale
        mapPixelHeight = spanY * scale
    }

    // MARK: Geometry

    /// Every shape of a drawn site the map draws besides the plots: roads, green areas, the boundary, sensitive
    /// places and treatment units.
    static func drawnShapes(_ drawing: SiteDrawing?) -> [Shape] {
        guard let drawing else { return [] }
        return drawing.roads.map(\.shape) + drawing.green + (drawing.boundary.map { [$0] } ?? [])
            + drawing.sensitive.map(\.shape) + drawing.treatment.map(\.shape)
    }

    /// Width and depth of a plot's drawn rectangle, in metres.
    static func size(_ p: Plot) -> (w: Double, d: Double) {
        switch (p.width, p.depth) {
        case let (w?, d?) where w > 0 && d > 0: return (w, d)
        case let (w?, nil) where w > 0: return (w, p.area / w)
        case let (nil, d?) where d > 0: return (p.area / d, d)
        default:
            let side = max(p.area, 0).squareRoot()
            return (side, side)
        }
    }

    /// Half the axis-aligned extent of a plot's rotated rectangle, in metres.
    static func halfExtents(_ p: Plot) -> (x: Double, y: Double) {
        let (w, d) = size(p)
        let a = (p.rotation ?? 0) * .pi / 180
        let c = abs(cos(a)), s = abs(sin(a))
        return (w / 2 * c + d / 2 * s, w / 2 * s + d / 2 * c)
    }

    /// The axis-aligned box around a plot, grown by `pad` metres.
    static func box(_ p: Plot, pad: Double = 0) -> Box {
        let e = halfExtents(p)
        return Box(x0: p.x - e.x - pad, y0: p.y - e.y - pad, x1: p.x + e.x + pad, y1: p.y + e.y + pad)
    }

    /// Roads inferred from the plots: a street wherever the plots leave a gap of 3–40 m between their rows (east–west)
    /// or blocks (north–south), across the whole site; and the main road, 8 m wide, along the side of the
    /// main-frontage plots that no other plot faces (south when several do). Empty when plots are rotated.
    static func inferRoads(_ plots: [Plot]) -> [(box: Box, main: Bool)] {
        guard !plots.isEmpty, plots.allSatisfy({ ($0.rotation ?? 0) == 0 }) else { return [] }
        let boxes = plots.map { box($0) }
        let x0 = boxes.map(\.x0).min()!, x1 = boxes.map(\.x1).max()!
        let y0 = boxes.map(\.y0).min()!, y1 = boxes.map(\.y1).max()!
        /// Gaps of 3–40 m between the merged intervals.
        func gaps(_ intervals: [(Double, Double)]) -> [(Double, Double)] {
            var merged: [(Double, Double)] = []
            for (a, b) in intervals.sorted(by: { $0.0 < $1.0 }) {
                if let last = merged.last, a <= last.1 + 0.5 {
                    merged[merged.count - 1].1 = max(last.1, b)
                } else {
                    merged.append((a, b))
                }
            }
            return zip(merged, merged.dropFirst()).map { ($0.1, $1.0) }.filter { $0.1 - $0.0 >= 3 && $0.1 - $0.0 <= 40 }
        }
        var out: [(box: Box, main: Bool)] = []
        for (a, b) in gaps(boxes.map { ($0.y0, $0.y1) }) { out.append((Box(x0: x0, y0: a, x1: x1, y1: b), false)) }
        for (a, b) in gaps(boxes.map { ($0.x0, $0.x1) }) { out.append((Box(x0: a, y0: y0, x1: b, y1: y1), false)) }
        let main = boxes.indices.filter { plots[$0].frontage == .main }.map { boxes[$0] }
        if !main.isEmpty {
            let width = 8.0
            let m = Box(x0: main.map(\.x0).min()!, y0: main.map(\.y0).min()!,
                        x1: main.map(\.x1).max()!, y1: main.map(\.y1).max()!)
            let side: Box
            if abs(m.y0 - y0) < 0.5 {
                side = Box(x0: x0, y0: y0 - width, x1: x1, y1: y0)
            } else if abs(m.y1 - y1) < 0.5 {
                side = Box(x0: x0, y0: y1, x1: x1, y1: y1 + width)
            } else if abs(m.x0 - x0) < 0.5 {
                side = Box(x0: x0 - width, y0: y0, x1: x0, y1: y1)
            } else if abs(m.x1 - x1) < 0.5 {
                side = Box(x0: x1, y0: y0, x1: x1 + width, y1: y1)
            } else {
                side = Box(x0: x0, y0: y0 - width, x1: x1, y1: y0)
            }
            out.append((side, true))
        }
        return out
    }

    /// Placed firms with an X-rated partner placed within `reach` × the separation distance (anywhere when
    /// `reach` ≤ 0).
    static func xFirms(scenario: Scenario, plotOfFirm: [Int?], reach: Double) -> [Int] {
        let lookup = ClosenessLookup(chart: scenario.closeness)
        let plots = scenario.site.plots
        let limit = reach > 0 ? reach * scenario.rules.separationDistance : Double.infinity
        let placed = scenario.firms.indices.filter { plotOfFirm[$0] != nil }
        return placed.filter { i in
            placed.contains { j in
                j != i && lookup.isXPair(scenario.firms[i], scenario.firms[j])
                    && plots[plotOfFirm[i]!].distance(to: plots[plotOfFirm[j]!]) <= limit
            }
        }
    }

    /// The fill of sector `id`: its colour, or its hatch pattern for sectors past the palette's length.
    func fill(sector id: String) -> String {
        guard palette.isHatched(id), let i = palette.index(of: id) else { return palette.colour(of: id) }
        return "url(#sector-\(i))"
    }

    /// The tint of zone `id` (white for a zone the site does not list).
    func tint(zone id: String) -> String {
        guard let i = scenario.site.zones.firstIndex(where: { $0.id == id }) else { return SectorPalette.emptyPlot }
        return SiteMapSVG.zoneTints[i % SiteMapSVG.zoneTints.count]
    }

    /// Hatch patterns for the sectors past the palette's length: their colour with diagonal lines.
    func patternDefinitions() -> String {
        var out = ""
        for (i, sector) in scenario.sectors.enumerated() where palette.isHatched(sector.id) {
            let round = palette.round(of: sector.id)
            out += "<pattern id=\"sector-\(i)\" patternUnits=\"userSpaceOnUse\" width=\"7\" height=\"7\" "
                + "patternTransform=\"rotate(\(round % 2 == 1 ? 45 : -45))\"><rect width=\"7\" height=\"7\" "
                + "fill=\"\(palette.colour(of: sector.id))\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\" stroke=\"#000\" "
                + "stroke-opacity=\"0.4\" stroke-width=\"\(round > 1 ? 3 : 1.5)\"/></pattern>"
        }
        return out
    }

    func sx(_ x: Double) -> Double { margin + (x - minX) * scale }
    func sy(_ y: Double) -> Double { header + margin + (maxY - y) * scale }
    func n(_ v: Double) -> String { SiteMapSVG.num(v) }
    func esc(_ s: String) -> String { XMLText.escape(s) }

    // MARK: Document

    func document() -> String {
        let width = max(r.width, mapPixelWidth + 2 * margin, 320)
        let legendTop = header + mapPixelHeight + 2 * margin + 24
        let legend = legendElements(top: legendTop, width: width)
        let height = legendTop + legend.height + 12
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" font-family="DejaVu Sans, Arial, sans-serif">
        <title>\(esc(title))</title>
        <style>
        .plot{stroke:#333;stroke-width:1}
        .plot.empty{stroke:#777;stroke-dasharray:3 2}
        .lbl{text-anchor:middle;paint-order:stroke;stroke-width:2.5px;stroke-linejoin:round}
        .plot-id{fill:#222}
        .firm-id{font-weight:bold;fill:#000}
        .from{fill:#004488;font-weight:bold}
        .dark .plot-id,.dark .firm-id{fill:#FFF}
        .dark .from{fill:#CCEEFF}
        .road{fill:#E4E4E4}
        .road.main{fill:#C8C8C8}
        .road-label{font-size:11px;fill:#555;font-style:italic}
        .zone{stroke:none}
        .phase{fill:none;stroke:#555;stroke-width:1.2;stroke-dasharray:10 4}
        .phase-label{font-size:12px;fill:#444;font-style:italic}
        .rel-A{stroke:#000;stroke-width:5;stroke-linecap:round}
        .rel-E{stroke:#000;stroke-width:2;stroke-linecap:round}
        .casing{stroke:#FFF;stroke-linecap:round}
        .x-circle{fill:none;stroke:#AA3377;stroke-width:1.4;stroke-dasharray:6 4}
        .x-violation{stroke:#CC0000;stroke-width:4;stroke-dasharray:3 3}
        .violation{fill:none;stroke:#CC0000;stroke-width:4}
        .violation-block{fill:none;stroke:#CC0000;stroke-width:2.5;stroke-dasharray:9 4}
        .violation-label{font-size:13px;font-weight:bold;fill:#CC0000;paint-order:stroke;stroke:#FFF;stroke-width:3px}
        .badge{fill:#CC0000;stroke:#FFF;stroke-width:1.5}
        .badge-text{font-size:11px;font-weight:bold;fill:#FFF;text-anchor:middle}
        .moved{stroke:#0077BB;stroke-width:3;fill:none}
        .added{fill:none;stroke:#009988;stroke-width:4}
        .dropped{fill:none;stroke:#555;stroke-width:3;stroke-dasharray:4 3}
        .band{fill:#CC6677;fill-opacity:0.18;stroke:#CC6677;stroke-opacity:0.18;stroke-linecap:round;stroke-linejoin:round}
        .band-line{fill:none;stroke:#882255;stroke-width:1.5}
        .marker{fill:#33BBEE;stroke:#222;stroke-width:1}
        .sensitive{fill:#EE99AA;fill-opacity:0.4;stroke:#882255;stroke-width:1.5}
        .sensitive.line{fill:none;stroke:#882255;stroke-width:3}
        .treatment{fill:#99DDFF;stroke:#004488;stroke-width:1.5}
        .place-label{font-size:11px;fill:#222;paint-order:stroke;stroke:#FFF;stroke-width:2.5px}
        .marker-label{font-size:11px;fill:#114466}
        .legend{font-size:12px;fill:#222}
        .legend-title{font-size:13px;font-weight:bold;fill:#222}
        </style>
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" \
        orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#0077BB"/></marker>\(patternDefinitions())</defs>
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#FFFFFF"/>
        <text x="\(n(margin))" y="22" class="legend-title" font-size="16">\(esc(title))</text>

        """
        // Everything on the map is clipped to its frame (the map and its margins), so that nothing reaching past the
        // site (a buffer band) runs over the title or the legend.
        let frameTop = header, frameHeight = mapPixelHeight + 2 * margin
        let frameID = SiteMapSVG.frameID(width: width, top: frameTop, height: frameHeight)
        out += "<clipPath id=\"\(frameID)\"><rect x=\"0\" y=\"\(n(frameTop))\" width=\"\(n(width))\" "
            + "height=\"\(n(frameHeight))\"/></clipPath>\n<g id=\"map\" clip-path=\"url(#\(frameID))\">\n"
        out += "<g id=\"roads\">\n" + roadElements() + "</g>\n"
        out += "<g id=\"zones\">\n" + zoneElements() + "</g>\n"
        if !rawBlocks.isEmpty { out += "<g id=\"raw-blocks\">\n" + rawBlockElements() + "</g>\n" }
        out += "<g id=\"phases\">\n" + phaseElements() + "</g>\n"
        out += "<g id=\"plots\">\n" + plotElements() + "</g>\n"
        out += "<g id=\"rules\">\n" + ruleElements() + "</g>\n"
        out += "<g id=\"separation\">\n" + separationElements() + "</g>\n"
        out += "<g id=\"closeness\">\n" + closenessElements() + "</g>\n"
        if diff != nil { out += "<g id=\"changes\">\n" + changeElements() + "</g>\n" }
        let marks = violationElements()
        out += "<g id=\"violation-lines\">\n" + marks.under + "</g>\n"
        out += "<g id=\"labels\">\n" + labelElements() + "</g>\n"
        out += "<g id=\"violations\">\n" + marks.over + "</g>\n"
        out += "</g>\n"
        out += "<g id=\"scale-bar\">\n" + scaleBar() + "</g>\n"
        out += "<g id=\"legend\">\n" + legend.svg + "</g>\n"
        out += "</svg>\n"
        return out
    }

    func rect(_ b: Box, cls: String, extra: String = "") -> String {
        "<rect class=\"\(cls)\" x=\"\(n(sx(b.x0)))\" y=\"\(n(sy(b.y1)))\" width=\"\(n((b.x1 - b.x0) * scale))\" "
            + "height=\"\(n((b.y1 - b.y0) * scale))\"\(extra)/>\n"
    }

    /// An SVG path of `shape` (site metres): each ring or line as `M … L … (Z)`.
    func path(_ shape: Shape) -> String {
        func line(_ points: [Point2D], closed: Bool) -> String {
            guard let first = points.first else { return "" }
            var d = "M\(n(sx(first.x))),\(n(sy(first.y)))"
            for p in points.dropFirst() { d += " L\(n(sx(p.x))),\(n(sy(p.y)))" }
            return d + (closed ? " Z" : "")
        }
        switch shape {
        case .point(let p): return "M\(n(sx(p.x))),\(n(sy(p.y)))"
        case .lineString(let l): return line(l, closed: false)
        case .multiLineString(let ls): return ls.map { line($0, closed: false) }.joined(separator: " ")
        case .polygon(let p): return p.rings.map { line(Array($0.dropLast()), closed: true) }.joined(separator: " ")
        case .multiPolygon(let ps):
            return ps.flatMap(\.rings).map { line(Array($0.dropLast()), closed: true) }.joined(separator: " ")
        }
    }

    func roadElements() -> String {
        var out = ""
        // A drawn site: its green areas and roads as drawn (a road drawn as a bare line, with no width, as a line).
        if let drawing = scenario.site.drawing {
            for green in drawing.green {
                out += "<path class=\"green\" d=\"\(path(green))\" fill=\"#D9EDC8\" fill-rule=\"evenodd\"/>\n"
            }
            if let boundary = drawing.boundary {
                out += "<path class=\"boundary\" d=\"\(path(boundary))\" fill=\"none\" stroke=\"#666\" "
                    + "stroke-width=\"1.5\" stroke-dasharray=\"12 4 2 4\"><title>site boundary</title></path>\n"
            }
            for place in drawing.sensitive {
                out += placeElement(place, cls: "sensitive", tip: "sensitive place: \(place.name)")
            }
            let units = Dictionary((scenario.rules.wastewater?.units ?? []).map { ($0.id, $0) },
                                   uniquingKeysWith: { a, _ in a })
            for place in drawing.treatment {
                let capacity = units[place.id].map { ": \($0.capacityM3PerDay.formatted0) m³/day" } ?? ""
                out += placeElement(place, cls: "treatment", tip: "treatment unit (IPAL) \(place.name)\(capacity)")
            }
            for road in drawing.roads {
                let cls = road.roadClass == .main ? "road main" : "road"
                out += road.shape.isAreal
                    ? "<path class=\"\(cls)\" d=\"\(path(road.shape))\" fill-rule=\"evenodd\"/>\n"
                    : "<path class=\"\(cls)\" d=\"\(path(road.shape))\" fill=\"none\" stroke=\"#C8C8C8\" "
                        + "stroke-width=\"3\"/>\n"
            }
        }
        for road in roads { out += rect(road.box, cls: road.main ? "road main" : "road") }
        for road in roads where road.main {
            let b = road.box
            let horizontal = b.x1 - b.x0 >= b.y1 - b.y0
            if horizontal {
                out += "<text class=\"road-label\" x=\"\(n(sx(b.x0) + 6))\" y=\"\(n(sy((b.y0 + b.y1) / 2) + 4))\">"
                    + "main road</text>\n"
            }
        }
        return out
    }

    /// A drawn place (class `sensitive` or `treatment`): its area, line or point, with its id written beside it.
    func placeElement(_ place: SiteDrawing.Place, cls: String, tip: String) -> String {
        let title = "<title>\(esc(tip))</title>"
        let b = Box(place.shape) ?? Box(x0: 0, y0: 0, x1: 0, y1: 0)
        let (cx, cy) = (sx((b.x0 + b.x1) / 2), sy((b.y0 + b.y1) / 2))
        var out: String
        if case .point = place.shape {
            out = "<circle class=\"\(cls)\" cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"5\">\(title)</circle>\n"
            return out + "<text class=\"place-label\" x=\"\(n(cx + 8))\" y=\"\(n(cy + 4))\">"
                + "\(esc(place.label ?? place.id))</text>\n"
        }
        let line = !place.shape.isAreal
        out = "<path class=\"\(cls)\(line ? " line" : "")\" d=\"\(path(place.shape))\" fill-rule=\"evenodd\">"
            + "\(title)</path>\n"
        // The label across the shape when it fits, else up along a tall shape, else the id alone.
        let (w, h) = ((b.x1 - b.x0) * scale, (b.y1 - b.y0) * scale)
        let label = place.label ?? place.id
        let width = SiteMapSVG.textWidth(label, size: 11)
        if width <= max(w, 40) {
            out += "<text class=\"place-label\" x=\"\(n(cx))\" y=\"\(n(cy + 4))\" text-anchor=\"middle\">"
                + "\(esc(label))</text>\n"
        } else {
            let upright = width <= h
            let text = upright ? label : place.id
            out += "<text class=\"place-label\" x=\"\(n(cx))\" y=\"\(n(cy + 4))\" text-anchor=\"middle\""
                + (upright ? " transform=\"rotate(-90 \(n(cx)) \(n(cy)))\"" : "") + ">\(esc(text))</text>\n"
        }
        return out
    }

    /// Each zone's runs of touching plots in one row, framed in the zone's tint.
    /// The raw blocks' outlines, dashed, with their ids: the land the cut plan left uncut shows inside them.
    func rawBlockElements() -> String {
        var out = ""
        for b in rawBlocks {
            let corners = [b.point(along: 0, inward: 0), b.point(along: b.length, inward: 0),
                           b.point(along: b.length, inward: b.depth), b.point(along: 0, inward: b.depth)]
            let points = corners.map { "\(SiteMapSVG.num(sx($0.x))),\(SiteMapSVG.num(sy($0.y)))" }.joined(separator: " ")
            out += "<polygon class=\"raw-block\" data-block=\"\(esc(b.id))\" points=\"\(points)\" fill=\"none\" "
                + "stroke=\"#555\" stroke-dasharray=\"4 3\"><title>raw block \(esc(b.id)): "
                + "\(b.length.formatted0) × \(b.depth.formatted0) m</title></polygon>\n"
        }
        return out
    }

    func zoneElements() -> String {
        guard scenario.site.zones.count > 1 else { return "" }
        var out = ""
        var used = Set<Int>()
        let order = plots.indices.sorted { (plots[$0].y, plots[$0].x) < (plots[$1].y, plots[$1].x) }
        for i in order where !used.contains(i) {
            var run = [i]
            used.insert(i)
            var b = Self.box(plots[i])
            var extended = true
            while extended {
                extended = false
                for j in order where !used.contains(j) && plots[j].zone == plots[i].zone
                    && abs(plots[j].y - plots[i].y) < 0.5 {
                    let c = Self.box(plots[j])
                    if c.x0 <= b.x1 + 0.5 && c.x1 >= b.x0 - 0.5 {
                        b = Box(x0: min(b.x0, c.x0), y0: min(b.y0, c.y0), x1: max(b.x1, c.x1), y1: max(b.y1, c.y1))
                        run.append(j)
                        used.insert(j)
                        extended = true
                    }
                }
            }
            let pad = 1.2
            out += rect(Box(x0: b.x0 - pad, y0: b.y0 - pad, x1: b.x1 + pad, y1: b.y1 + pad), cls: "zone",
                        extra: " data-zone=\"\(esc(plots[i].zone))\" fill=\"\(tint(zone: plots[i].zone))\"")
        }
        return out
    }

    func phaseElements() -> String {
        guard scenario.site.phases.count > 1 else { return "" }
        var out = ""
        for phase in scenario.site.phases {
            let members = plots.filter { $0.phase == phase.id }
            guard !members.isEmpty else { continue }
            let boxes = members.map { Self.box($0, pad: 2.5) }
            let b = Box(x0: boxes.map(\.x0).min()!, y0: boxes.map(\.y0).min()!, x1: boxes.map(\.x1).max()!,
                        y1: boxes.map(\.y1).max()!)
            out += rect(b, cls: "phase", extra: " data-phase=\"\(esc(phase.id))\"")
            out += "<text class=\"phase-label\" x=\"\(n(sx(b.x0) + 3))\" y=\"\(n(sy(b.y1) - 4))\">"
                + "\(esc(phase.label ?? phase.id))</text>\n"
        }
        return out
    }

    /// Whether a fill is dark enough to need white labels (relative luminance below 0.2).
    static func isDark(_ hex: String) -> Bool {
        let h = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard h.count == 6, let v = Int(h, radix: 16) else { return false }
        func lin(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        let l = 0.2126 * lin(v >> 16) + 0.7152 * lin((v >> 8) & 255) + 0.0722 * lin(v & 255)
        return l < 0.2
    }

    func plotElements() -> String {
        var out = ""
        for (i, p) in plots.enumerated() {
            let (w, d) = Self.size(p)
            let cx = sx(p.x), cy = sy(p.y)
            let firms = firmsOnPlot[i].map { scenario.firms[$0] }
            let fill = firms.first.map { self.fill(sector: $0.sector) } ?? tint(zone: p.zone)
            var tip = "\(p.id): \(p.area.formatted0) m², zone \(p.zone), \(p.frontage.rawValue) road, "
                + "power \(p.powerBlock)"
            tip += firms.isEmpty ? " — empty" : firms.map { " — \($0.id) \($0.name) (\($0.sector))" }.joined()
            let rot = p.rotation ?? 0
            let transform = rot == 0 ? "" : " transform=\"rotate(\(n(-rot)) \(n(cx)) \(n(cy)))\""
            let x = cx - w * scale / 2, y = cy - d * scale / 2
            // A drawn plot: its polygon as drawn.
            if let drawn = scenario.site.drawing?.plots[p.id] {
                out += "<path class=\"plot\(firms.isEmpty ? " empty" : "")\" data-plot=\"\(esc(p.id))\""
                    + (firms.isEmpty ? "" : " data-firm=\"\(esc(firms.map(\.id).joined(separator: " ")))\"")
                    + " d=\"\(path(drawn))\" fill-rule=\"evenodd\" fill=\"\(fill)\"><title>\(esc(tip))</title></path>\n"
                continue
            }
            out += "<rect class=\"plot\(firms.isEmpty ? " empty" : "")\" data-plot=\"\(esc(p.id))\""
                + (firms.isEmpty ? "" : " data-firm=\"\(esc(firms.map(\.id).joined(separator: " ")))\"")
                + " x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w * scale))\" "
                + "height=\"\(n(d * scale))\" fill=\"\(fill)\"\(transform)><title>\(esc(tip))</title></rect>\n"
            // A shared plot: one strip per further firm, in its sector's colour.
            if firms.count > 1 {
                let strip = w * scale / Double(firms.count)
                for (k, f) in firms.enumerated().dropFirst() {
                    out += "<rect class=\"share\" x=\"\(n(x + Double(k) * strip))\" y=\"\(n(y))\" "
                        + "width=\"\(n(strip))\" height=\"\(n(d * scale))\" fill=\"\(self.fill(sector: f.sector))\" "
                        + "stroke=\"#333\"\(transform)/>\n"
                }
            }
        }
        return out
    }

    /// Labels: the firm ids (bold), the plot id and, for a moved firm, its old plot; horizontal when they fit the
    /// plot's width, else written upwards when they fit its depth, else at the size that fits best (never below
    /// ``SiteMapSVG/minFontSize``).
    func labelElements() -> String {
        var out = ""
        for (i, p) in plots.enumerated() {
            let (w, d) = Self.size(p)
            let pw = w * scale, ph = d * scale
            let cx = sx(p.x), cy = sy(p.y)
            let firms = firmsOnPlot[i].map { scenario.firms[$0].id }
            var lines: [(text: String, cls: String, rel: Double)] = []
            if !firms.isEmpty { lines.append((firms.joined(separator: "+"), "firm-id", 1)) }
            if case .kavling? = p.derived, let w = p.width, let dep = p.depth {
                lines.append(("\(w.formatted0) × \(dep.formatted0) m", "plot-id", firms.isEmpty ? 1 : 0.9))
            } else {
                lines.append((p.id, "plot-id", firms.isEmpty ? 1 : 0.9))
            }
            for f in firms { if let old = movedFrom[f] { lines.append(("from \(old)", "from", 0.9)) } }
            func size(_ fs: Double, _ rel: Double) -> Double { max(fs * rel, r.minFontSize) }
            func need(_ fs: Double) -> (w: Double, h: Double) {
                (lines.map { SiteMapSVG.textWidth($0.text, size: size(fs, $0.rel), bold: $0.cls != "plot-id") }.max()!
                    + 4, lines.map { size(fs, $0.rel) * 1.15 }.reduce(0, +) + 2)
            }
            let big = 12.0
            var fs = big, vertical = false
            let n12 = need(big)
            if n12.w <= pw && n12.h <= ph {
                fs = big
            } else if n12.w <= ph && n12.h <= pw {
                vertical = true
            } else {
                let hFit = min(pw / n12.w, ph / n12.h), vFit = min(ph / n12.w, pw / n12.h)
                vertical = vFit > hFit
                fs = max(big * max(hFit, vFit), r.minFontSize)
            }
            let dims = need(fs)
            let halo = firmsOnPlot[i].first.map { palette.colour(of: scenario.firms[$0].sector) } ?? tint(zone: p.zone)
            let dark = firmsOnPlot[i].first != nil && Self.isDark(halo)
            let transform = vertical ? " transform=\"rotate(-90 \(n(cx)) \(n(cy)))\"" : ""
            out += "<g class=\"lbl\(dark ? " dark" : "")\" stroke=\"\(halo)\"\(transform)>"
            var y = cy - dims.h / 2 + 1
            for line in lines {
                let px = size(fs, line.rel)
                y += px * 1.15
                out += "<text class=\"\(line.cls)\" x=\"\(n(cx))\" y=\"\(n(y - px * 0.25))\" "
                    + "style=\"font-size:\(n(px))px\">\(esc(line.text))</text>"
            }
            out += "</g>\n"
        }
        return out
    }

    /// A short bar across the shared wall of each A- or E-rated pair of placed neighbours (the middle third of the
    /// line between their centroids, so it stays clear of the labels), on a white casing.
    func closenessElements() -> String {
        let geometry = SiteGeometry(scenario: scenario)
        let lookup = ClosenessLookup(chart: scenario.closeness)
        var out = ""
        for pair in geometry.neighbours {
            guard let f = firmsOnPlot[pair.p].first, let g = firmsOnPlot[pair.q].first else { continue }
            let a = scenario.firms[f], b = scenario.firms[g]
            let ratings = [lookup.sectorRating(a.sector, b.sector), lookup.firmRating(a.id, b.id)].compactMap { $0 }
            guard let best = ratings.filter({ $0.rating == .a || $0.rating == .e }).min(by: { $0.rating < $1.rating })
            else { continue }
            let p = plots[pair.p], q = plots[pair.q]
            let x1 = sx(p.x), y1 = sy(p.y), x2 = sx(q.x), y2 = sy(q.y)
            let t0 = 0.34, t1 = 0.66
            let ax = x1 + (x2 - x1) * t0, ay = y1 + (y2 - y1) * t0, bx = x1 + (x2 - x1) * t1, by = y1 + (y2 - y1) * t1
            var tip = "\(a.id)–\(b.id): \(best.rating.rawValue)"
            if let reason = best.reason, !reason.isEmpty { tip += " (\(reason))" }
            let width = best.rating == .a ? 8 : 4.5
            // Neighbours with a third plot between them (a narrow plot in the row): an arc over that plot's label.
            let mx = (p.x + q.x) / 2, my = (p.y + q.y) / 2
            let between = plots.indices.contains { k in
                guard k != pair.p && k != pair.q else { return false }
                let b = Self.box(plots[k])
                return mx > b.x0 && mx < b.x1 && my > b.y0 && my < b.y1
            }
            if between {
                let len = max(hypot(x2 - x1, y2 - y1), 1)
                let (ux, uy) = (-(y2 - y1) / len, (x2 - x1) / len)
                let sx0 = x1 + (x2 - x1) * 0.25, sy0 = y1 + (y2 - y1) * 0.25
                let ex = x1 + (x2 - x1) * 0.75, ey = y1 + (y2 - y1) * 0.75
                let cx = (x1 + x2) / 2 - ux * len * 0.5, cy = (y1 + y2) / 2 - uy * len * 0.5
                let d = "M\(n(sx0)),\(n(sy0)) Q\(n(cx)),\(n(cy)) \(n(ex)),\(n(ey))"
                out += "<path class=\"casing\" fill=\"none\" stroke-width=\"\(width)\" d=\"\(d)\"/>"
                    + "<path class=\"rel-\(best.rating.rawValue)\" fill=\"none\" d=\"\(d)\"><title>\(esc(tip))</title>"
                    + "</path>\n"
                continue
            }
            let coords = "x1=\"\(n(ax))\" y1=\"\(n(ay))\" x2=\"\(n(bx))\" y2=\"\(n(by))\""
            out += "<line class=\"casing\" stroke-width=\"\(width)\" \(coords)/>"
                + "<line class=\"rel-\(best.rating.rawValue)\" \(coords)><title>\(esc(tip))</title></line>\n"
        }
        return out
    }

    /// What the catalogue rules ask the map to draw (``RuleDefinition/mapFeatures(_:)``): shaded bands (a buffer
    /// around a point or a line) and labelled markers.
    func ruleElements() -> String {
        var out = ""
        for feature in RuleKind.definitions.flatMap({ $0.mapFeatures(scenario) }) {
            switch feature {
            case .band(let points, let width, let label):
                guard let first = points.first else { continue }
                let tip = "<title>\(esc(label))</title>"
                if points.count == 1 {
                    out += "<circle class=\"band\" cx=\"\(n(sx(first.x)))\" cy=\"\(n(sy(first.y)))\" "
                        + "r=\"\(n(width * scale))\">\(tip)</circle>\n"
                } else {
                    let d = points.map { "\(n(sx($0.x))),\(n(sy($0.y)))" }.joined(separator: " ")
                    out += "<polyline class=\"band\" points=\"\(d)\" stroke-width=\"\(n(2 * width * scale))\">\(tip)"
                        + "</polyline>\n<polyline class=\"band-line\" points=\"\(d)\">\(tip)</polyline>\n"
                }
            case .area(let shape, let label):
                out += "<path class=\"band\" d=\"\(path(shape))\" fill-rule=\"evenodd\"><title>\(esc(label))</title>"
                    + "</path>\n"
            case .marker(let at, let label):
                out += "<circle class=\"marker\" cx=\"\(n(sx(at.x)))\" cy=\"\(n(sy(at.y)))\" r=\"5\">"
                    + "<title>\(esc(label))</title></circle>\n<text class=\"marker-label\" x=\"\(n(sx(at.x) + 7))\" "
                    + "y=\"\(n(sy(at.y) + 4))\">\(esc(label))</text>\n"
            }
        }
        return out
    }

    func separationElements() -> String {
        let sep = scenario.rules.separationDistance
        var out = ""
        for f in circles {
            let p = plots[plotOfFirm[f]!]
            out += "<circle class=\"x-circle\" data-firm=\"\(esc(scenario.firms[f].id))\" cx=\"\(n(sx(p.x)))\" "
                + "cy=\"\(n(sy(p.y)))\" r=\"\(n(sep * scale))\"><title>\(esc(scenario.firms[f].id)): X-rated "
                + "partners stay \(esc(sep.formatted0)) m away</title></circle>\n"
        }
        return out
    }

    /// The boxes of plots `ids` (those on this site).
    func plotBoxes(_ ids: [String]) -> [Box] { ids.compactMap { plotIndex[$0] }.map { Self.box(plots[$0]) } }

    /// A numbered red badge centred at (`x`, `y`) pixels.
    func badge(_ number: Int, x: Double, y: Double) -> String {
        "<circle class=\"badge\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"9\"/><text class=\"badge-text\" x=\"\(n(x))\" "
            + "y=\"\(n(y + 4))\">\(number)</text>\n"
    }

    /// Each broken rule, numbered: a too-close pair joined by a red dotted line, an overloaded power block framed
    /// with its load, the plots of the others outlined; a badge with the number on each. The lines go under the
    /// labels (`under`), the rest over them (`over`).
    func violationElements() -> (under: String, over: String) {
        let sep = scenario.rules.separationDistance
        var out = "", under = ""
        var badgesOnPlot: [Int: Int] = [:]
        for (k, v) in violations.enumerated() {
            let number = k + 1
            let tip = "<title>\(number). \(esc(v.message))</title>"
            switch v.rule {
            case .separation:
                let idx = v.plots.compactMap { plotIndex[$0] }
                guard idx.count == 2 else { continue }
                let a = plots[idx[0]], b = plots[idx[1]]
                under += "<line class=\"x-violation\" data-violation=\"\(number)\" x1=\"\(n(sx(a.x)))\" "
                    + "y1=\"\(n(sy(a.y)))\" x2=\"\(n(sx(b.x)))\" y2=\"\(n(sy(b.y)))\">\(tip)</line>\n"
                for i in idx { out += outline(i, cls: "violation", tip: v.message, number: number) }
                let mx = (sx(a.x) + sx(b.x)) / 2, my = (sy(a.y) + sy(b.y)) / 2
                out += badge(number, x: mx, y: my)
                out += "<text class=\"violation-label\" x=\"\(n(mx + 12))\" y=\"\(n(my + 4))\">"
                    + "\(esc(a.distance(to: b).formatted0)) m &lt; \(esc(sep.formatted0)) m</text>\n"
            case .power:
                let blockID = v.plots.compactMap { plotIndex[$0] }.first.map { plots[$0].powerBlock }
                guard let blockID else { continue }
                let boxes = plotBoxes(plots.filter { $0.powerBlock == blockID }.map(\.id))
                guard !boxes.isEmpty else { continue }
                let pad = 2.2
                let b = Box(x0: boxes.map(\.x0).min()! - pad, y0: boxes.map(\.y0).min()! - pad,
                            x1: boxes.map(\.x1).max()! + pad, y1: boxes.map(\.y1).max()! + pad)
                out += "<g data-violation=\"\(number)\">" + tip + rect(b, cls: "violation-block") + "</g>\n"
                let load = KeyFigures(scenario: scenario, layout: layout).powerBlocks.first { $0.block == blockID }
                let text = "\(blockID): \(load.map { "\($0.used.formatted0) kVA on \($0.capacity.formatted0)" } ?? "")"
                out += badge(number, x: sx(b.x0) + 10, y: sy(b.y1) - 12)
                out += "<text class=\"violation-label\" x=\"\(n(sx(b.x0) + 24))\" y=\"\(n(sy(b.y1) - 8))\">"
                    + "\(esc(text))</text>\n"
            default:
                let idx = v.plots.compactMap { plotIndex[$0] }
                guard !idx.isEmpty else { continue }
                for i in idx { out += outline(i, cls: "violation", tip: v.message, number: number) }
                let b = Self.box(plots[idx[0]])
                let shift = Double(badgesOnPlot[idx[0], default: 0]) * 19
                badgesOnPlot[idx[0], default: 0] += 1
                out += badge(number, x: sx(b.x0) + 2 + shift, y: sy(b.y1) + 2)
            }
        }
        return (under, out)
    }

    /// An outline around plot `i`, slightly larger than the plot; `number` marks it as that broken rule's.
    func outline(_ i: Int, cls: String, tip: String, number: Int? = nil) -> String {
        let p = plots[i]
        let (w, d) = Self.size(p)
        let cx = sx(p.x), cy = sy(p.y)
        let grow = 2.5
        let rot = p.rotation ?? 0
        let transform = rot == 0 ? "" : " transform=\"rotate(\(n(-rot)) \(n(cx)) \(n(cy)))\""
        return "<rect class=\"\(cls)\"\(number.map { " data-violation=\"\($0)\"" } ?? "") "
            + "x=\"\(n(cx - w * scale / 2 - grow))\" y=\"\(n(cy - d * scale / 2 - grow))\" "
            + "width=\"\(n(w * scale + 2 * grow))\" height=\"\(n(d * scale + 2 * grow))\"\(transform)>"
            + "<title>\(esc(tip))</title></rect>\n"
    }

    func changeElements() -> String {
        guard let diff else { return "" }
        var out = ""
        let arrows = diff.entries(.moved).count <= r.arrowLimit
        for e in diff.entries {
            switch e.change {
            case .unchanged:
                continue
            case .added:
                guard let to = e.to, let q = plotIndex[to], baselinePlots?.contains(to) ?? true else { continue }
                out += outline(q, cls: "added", tip: "\(e.firm) added on \(to)")
                let b = Self.box(plots[q])
                out += "<text class=\"legend-title\" style=\"fill:#009988;font-size:15px\" "
                    + "x=\"\(n(sx(b.x1) - 11))\" y=\"\(n(sy(b.y1) + 14))\">+</text>\n"
            case .dropped:
                guard let from = e.from, let q = plotIndex[from] else { continue }
                out += outline(q, cls: "dropped", tip: "\(e.firm) dropped from \(from)")
                let b = Self.box(plots[q])
                let x = sx(b.x1) - 12, y = sy(b.y1) + 3
                out += "<path class=\"dropped\" style=\"stroke-dasharray:none\" d=\"M\(n(x)),\(n(y)) l8,8 "
                    + "M\(n(x + 8)),\(n(y)) l-8,8\"><title>\(esc(e.firm)) dropped from \(esc(from))</title></path>\n"
            case .moved:
                guard let to = e.to, let q = plotIndex[to] else { continue }
                out += outline(q, cls: "moved", tip: "\(e.firm) moved from \(e.from ?? "?") to \(to)")
                guard arrows, let from = e.from, let p = plotIndex[from] else { continue }
                let a = plots[p], b = plots[q]
                let x1 = sx(a.x), y1 = sy(a.y), x2 = sx(b.x), y2 = sy(b.y)
                let len = ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot()
                guard len > 1 else { continue }
                // Start and stop short of the centres so the labels stay readable.
                let cut = min(18, len / 3)
                let sx0 = x1 + (x2 - x1) / len * cut, sy0 = y1 + (y2 - y1) / len * cut
                let ex = x2 - (x2 - x1) / len * cut, ey = y2 - (y2 - y1) / len * cut
                out += "<line class=\"moved\" marker-end=\"url(#arrow)\" x1=\"\(n(sx0))\" y1=\"\(n(sy0))\" "
                    + "x2=\"\(n(ex))\" y2=\"\(n(ey))\"><title>\(esc(e.firm)): \(esc(from)) → \(esc(to))</title>"
                    + "</line>\n"
            }
        }
        return out
    }

    func scaleBar() -> String {
        let length = SiteMapSVG.niceLength(max(mapPixelWidth / 4, 90) / scale)
        let x = margin, y = header + mapPixelHeight + 2 * margin + 4
        let w = length * scale
        return "<rect x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"\(n(w / 2))\" height=\"6\" fill=\"#222\"/>\n"
            + "<rect x=\"\(n(x + w / 2))\" y=\"\(n(y - 6))\" width=\"\(n(w / 2))\" height=\"6\" fill=\"#FFF\" "
            + "stroke=\"#222\"/>\n"
            + "<text class=\"legend\" x=\"\(n(x))\" y=\"\(n(y + 10))\">0</text>\n"
            + "<text class=\"legend\" text-anchor=\"end\" x=\"\(n(x + w))\" y=\"\(n(y + 10))\">"
            + "\(length.formatted0) m</text>\n"
            + "<text class=\"legend\" x=\"\(n(x + w + 14))\" y=\"\(n(y))\">north is up</text>\n"
    }

    // MARK: Legend

    /// One block of the legend, drawn from (0, 0): its elements and its height.
    struct LegendBlock {
        var svg = ""
        var height = 0.0
    }

    /// The legend below the map: blocks flowed into columns of about 290 px, each into the shortest column.
    func legendElements(top: Double, width: Double) -> (svg: String, height: Double) {
        let columns = max(1, Int((width - 2 * margin) / 290))
        let columnWidth = (width - 2 * margin) / Double(columns)
        let chars = max(24, Int(columnWidth / 7.2) - 2)
        let blocks = legendBlocks(chars: chars)
        var heights = [Double](repeating: 0, count: columns)
        var out = ""
        for block in blocks {
            let c = heights.indices.min { heights[$0] < heights[$1] }!
            out += "<g transform=\"translate(\(n(margin + Double(c) * columnWidth)) \(n(top + heights[c])))\">\n"
                + block.svg + "</g>\n"
            heights[c] += block.height + 14
        }
        return (out, heights.max() ?? 0)
    }

    func legendBlocks(chars: Int) -> [LegendBlock] {
        var blocks: [LegendBlock] = []
        func block(_ title: String, _ build: (inout LegendBlock, inout Double) -> Void) {
            var b = LegendBlock()
            b.svg = "<text class=\"legend-title\" x=\"0\" y=\"12\">\(esc(title))</text>\n"
            var y = 22.0
            build(&b, &y)
            b.height = y
            blocks.append(b)
        }
        func item(_ b: inout LegendBlock, _ y: inout Double, _ mark: String, _ text: String) {
            let lines = Self.wrap(text, width: chars - 3)
            b.svg += mark.replacingOccurrences(of: "$Y", with: n(y))
                .replacingOccurrences(of: "$M", with: n(y + 6))
            for line in lines {
                b.svg += "<text class=\"legend\" x=\"24\" y=\"\(n(y + 10))\">\(esc(line))</text>\n"
                y += 15
            }
            y += 2
        }
        let k = KeyFigures(scenario: scenario, layout: layout)
        var placed = "placed: \(k.firmsPlaced) of \(k.firms) firms"
        if k.facilities > 0 { placed += ", \(k.facilitiesPlaced) of \(k.facilities) shared facilities" }
        placed += "; \(plots.count) plots"
        if !r.showsKey {
            block("Key: see the larger map") { b, y in item(&b, &y, "", placed) }
        } else {
        block("Sectors") { b, y in
            let used = Set(firmsOnPlot.flatMap { $0 }.map { scenario.firms[$0].sector })
            for s in scenario.sectors {
                let dim = used.contains(s.id) ? "" : " fill-opacity=\"0.45\""
                item(&b, &y, "<rect x=\"0\" y=\"$Y\" width=\"18\" height=\"12\" fill=\"\(fill(sector: s.id))\" "
                        + "stroke=\"#333\"\(dim)/>\n", s.label + (used.contains(s.id) ? "" : " (none placed)"))
            }
        }
        block("Site") { b, y in
            if scenario.site.zones.count > 1 {
                for z in scenario.site.zones {
                    item(&b, &y, "<rect x=\"0\" y=\"$Y\" width=\"18\" height=\"12\" fill=\"\(tint(zone: z.id))\" "
                            + "stroke=\"#777\" stroke-dasharray=\"3 2\"/>\n", "zone \(z.label ?? z.id) (empty plot)")
                }
            } else {
                item(&b, &y, "<rect x=\"0\" y=\"$Y\" width=\"18\" height=\"12\" fill=\"\(SectorPalette.emptyPlot)\" "
                        + "stroke=\"#777\" stroke-dasharray=\"3 2\"/>\n", "empty plot")
            }
            if !roads.isEmpty {
                item(&b, &y, "<rect class=\"road main\" x=\"0\" y=\"$Y\" width=\"18\" height=\"12\"/>\n",
                     "main road (along the main-frontage plots)")
                item(&b, &y, "<rect class=\"road\" x=\"0\" y=\"$Y\" width=\"18\" height=\"12\"/>\n",
                     "road (a gap between plot rows)")
            }
            if let drawing = scenario.site.drawing {
                if drawing.roads.contains(where: { $0.roadClass == .main }) {
                    item(&b, &y, "<rect class=\"road main\" x=\"0\" y=\"$Y\" width=\"18\" height=\"12\"/>\n",
                         "main road (as drawn)")
                }
                if drawing.roads.contains(where: { $0.roadClass == .local }) {
                    item(&b, &y, "<rect class=\"road\" x=\"0\" y=\"$Y\" width=\"18\" height=\"12\"/>\n",
                         "local road (as drawn)")
                }
                if !drawing.green.isEmpty {
                    item(&b, &y, "<rect x=\"0\" y=\"$Y\" width=\"18\" height=\"12\" fill=\"#D9EDC8\"/>\n",
                         "green area")
                }
                if !drawing.sensitive.isEmpty {
                    item(&b, &y, "<rect class=\"sensitive\" x=\"0\" y=\"$Y\" width=\"18\" height=\"12\"/>\n",
                         "sensitive place: " + drawing.sensitive.map(\.name).joined(separator: ", "))
                }
                if !drawing.treatment.isEmpty {
                    item(&b, &y, "<rect class=\"treatment\" x=\"0\" y=\"$Y\" width=\"18\" height=\"12\"/>\n",
                         "wastewater treatment (IPAL): " + drawing.treatment.map(\.name).joined(separator: ", "))
                }
                if drawing.boundary != nil {
                    item(&b, &y, "<line x1=\"0\" y1=\"$M\" x2=\"18\" y2=\"$M\" stroke=\"#666\" stroke-width=\"1.5\" "
                            + "stroke-dasharray=\"6 2 2 2\"/>\n", "site boundary")
                }
            }
            if !scenario.rules.buffers.isEmpty {
                item(&b, &y, "<rect class=\"band\" x=\"0\" y=\"$Y\" width=\"18\" height=\"12\"/>\n",
                     "buffer around a sensitive place (its widest distance; hover for each sector's)")
            }
            if scenario.site.phases.count > 1 {
                item(&b, &y, "<line class=\"phase\" x1=\"0\" y1=\"$M\" x2=\"18\" y2=\"$M\"/>\n", "phase boundary")
            }
            item(&b, &y, "", placed)
        }
        block("Closeness of neighbours") { b, y in
            item(&b, &y, "<line class=\"rel-A\" x1=\"2\" y1=\"$M\" x2=\"16\" y2=\"$M\"/>\n", "A: absolutely necessary")
            item(&b, &y, "<line class=\"rel-E\" x1=\"2\" y1=\"$M\" x2=\"16\" y2=\"$M\"/>\n", "E: especially important")
            item(&b, &y, "<circle class=\"x-circle\" cx=\"9\" cy=\"$M\" r=\"7\"/>\n",
                 "X: keep \(scenario.rules.separationDistance.formatted0) m apart (circle of that radius)")
        }
        }
        if !violations.isEmpty {
            block("Rules broken: \(violations.count)") { b, y in
                for (i, v) in violations.enumerated() {
                    item(&b, &y, "<circle class=\"badge\" cx=\"9\" cy=\"$M\" r=\"8\"/><text class=\"badge-text\" "
                            + "x=\"9\" y=\"\(n(y + 10))\">\(i + 1)</text>\n", v.message)
                }
            }
        }
        if let diff {
            let moved = diff.entries(.moved), added = diff.entries(.added), dropped = diff.entries(.dropped)
            block("Changes since \(baselineLabel ?? "baseline")") { b, y in
                item(&b, &y, "<rect class=\"moved\" x=\"1\" y=\"$Y\" width=\"16\" height=\"12\"/>\n",
                     "moved: \(moved.count)" + (moved.isEmpty ? "" : " (old plot under the firm)"))
                let onNew = baselinePlots.map { old in added.filter { !old.contains($0.to ?? "") }.count } ?? 0
                item(&b, &y, "<rect class=\"added\" x=\"1\" y=\"$Y\" width=\"16\" height=\"12\"/>\n",
                     "+ added: \(added.count - onNew)" + (onNew > 0 ? " (and \(onNew) on plots new since "
                        + "\(baselineLabel ?? "baseline"), not outlined)" : ""))
                item(&b, &y, "<rect class=\"dropped\" x=\"1\" y=\"$Y\" width=\"16\" height=\"12\"/>\n",
                     "× dropped: \(dropped.count)")
                let offSite = dropped.filter { $0.from.flatMap { plotIndex[$0] } == nil }.map(\.firm)
                if !offSite.isEmpty { item(&b, &y, "", "dropped off this site: " + offSite.joined(separator: ", ")) }
            }
            if !moved.isEmpty {
                block("Moved: \(moved.count)") { b, y in
                    for e in moved { item(&b, &y, "", "\(e.firm): \(e.from ?? "?") → \(e.to ?? "?")") }
                }
            }
        }
        return blocks
    }

    /// `text` broken into lines of at most `width` characters at spaces (a longer word stays whole).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension SiteMapSVG {
    /// The id of the clip path of a map whose frame is `width` wide and `height` high from `top`: named by the frame
    /// itself, so that maps embedded in one HTML page (a comparison) never share an id unless their frames are equal
    /// (a second `id="map-frame"` would make the browser clip the second map to the first one's frame).
    static func frameID(width: Double, top: Double, height: Double) -> String {
        "map-frame-" + [width, top, height].map { String(Int(($0 * 100).rounded())) }.joined(separator: "-")
    }
}
