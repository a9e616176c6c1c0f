import Geometry

/// A sensitive place (housing, a school, a river) with the distance each flagged sector keeps from it
/// (`rules.buffers`): a firm of a flagged sector may not take a plot whose centroid is closer (``BufferRule``).
public struct SensitivePlace: Sendable, Hashable, Codable {
    /// A unique id, e.g. `housing-north`.
    public var id: String
    /// What it is, in messages, e.g. "housing", "school", "river"; defaults to the id.
    public var label: String?
    /// One point (a school) or the vertices of a line (a row of houses' edge, a river bank), site metres.
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

    /// "housing (housing-north)" or the id alone when there is no label.
    var name: String { label.map { "\($0) (\(id))" } ?? id }

    /// The distance a sector keeps from a place.
    public struct SectorBuffer: Sendable, Hashable, Codable {
        /// The sector's id.
        public var sector: String
        /// The least distance (m) from the place to the centroid of a plot its firms take; positive.
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
        case .points: (.list(mapPoint), true)
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
/// whose centroid is closer to the place than the sector's distance.
///
/// Distances are measured by GEOS (``GeometryEngine/distance(_:_:)``) from the plot's centroid (`x`, `y`) to the
/// place: a point, or the line through its points (point-to-segment). They are computed once per scenario, so the
/// many eligibility questions of a solve cost a table lookup. A place GEOS cannot measure (its points not finite,
/// which the validator rejects) counts as at distance 0: every flagged plot is excluded.
package struct BufferRule: ExclusionRule {
    package static let kind = RuleKind.buffers

    private let places: [SensitivePlace]
    private let plotIndex: [String: Int]
    /// `distance[k][p]`: from place k to the centroid of plot p.
    private let distance: [[Double]]
    /// Per sector: (place index, distance kept).
    private let bySector: [String: [(place: Int, keep: Double)]]

    package init(scenario: Scenario) {
        places = scenario.rules.buffers
        var pi: [String: Int] = [:]
        for (i, p) in scenario.site.plots.enumerated() where pi[p.id] == nil { pi[p.id] = i }
        plotIndex = pi
        distance = places.map { Self.distances(from: $0, to: scenario.site.plots) }
        var by: [String: [(place: Int, keep: Double)]] = [:]
        for (k, place) in places.enumerated() {
            for b in place.keepOut { by[b.sector, default: []].append((k, b.distance)) }
        }
        bySector = by
    }

    /// The distance from `place` to each plot's centroid.
    static func distances(from place: SensitivePlace, to plots: [Plot]) -> [Double] {
        let points = place.points.map { Point2D(x: $0.x, y: $0.y) }
        guard let first = points.first else { return plots.map { _ in .infinity } }
        let shape: Shape = points.count == 1 ? .point(first) : .lineString(points)
        let engine = GeometryEngine()
        return plots.map { plot in (try? engine.distance(.point(Point2D(x: plot.x, y: plot.y)), shape)) ?? 0 }
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
        scenario.rules.buffers.map { place in
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
        scenario.rules.buffers.map { place in
            let d = distances(from: place, to: scenario.site.plots)
            let widest = place.keepOut.map(\.distance).max() ?? 0
            let inside = d.filter { $0 < widest - SiteGeometry.tolerance }.count
            return "Buffer around \(place.name): "
                + place.keepOut.map { "\($0.sector) \($0.distance.formatted0) m" }.joined(separator: ", ")
                + "; \(inside) plot\(inside == 1 ? "" : "s") inside the widest"
        }
    }

    /// Each place's widest buffer as a shaded band.
    package static func mapFeatures(_ scenario: Scenario) -> [MapFeature] {
        scenario.rules.buffers.compactMap { place in
            guard let widest = place.keepOut.map(\.distance).max() else { return nil }
            return .band(points: place.points, width: widest, label: "buffer around \(place.name): "
                + place.keepOut.map { "\($0.sector) ≥ \($0.distance.formatted0) m" }.joined(separator: ", "))
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
            if place.points.isEmpty { v.report(p.appending("points"), "found an empty list; expected at least one point") }
            for (k, point) in place.points.enumerated() {
                v.number(point.x, p.appending("points").appending(k).appending("x"), .finite)
                v.number(point.y, p.appending("points").appending(k).appending("y"), .finite)
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
                v.number(b.distance, q.appending("distance"), .positive)
            }
        }
    }
}
