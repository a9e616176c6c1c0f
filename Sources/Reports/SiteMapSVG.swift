import Foundation
import Estate

/// Draws a scenario's site and a layout on it to scale, as a standalone SVG document.
///
/// Every plot is one shape (class `plot`, attribute `data-plot` = its id): its rectangle (width × depth, rotated
/// counter-clockwise about the centroid by `rotation` degrees) or, when the scenario gives no shape, a square of its
/// area centred on its centroid. A plot's fill is its firm's sector colour (``SectorPalette``); an empty plot is white.
/// Labels give the plot id and the firm id; a tooltip names the firm. On top: a thick line for each A-rated and a thin
/// line for each E-rated pair of placed firms on neighbouring plots, a dashed circle of the separation distance around
/// each placed firm that has an X-rated partner placed nearby (``separationCircleReach``; clipped to the map area), a red dotted line between X-rated firms that are too close, the
/// phase boundaries (bounding box of each phase's plots), a scale bar and a legend.
///
/// The comparison variant (``renderComparison(scenario:layout:baseline:title:baselineLabel:)``) also marks firms that
/// moved (arrow from the old plot), were added (teal outline, `+`) and were dropped (red outline and `×` on the plot
/// they held, when that plot is on this site).
///
/// The document is always well-formed XML: every name is escaped with ``XMLText``. Layout entries naming firms or plots
/// the scenario lacks are left off the drawing (the verifier reports them). Plot coordinates are metres with y
/// pointing north; the drawing flips y so north is up.
public struct SiteMapSVG: Sendable {
    /// Width of the map part of the drawing, in pixels (the legend adds ``legendWidth``); a site with small plots
    /// is drawn wider, up to ``maxMapWidth``, so that its smallest plot is about ``minPlotSide`` pixels across.
    public var mapWidth: Double = 900
    /// Upper limit on the map's width, in pixels.
    public var maxMapWidth: Double = 2000
    /// The side, in pixels, the smallest plot should have at least (within ``maxMapWidth``).
    public var minPlotSide: Double = 40
    /// Separation circles are drawn around an X-rated firm only when an X-rated partner is placed within this
    /// multiple of the separation distance (where the rule matters); 0 or less draws one around every X-rated firm
    /// with a partner placed anywhere.
    public var separationCircleReach: Double = 1.5
    /// Upper limit on the map's height, in pixels; a tall site is scaled down to fit.
    public var maxMapHeight: Double = 1400
    /// Width of the legend column, in pixels.
    public var legendWidth: Double = 260

    /// Makes a renderer with the default sizes.
    public init() {}

    /// The SVG map of `layout` on `scenario`'s site, titled `title` (default: the scenario's name).
    public func render(scenario: Scenario, layout: Layout, title: String? = nil) -> String {
        Drawing(renderer: self, scenario: scenario, layout: layout, diff: nil, baselineLabel: nil,
                title: title ?? scenario.metadata.name).document()
    }

    /// The SVG map of `layout` on `scenario`'s site, marking what changed since `baseline`.
    ///
    /// `baseline` may come from another scenario (e.g. phase 1, drawn on the expansion site): its plot ids are looked
    /// up on this site, and a moved firm's arrow or a dropped firm's mark is drawn only when its old plot is here.
    /// Firms dropped from plots not on this site are listed in the legend.
    public func renderComparison(
        scenario: Scenario, layout: Layout, baseline: Layout, title: String? = nil, baselineLabel: String = "baseline"
    ) -> String {
        let diff = LayoutDiff(from: baseline, to: layout, firmOrder: scenario.firms.map(\.id))
        return Drawing(renderer: self, scenario: scenario, layout: layout, diff: diff, baselineLabel: baselineLabel,
                       title: title ?? scenario.metadata.name).document()
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
}

/// One drawing in progress: the scaled geometry and the element lists.
private struct Drawing {
    let r: SiteMapSVG
    let scenario: Scenario
    let layout: Layout
    let diff: LayoutDiff?
    let baselineLabel: String?
    let title: String
    let palette: SectorPalette
    let plots: [Plot]
    let firmByID: [String: Int]
    let plotIndex: [String: Int]
    /// Firm index placed on each plot (the first in id order when a layout shares a plot).
    let firmOnPlot: [Int?]
    /// Plot index of each firm (`nil` when unplaced or on an unknown plot).
    let plotOfFirm: [Int?]
    let minX: Double, maxY: Double
    let scale: Double
    let margin = 40.0
    let header = 34.0
    let mapPixelWidth: Double, mapPixelHeight: Double

    init(renderer: SiteMapSVG, scenario: Scenario, layout: Layout, diff: LayoutDiff?, baselineLabel: String?,
         title: String) {
        r = renderer
        self.scenario = scenario
        self.layout = layout
        self.diff = diff
        self.baselineLabel = baselineLabel
        self.title = title
        palette = SectorPalette(sectors: scenario.sectors)
        plots = scenario.site.plots
        var fi: [String: Int] = [:]
        for (i, f) in scenario.firms.enumerated() where fi[f.id] == nil { fi[f.id] = i }
        firmByID = fi
        var pi: [String: Int] = [:]
        for (i, p) in plots.enumerated() where pi[p.id] == nil { pi[p.id] = i }
        plotIndex = pi
        var onPlot = [Int?](repeating: nil, count: plots.count)
        var ofFirm = [Int?](repeating: nil, count: scenario.firms.count)
        for (firmID, plotID) in layout.assignments.sorted(by: { $0.key < $1.key }) {
            guard let f = fi[firmID], let p = pi[plotID] else { continue }
            ofFirm[f] = p
            if onPlot[p] == nil { onPlot[p] = f }
        }
        firmOnPlot = onPlot
        plotOfFirm = ofFirm
        // Bounds in metres: the plots' extents (separation circles are clipped to the map area).
        var lo = (x: Double.infinity, y: Double.infinity), hi = (x: -Double.infinity, y: -Double.infinity)
        func include(_ x: Double, _ y: Double, _ hx: Double, _ hy: Double) {
            lo = (min(lo.x, x - hx), min(lo.y, y - hy))
            hi = (max(hi.x, x + hx), max(hi.y, y + hy))
        }
        for p in plots {
            let e = Self.halfExtents(p)
            include(p.x, p.y, e.x + 3, e.y + 3)
        }
        if !lo.x.isFinite { lo = (0, 0); hi = (10, 10) }
        let spanX = max(hi.x - lo.x, 1), spanY = max(hi.y - lo.y, 1)
        let smallest = plots.map { p in let (w, d) = Self.size(p); return min(w, d) }.filter { $0 > 0 }.min() ?? 1
        let wanted = max(renderer.mapWidth / spanX, min(renderer.minPlotSide / smallest, renderer.maxMapWidth / spanX))
        scale = min(wanted, renderer.maxMapHeight / spanY)
        minX = lo.x
        maxY = hi.y
        mapPixelWidth = spanX * scale
        mapPixelHeight = spanY * scale
    }

    // MARK: Geometry

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

    /// The legend column: at least ``SiteMapSVG/legendWidth``, wider for long sector labels (about 7 px a character).
    var legendColumnWidth: Double {
        let longest = scenario.sectors.map(\.label.count).max() ?? 0
        return max(r.legendWidth, 22 + 7 * Double(longest) + 30)
    }

    /// The fill of sector `id`: its colour, or its hatch pattern for sectors past the ninth.
    func fill(sector id: String) -> String {
        guard palette.isHatched(id), let i = palette.index(of: id) else { return palette.colour(of: id) }
        return "url(#sector-\(i))"
    }

    /// Hatch patterns for the sectors past the ninth: their colour with diagonal lines (one direction per round).
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
        let legend = legendElements()
        let width = mapPixelWidth + 2 * margin + legendColumnWidth
        let height = max(header + mapPixelHeight + 2 * margin + 30, header + legend.height + 20)
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" font-family="DejaVu Sans, Arial, sans-serif">
        <title>\(esc(title))</title>
        <style>
        .plot{stroke:#333;stroke-width:1}
        .plot.empty{stroke:#999;stroke-dasharray:3 2}
        .plot-id{font-size:10px;font-weight:bold;fill:#222}
        .firm-id{font-size:10px;fill:#000}
        .phase{fill:none;stroke:#555;stroke-width:1.2;stroke-dasharray:10 4}
        .phase-label{font-size:12px;fill:#555;font-style:italic}
        .rel-A{stroke:#222;stroke-width:3.5;stroke-linecap:round}
        .rel-E{stroke:#222;stroke-width:1.5;stroke-linecap:round}
        .x-circle{fill:none;stroke:#AA3377;stroke-width:1.2;stroke-dasharray:5 4}
        .x-violation{stroke:#CC3311;stroke-width:3;stroke-dasharray:2 3}
        .moved{stroke:#0077BB;stroke-width:2.2;fill:none}
        .added{fill:none;stroke:#009988;stroke-width:3.5}
        .dropped{fill:none;stroke:#CC3311;stroke-width:3;stroke-dasharray:4 3}
        .legend{font-size:12px;fill:#222}
        .legend-title{font-size:13px;font-weight:bold;fill:#222}
        </style>
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" \
        orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#0077BB"/></marker>\(patternDefinitions())</defs>
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#FFFFFF"/>
        <text x="\(n(margin))" y="22" class="legend-title" font-size="16">\(esc(title))</text>

        """
        out += "<g id=\"phases\">\n" + phaseElements() + "</g>\n"
        out += "<g id=\"plots\">\n" + plotElements() + "</g>\n"
        out += "<clipPath id=\"map-area\"><rect x=\"0\" y=\"\(n(header))\" width=\"\(n(mapPixelWidth + 2 * margin))\" "
            + "height=\"\(n(mapPixelHeight + 2 * margin))\"/></clipPath>\n"
        out += "<g id=\"separation\" clip-path=\"url(#map-area)\">\n" + separationElements() + "</g>\n"
        out += "<g id=\"closeness\">\n" + closenessElements() + "</g>\n"
        if diff != nil { out += "<g id=\"changes\">\n" + changeElements() + "</g>\n" }
        out += "<g id=\"labels\">\n" + labelElements() + "</g>\n"
        out += "<g id=\"scale-bar\">\n" + scaleBar() + "</g>\n"
        out += "<g id=\"legend\">\n" + legend.svg + "</g>\n"
        out += "</svg>\n"
        return out
    }

    func phaseElements() -> String {
        var out = ""
        for phase in scenario.site.phases {
            let members = plots.filter { $0.phase == phase.id }
            guard !members.isEmpty else { continue }
            var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity
            for p in members {
                let e = Self.halfExtents(p)
                x0 = min(x0, p.x - e.x); x1 = max(x1, p.x + e.x)
                y0 = min(y0, p.y - e.y); y1 = max(y1, p.y + e.y)
            }
            let pad = 2.0
            let left = sx(x0 - pad), top = sy(y1 + pad)
            let w = (x1 - x0 + 2 * pad) * scale, h = (y1 - y0 + 2 * pad) * scale
            let label = phase.label ?? phase.id
            out += "<rect class=\"phase\" data-phase=\"\(esc(phase.id))\" x=\"\(n(left))\" y=\"\(n(top))\" "
                + "width=\"\(n(w))\" height=\"\(n(h))\"/>\n"
            out += "<text class=\"phase-label\" x=\"\(n(left + 3))\" y=\"\(n(top - 4))\">\(esc(label))</text>\n"
        }
        return out
    }

    func plotElements() -> String {
        var out = ""
        for (i, p) in plots.enumerated() {
            let (w, d) = Self.size(p)
            let cx = sx(p.x), cy = sy(p.y)
            let firm = firmOnPlot[i].map { scenario.firms[$0] }
            let fill = firm.map { self.fill(sector: $0.sector) } ?? SectorPalette.emptyPlot
            var tip = "\(p.id): \(p.area.formatted0) m², zone \(p.zone), \(p.frontage.rawValue) road"
            if let firm {
                tip += " — \(firm.id) \(firm.name) (\(firm.sector))"
            } else {
                tip += " — empty"
            }
            let rot = p.rotation ?? 0
            let transform = rot == 0 ? "" : " transform=\"rotate(\(n(-rot)) \(n(cx)) \(n(cy)))\""
            out += "<rect class=\"plot\(firm == nil ? " empty" : "")\" data-plot=\"\(esc(p.id))\""
                + (firm.map { " data-firm=\"\(esc($0.id))\"" } ?? "")
                + " x=\"\(n(cx - w * scale / 2))\" y=\"\(n(cy - d * scale / 2))\" width=\"\(n(w * scale))\" "
                + "height=\"\(n(d * scale))\" fill=\"\(fill)\"\(transform)><title>\(esc(tip))</title></rect>\n"
        }
        return out
    }

    func labelElements() -> String {
        var out = ""
        for (i, p) in plots.enumerated() {
            let (w, d) = Self.size(p)
            let side = min(w, d) * scale
            let fs = min(max(side * 0.22, 6), 12)
            let cx = sx(p.x), cy = sy(p.y)
            let style = " style=\"font-size:\(n(fs))px\""
            if let f = firmOnPlot[i] {
                out += "<text class=\"plot-id\" text-anchor=\"middle\" x=\"\(n(cx))\" y=\"\(n(cy - fs * 0.15))\""
                    + "\(style)>\(esc(p.id))</text>\n"
                out += "<text class=\"firm-id\" text-anchor=\"middle\" x=\"\(n(cx))\" y=\"\(n(cy + fs * 0.95))\""
                    + "\(style)>\(esc(scenario.firms[f].id))</text>\n"
            } else {
                out += "<text class=\"plot-id\" text-anchor=\"middle\" x=\"\(n(cx))\" y=\"\(n(cy + fs * 0.35))\""
                    + "\(style) fill-opacity=\"0.6\">\(esc(p.id))</text>\n"
            }
        }
        return out
    }

    func closenessElements() -> String {
        let geometry = SiteGeometry(scenario: scenario)
        let lookup = ClosenessLookup(chart: scenario.closeness)
        var out = ""
        for pair in geometry.neighbours {
            guard let f = firmOnPlot[pair.p], let g = firmOnPlot[pair.q] else { continue }
            let a = scenario.firms[f], b = scenario.firms[g]
            let ratings = [lookup.sectorRating(a.sector, b.sector), lookup.firmRating(a.id, b.id)].compactMap { $0 }
            guard let best = ratings.filter({ $0.rating == .a || $0.rating == .e }).min(by: { $0.rating < $1.rating })
            else { continue }
            let p = plots[pair.p], q = plots[pair.q]
            var tip = "\(a.id)–\(b.id): \(best.rating.rawValue)"
            if let reason = best.reason, !reason.isEmpty { tip += " (\(reason))" }
            out += "<line class=\"rel-\(best.rating.rawValue)\" x1=\"\(n(sx(p.x)))\" y1=\"\(n(sy(p.y)))\" "
                + "x2=\"\(n(sx(q.x)))\" y2=\"\(n(sy(q.y)))\"><title>\(esc(tip))</title></line>\n"
        }
        return out
    }

    func separationElements() -> String {
        let lookup = ClosenessLookup(chart: scenario.closeness)
        let sep = scenario.rules.separationDistance
        var out = ""
        for f in Self.xFirms(scenario: scenario, plotOfFirm: plotOfFirm, reach: r.separationCircleReach) {
            let p = plots[plotOfFirm[f]!]
            out += "<circle class=\"x-circle\" data-firm=\"\(esc(scenario.firms[f].id))\" cx=\"\(n(sx(p.x)))\" "
                + "cy=\"\(n(sy(p.y)))\" r=\"\(n(sep * scale))\"><title>\(esc(scenario.firms[f].id)): X-rated "
                + "partners stay \(esc(sep.formatted0)) m away</title></circle>\n"
        }
        let firms = scenario.firms
        for i in firms.indices {
            guard let p = plotOfFirm[i] else { continue }
            for j in firms.indices where j > i {
                guard let q = plotOfFirm[j], lookup.isXPair(firms[i], firms[j]) else { continue }
                let d = plots[p].distance(to: plots[q])
                guard d < sep - SiteGeometry.tolerance else { continue }
                out += "<line class=\"x-violation\" x1=\"\(n(sx(plots[p].x)))\" y1=\"\(n(sy(plots[p].y)))\" "
                    + "x2=\"\(n(sx(plots[q].x)))\" y2=\"\(n(sy(plots[q].y)))\"><title>\(esc(firms[i].id)) and "
                    + "\(esc(firms[j].id)) are X-rated and \(d.formatted0) m apart; the minimum is "
                    + "\(sep.formatted0) m</title></line>\n"
            }
        }
        return out
    }

    /// An outline around plot `i`, slightly larger than the plot.
    func outline(_ i: Int, cls: String, tip: String) -> String {
        let p = plots[i]
        let (w, d) = Self.size(p)
        let cx = sx(p.x), cy = sy(p.y)
        let grow = 3.0
        let rot = p.rotation ?? 0
        let transform = rot == 0 ? "" : " transform=\"rotate(\(n(-rot)) \(n(cx)) \(n(cy)))\""
        return "<rect class=\"\(cls)\" x=\"\(n(cx - w * scale / 2 - grow))\" y=\"\(n(cy - d * scale / 2 - grow))\" "
            + "width=\"\(n(w * scale + 2 * grow))\" height=\"\(n(d * scale + 2 * grow))\"\(transform)>"
            + "<title>\(esc(tip))</title></rect>\n"
    }

    func changeElements() -> String {
        guard let diff else { return "" }
        var out = ""
        for e in diff.entries {
            switch e.change {
            case .unchanged:
                continue
            case .added:
                guard let to = e.to, let q = plotIndex[to] else { continue }
                out += outline(q, cls: "added", tip: "\(e.firm) added on \(to)")
                let p = plots[q], (w, d) = Self.size(p)
                out += "<text class=\"legend-title\" fill=\"#009988\" style=\"fill:#009988\" "
                    + "x=\"\(n(sx(p.x) + w * scale / 2 - 9))\" y=\"\(n(sy(p.y) - d * scale / 2 + 13))\">+</text>\n"
            case .dropped:
                guard let from = e.from, let q = plotIndex[from] else { continue }
                out += outline(q, cls: "dropped", tip: "\(e.firm) dropped from \(from)")
                let p = plots[q], (w, d) = Self.size(p)
                let x = sx(p.x) + w * scale / 2 - 12, y = sy(p.y) - d * scale / 2 + 2
                out += "<path class=\"dropped\" style=\"stroke-dasharray:none\" d=\"M\(n(x)),\(n(y)) l9,9 "
                    + "M\(n(x + 9)),\(n(y)) l-9,9\"/>\n"
                out += "<text class=\"firm-id\" style=\"fill:#CC3311;font-size:9px\" text-anchor=\"middle\" "
                    + "x=\"\(n(sx(p.x)))\" y=\"\(n(sy(p.y) + d * scale / 2 - 3))\">−\(esc(e.firm))</text>\n"
            case .moved:
                guard let to = e.to, let q = plotIndex[to] else { continue }
                out += outline(q, cls: "moved", tip: "\(e.firm) moved from \(e.from ?? "?") to \(to)")
                guard let from = e.from, let p = plotIndex[from] else { continue }
                let a = plots[p], b = plots[q]
                let x1 = sx(a.x), y1 = sy(a.y), x2 = sx(b.x), y2 = sy(b.y)
                let len = ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot()
                guard len > 1 else { continue }
                // Stop the arrow short of the centre so the label stays readable.
                let cut = min(12, len / 3)
                let ex = x2 - (x2 - x1) / len * cut, ey = y2 - (y2 - y1) / len * cut
                out += "<line class=\"moved\" marker-end=\"url(#arrow)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" "
                    + "x2=\"\(n(ex))\" y2=\"\(n(ey))\"><title>\(esc(e.firm)): \(esc(from)) → \(esc(to))</title>"
                    + "</line>\n"
            }
        }
        return out
    }

    func scaleBar() -> String {
        let length = SiteMapSVG.niceLength(mapPixelWidth / scale / 4)
        let x = margin, y = header + mapPixelHeight + 2 * margin - 10
        let w = length * scale
        return "<rect x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"\(n(w / 2))\" height=\"6\" fill=\"#222\"/>\n"
            + "<rect x=\"\(n(x + w / 2))\" y=\"\(n(y - 6))\" width=\"\(n(w / 2))\" height=\"6\" fill=\"#FFF\" "
            + "stroke=\"#222\"/>\n"
            + "<text class=\"legend\" x=\"\(n(x))\" y=\"\(n(y + 10))\">0</text>\n"
            + "<text class=\"legend\" text-anchor=\"end\" x=\"\(n(x + w))\" y=\"\(n(y + 10))\">"
            + "\(length.formatted0) m</text>\n"
    }

    func legendElements() -> (svg: String, height: Double) {
        let x0 = margin + mapPixelWidth + margin + 10
        var y = header + 20
        var out = "<text class=\"legend-title\" x=\"\(n(x0))\" y=\"\(n(y))\">Sectors</text>\n"
        y += 8
        let usedSectors = Set(plotOfFirm.indices.filter { plotOfFirm[$0] != nil }.map { scenario.firms[$0].sector })
        for s in scenario.sectors {
            let dim = usedSectors.contains(s.id) ? "" : " fill-opacity=\"0.45\""
            out += "<rect x=\"\(n(x0))\" y=\"\(n(y))\" width=\"16\" height=\"12\" fill=\"\(fill(sector: s.id))\" "
                + "stroke=\"#333\"\(dim)/>\n"
            out += "<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 10))\">\(esc(s.label))</text>\n"
            y += 17
        }
        out += "<rect x=\"\(n(x0))\" y=\"\(n(y))\" width=\"16\" height=\"12\" fill=\"#FFFFFF\" stroke=\"#999\" "
            + "stroke-dasharray=\"3 2\"/>\n<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 10))\">empty plot"
            + "</text>\n"
        y += 28
        out += "<text class=\"legend-title\" x=\"\(n(x0))\" y=\"\(n(y))\">Closeness of neighbours</text>\n"
        y += 14
        out += "<line class=\"rel-A\" x1=\"\(n(x0))\" y1=\"\(n(y))\" x2=\"\(n(x0 + 16))\" y2=\"\(n(y))\"/>\n"
            + "<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 4))\">A: absolutely necessary</text>\n"
        y += 17
        out += "<line class=\"rel-E\" x1=\"\(n(x0))\" y1=\"\(n(y))\" x2=\"\(n(x0 + 16))\" y2=\"\(n(y))\"/>\n"
            + "<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 4))\">E: especially important</text>\n"
        y += 17
        out += "<circle class=\"x-circle\" cx=\"\(n(x0 + 8))\" cy=\"\(n(y))\" r=\"7\"/>\n"
            + "<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 4))\">X: keep "
            + "\(scenario.rules.separationDistance.formatted0) m apart</text>\n"
        y += 17
        out += "<line class=\"x-violation\" x1=\"\(n(x0))\" y1=\"\(n(y))\" x2=\"\(n(x0 + 16))\" y2=\"\(n(y))\"/>\n"
            + "<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 4))\">X pair too close</text>\n"
        y += 17
        out += "<line class=\"phase\" x1=\"\(n(x0))\" y1=\"\(n(y))\" x2=\"\(n(x0 + 16))\" y2=\"\(n(y))\"/>\n"
            + "<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 4))\">phase boundary</text>\n"
        y += 17
        if let diff {
            y += 12
            out += "<text class=\"legend-title\" x=\"\(n(x0))\" y=\"\(n(y))\">Changes since "
                + "\(esc(baselineLabel ?? "baseline"))</text>\n"
            y += 14
            let moved = diff.entries(.moved).count, added = diff.entries(.added).count
            let dropped = diff.entries(.dropped)
            out += "<line class=\"moved\" marker-end=\"url(#arrow)\" x1=\"\(n(x0))\" y1=\"\(n(y))\" "
                + "x2=\"\(n(x0 + 16))\" y2=\"\(n(y))\"/>\n"
                + "<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 4))\">moved (\(moved))</text>\n"
            y += 17
            out += "<rect class=\"added\" x=\"\(n(x0 + 1))\" y=\"\(n(y - 6))\" width=\"14\" height=\"12\"/>\n"
                + "<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 4))\">+ added (\(added))</text>\n"
            y += 17
            out += "<rect class=\"dropped\" x=\"\(n(x0 + 1))\" y=\"\(n(y - 6))\" width=\"14\" height=\"12\"/>\n"
                + "<text class=\"legend\" x=\"\(n(x0 + 22))\" y=\"\(n(y + 4))\">× dropped (\(dropped.count))</text>\n"
            y += 17
            let offSite = dropped.filter { $0.from.flatMap { plotIndex[$0] } == nil }.map(\.firm)
            if !offSite.isEmpty {
                for line in Self.wrap("dropped off this site: " + offSite.joined(separator: ", "), width: 34) {
                    out += "<text class=\"legend\" x=\"\(n(x0))\" y=\"\(n(y + 4))\">\(esc(line))</text>\n"
                    y += 15
                }
            }
        }
        y += 12
        let placed = plotOfFirm.compactMap { $0 }.count
        for line in Self.wrap("\(placed) firms on \(plots.count) plots", width: 34) {
            out += "<text class=\"legend\" x=\"\(n(x0))\" y=\"\(n(y))\">\(esc(line))</text>\n"
            y += 15
        }
        return (out, y)
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
