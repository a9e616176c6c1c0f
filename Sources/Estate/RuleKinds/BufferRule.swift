import Geometry

/// A sensitive place (housing, a school, a river) with the distance each flagged sector keeps from it
/// (`rules.buffers`): a firm of a flagged sector may not take a plot closer than that (``BufferRule``).
///
/// The place is its ``points`` (site metres) or, without points, the feature of the drawn site's
/// `site.sensitive_from` whose id is ``id`` (a point, a line or an area, as drawn).
public struct SensitivePlace: Sendable, Hashable, Codable {
    /// A unique id, e.g. `housing-north`.
    public var id: String
    /// What it is, in messages, e.g. "housing", "school", "river"; defaults to the id.
    public var label: String?
    /// One point (a school) or the vertices of a line (a row of houses' edge, a river bank), site metres; empty
    /// when the place is drawn (`site.sensitive_from`).
    public var points: [MapPoint]
    /// The distance each flagged sector keeps.
    public var keepOut: [SectorBuffer]

    /// Makes a place.
    public init(id: String, label: String? = nil, points: [MapPoint], keepOut: [SectorBuffer]) {
        self.id = id
        self.label = label
        self.points = points
        self.keepOut = keepOut
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, label, points, keepOut = "keep_out" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decodeIfPresent(String.self, forKey: .label)
        points = try c.decodeIfPresent([MapPoint].self, forKey: .points) ?? []
        keepOut = try c.decode([SectorBuffer].self, forKey: .keepOut)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(label, forKey: .label)
        if !points.isEmpty { try c.encode(points, forKey: .points) }
        try c.encode(keepOut, forKey: .keepOut)
    }

    /// The place with its label taken from its drawn feature (`site.sensitive_from`'s label property) when the
    /// scenario gives none, so that messages say "school (S1)".
    public func labelled(on site: Site) -> SensitivePlace {
        guard label == nil, let drawn = site.drawing?.sensitive.first(where: { $0.id == id }) else { return self }
        var place = self
        place.label = drawn.label
        return place
    }

    /// The place's shape in site metres: its point, the line through its points, or its drawn shape from `site`'s
    /// drawing (`site.sensitive_from`); `nil` when it has none.
    public func shape(on site: Site) -> Shape? {
        let p = points.map { Point2D(x: $0.x, y: $0.y) }
        if let first = p.first { return p.count == 1 ? .point(first) : .lineString(p) }
        return site.drawing?.sensitive.first { $0.id == id }?.shape
    }

    /// "housing (housing-north)" or the id alone when there is no label.
    var name: String { label.map { "\($0) (\(id))" } ?? id }

    /// The distance a sector keeps from a place.
    public struct SectorBuffer: Sendable, Hashable, Codable {
        /// The sector's id.
        public var sector: String
        /// The least distance (m) from the place to a plot its firms take (to its centroid or its outline, as
        /// `rules.geometry.buffers` says); positive.
        public var distance: Double

        /// Makes a buffer.
        public init(sector: String, distance: Double) {
            self.sector = sector
            self.distance = distance
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case sector, distance }
    }
}

extension KeySchema {
    /// `rules.buffers[i]`.
    static let sensitivePlace: KeySchema = .object(SensitivePlace.CodingKeys.self) { key in
        switch key {
        case .id: (.string, true)
        case .label: (.string, false)
        case .points: (.list(mapPoint), false)
        case .keepOut: (.list(sectorBuffer), true)
        }
    }

    static let mapPoint: KeySchema = .object(MapPoint.CodingKeys.self) { key in
        switch key {
        case .x, .y: (.number, true)
        }
    }

    static let sectorBuffer: KeySchema = .object(SensitivePlace.SectorBuffer.CodingKeys.self) { key in
        switch key {
        case .sector: (.string, true)
        case .distance: (.number, true)
        }
    }
}

/// Buffers from sensitive places, a rule of the exclusion shape: a firm of a flagged sector may not take a plot
/// closer to the place than the sector's distance.
///
/// Distances are measured by GEOS (``GeometryEngine/distance(_:_:)``) from the plot to the place's shape
/// (``SensitivePlace/shape(on:)``: a point, the line through its points, or the point, line or area drawn in
/// `site.sensitive_from`). The plot is its centroid (`x`, `y`) under `rules.geometry.buffers: centroid` (the
/// default), or its outline (``Site/shape(of:)``, the drawn polygon or typed rectangle) under `polygon`: then the
/// distance is the shortest from any point of the plot, and 0 when the plot touches or overlaps the place. They are
/// computed once per scenario, so the many eligibility questions of a solve cost a table lookup. A place GEOS
/// cannot measure (no shape, or points not finite, which the validator rejects) counts as at distance 0: every
/// flagged plot is excluded.
package struct BufferRule: ExclusionRule {
    package static let kind = RuleKind.buffers

    private let places: [SensitivePlace]
    private let plotIndex: [String: Int]
    /// `distance[k][p]`: from place k to the centroid of plot p.
    private let distance: [[Double]]
    /// Per sector: (place index, distance kept).
    private let bySector: [String: [(place: Int, keep: Double)]]

    package init(scenario: Scenario) {
        places = scenario.rules.buffers.map { $0.labelled(on: scenario.site) }
        var pi: [String: Int] = [:]
        for (i, p) in scenario.site.plots.enumerated() where pi[p.id] == nil { pi[p.id] = i }
        plotIndex = pi
        distance = places.map { Self.distances(from: $0, in: scenario) }
        var by: [String: [(place: Int, keep: Double)]] = [:]
        for (k, place) in places.enumerated() {
            for b in place.keepOut { by[b.sector, default: []].append((k, b.distance)) }
        }
        bySector = by
    }

    /// The distance from `place` to each plot of `scenario` (in `site.plots` order), from the plot's centroid or
    /// outline as `rules.geometry.buffers` says (a plot without an outline, which the validator rejects under
    /// `polygon`, is measured from its centroid).
    package static func distances(from place: SensitivePlace, in scenario: Scenario) -> [Double] {
        let plots = scenario.site.plots
        guard let shape = place.shape(on: scenario.site) else { return plots.map { _ in 0 } }
        let engine = GeometryEngine()
        let outlines = scenario.rules.geometry.buffers == .polygon
        return plots.map { plot in
            let from = (outlines ? scenario.site.shape(of: plot) : nil) ?? .point(Point2D(x: plot.x, y: plot.y))
            return (try? engine.distance(from, shape)) ?? 0
        }
    }

    /// The buffers of `sector` that `plot` is inside: (place, distance kept, plot's distance).
    private func breaches(sector: String, plot: Plot) -> [(place: Int, keep: Double, at: Double)] {
        guard let buffers = bySector[sector], let p = plotIndex[plot.id] else { return [] }
        return buffers.compactMap { b in
            let d = distance[b.place][p]
            return d < b.keep - SiteGeometry.tolerance ? (b.place, b.keep, d) : nil
        }
    }

    package func exclusion(firm: Firm, plot: Plot) -> String? {
        let hits = breaches(sector: firm.sector, plot: plot)
        guard !hits.isEmpty else { return nil }
        return hits.map {
            "plot \(plot.id) is \($0.at.formatted0) m from \(places[$0.place].name); \(firm.sector) keeps "
                + "\($0.keep.formatted0) m"
        }.joined(separator: "; ")
    }

    package func everyPlotClause(firm: Firm, plots: [Plot]) -> String {
        var named: [Int] = []
        var keep: [Int: Double] = [:]
        for plot in plots {
            for h in breaches(sector: firm.sector, plot: plot) {
                if keep[h.place] == nil { named.append(h.place) }
                keep[h.place] = h.keep
            }
        }
        let parts = named.map { "\(keep[$0]!.formatted0) m of \(places[$0].name)" }
        return "within " + (parts.count <= 1 ? parts.joined()
            : parts.dropLast().joined(separator: ", ") + " or " + parts.last!)
    }

    package static func parts(in scenario: Scenario) -> [RulePart] {
        scenario.rules.buffers.map { $0.labelled(on: scenario.site) }.map { place in
            RulePart(id: place.id, label: "buffer around \(place.name) ("
                + place.keepOut.map { "\($0.sector) \($0.distance.formatted0) m" }.joined(separator: ", ") + ")")
        }
    }

    /// Removes the lifted places.
    package static func lifting(_ ids: Set<String>, in scenario: Scenario) -> Scenario {
        var s = scenario
        s.rules.buffers.removeAll { ids.contains($0.id) }
        return s
    }

    /// Per place: the distances kept and how many plots lie inside at least one of its buffers, e.g.
    /// "Buffer around housing (H1): plating 50 m, foundry 100 m; 6 plots inside".
    package static func summaryLines(_ scenario: Scenario) -> [String] {
        scenario.rules.buffers.map { $0.labelled(on: scenario.site) }.map { place in
            let d = distances(from: place, in: scenario)
            let widest = place.keepOut.map(\.distance).max() ?? 0
            let inside = d.filter { $0 < widest - SiteGeometry.tolerance }.count
            return "Buffer around \(place.name): "
                + place.keepOut.map { "\($0.sector) \($0.distance.formatted0) m" }.joined(separator: ", ")
                + "; \(inside) plot\(inside == 1 ? "" : "s") inside the widest"
        }
    }

    /// Each place's widest buffer as a shaded band: around its points, or, for a drawn place, the area within the
    /// widest distance of its real shape (GEOS's buffer of the point, line or area drawn).
    package static func mapFeatures(_ scenario: Scenario) -> [MapFeature] {
        scenario.rules.buffers.map { $0.labelled(on: scenario.site) }.compactMap { place in
            guard let widest = place.keepOut.map(\.distance).max() else { return nil }
            let label = "buffer around \(place.name): "
                + place.keepOut.map { "\($0.sector) ≥ \($0.distance.formatted0) m" }.joined(separator: ", ")
                + (scenario.rules.geometry.buffers == .polygon ? " (to the plot's outline)" : " (to the plot's centroid)")
            if !place.points.isEmpty { return .band(points: place.points, width: widest, label: label) }
            guard let shape = place.shape(on: scenario.site),
                  let area = try? GeometryEngine().buffer(shape, by: widest, segmentsPerQuarter: 16)
            else { return nil }
            return .area(area, label: label)
        }
    }

    package static func validate(_ v: inout ScenarioValidator) {
        let places = v.scenario.rules.buffers
        guard !places.isEmpty else { return }
        let list = ScenarioPath.root.appending("rules").appending("buffers")
        _ = v.ids(places.map(\.id), list, "sensitive place")
        let sectors = v.scenario.sectors.map(\.id)
        for (i, place) in places.enumerated() {
            let p = list.appending(i)
            let drawn = v.scenario.site.drawing?.sensitive.map(\.id) ?? []
            if place.points.isEmpty, !drawn.contains(place.id) {
                let known = drawn.isEmpty ? "" : " (drawn: \(drawn.joined(separator: ", ")))"
                v.report(p.appending("points"), "found no points and no drawn sensitive place \(YAMLNodes.quote(place.id))"
                    + "\(known); expected at least one point, or a feature of site.sensitive_from with this id")
            } else if !place.points.isEmpty, drawn.contains(place.id) {
                v.report(p.appending("points"), "given for \(YAMLNodes.quote(place.id)), which is also drawn "
                    + "(site.sensitive_from); expected the points or the drawing, not both")
            }
            for (k, point) in place.points.enumerated() {
                v.number(point.x, p.appending("points").appending(k).appending("x"), .magnitude(ScenarioLimits.coordinate))
                v.number(point.y, p.appending("points").appending(k).appending("y"), .magnitude(ScenarioLimits.coordinate))
            }
            if place.keepOut.isEmpty {
                v.report(p.appending("keep_out"), "found an empty list; expected at least one sector and distance")
            }
            var seen: [String: Int] = [:]
            for (k, b) in place.keepOut.enumerated() {
                let q = p.appending("keep_out").appending(k)
                v.reference(b.sector, q.appending("sector"), "sector", sectors)
                if let j = seen[b.sector] {
                    v.report(q.appending("sector"), "sector \(YAMLNodes.quote(b.sector)) listed again (first at "
                        + "\(p.appending("keep_out").appending(j))); expected one distance per sector")
                } else {
                    seen[b.sector] = k
                }
                v.number(b.distance, q.appending("distance"), .positive(ScenarioLimits.distance))
            }
        }
    }
}
