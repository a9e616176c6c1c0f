import Geometry

/// Which plots are neighbours and which are too close for an X-rated pair, computed once per scenario.
///
/// The single definition used by the formulation and the verifier (docs/formulation.md states it). Under the default
/// centroid rules (`rules.geometry` absent), plots `p ≠ q` are **neighbours** when their centroid distance is at most
/// ``Rules/adjacencyDistance``, and **too close** when it is strictly less than ``Rules/separationDistance``. Under
/// `rules.geometry.neighbours: shared_boundary` they are neighbours when their outlines (``Site/shape(of:)``) share at
/// least `min_shared_boundary` metres of boundary, measured by GEOS within ``sharedBoundaryTolerance``, or, with
/// `across_road_within: D`, when both lie within ``roadFrontDistance`` of one drawn road and their outlines are at
/// most `D` apart. Under `rules.geometry.separation: polygon` they are too close when the shortest distance between
/// their outlines is strictly less than the separation distance. A plot with no outline counts as its centroid.
/// On an effective scenario (``Scenario/applying(_:)``), two kavlings side by side in one raw block are always
/// neighbours, and under the centroid rule a merged run neighbours what any of its plots neighbours; its centroid
/// (area-weighted) is what "too close" measures.
/// Distances are compared with a tolerance of 1e-9 m in the plots' favour. Pairs are stored with `p < q`.
public struct SiteGeometry: Sendable {
    /// One unordered pair of plot indices (`p < q`) and their distance.
    public struct PlotPair: Sendable, Hashable {
        /// The lower plot index.
        public var p: Int
        /// The higher plot index.
        public var q: Int
        /// The distance in metres: between centroids, except in ``SiteGeometry/tooClose`` under
        /// `rules.geometry.separation: polygon`, where it is the shortest distance between the outlines.
        public var distance: Double
    }

    /// Neighbouring plot pairs, sorted by `(p, q)`.
    public let neighbours: [PlotPair]
    /// Plot pairs closer than the separation distance, sorted by `(p, q)`.
    public let tooClose: [PlotPair]
    /// For each plot index, the indices of its neighbours, ascending.
    public let neighboursOf: [[Int]]
    /// For each plot index, the indices of the plots closer to it than the separation distance, ascending.
    public let tooCloseTo: [[Int]]
    private let neighbourSet: Set<Int64>
    private let tooCloseSet: Set<Int64>
    private let plotCount: Int

    /// Tolerance for distance comparisons, in metres.
    public static let tolerance = 1e-9
    /// How far apart two drawn edges may be and still count as one shared boundary (m): drawings are not exact.
    public static let sharedBoundaryTolerance = 0.05
    /// A plot within this distance (m) of a road fronts it, for the across-the-road neighbour rule.
    public static let roadFrontDistance = 1.0

    /// Computes the pairs for `scenario`'s plots in the order of `scenario.site.plots`.
    public init(scenario: Scenario) {
        let plots = scenario.site.plots
        let adjacency = scenario.rules.adjacencyDistance
        let separation = scenario.rules.separationDistance
        let rules = scenario.rules.geometry
        let shapes = rules.needsShapes ? ShapeMeasures(scenario: scenario) : nil
        var near: [PlotPair] = []
        var close: [PlotPair] = []
        for p in plots.indices {
            for q in plots.indices where q > p {
                let d = plots[p].distance(to: plots[q])
                let neighbour: Bool
                switch (rules.neighbours, shapes) {
                case (.sharedBoundary, let shapes?): neighbour = shapes.neighbours(p, q, rules)
                case (.centroid, _), (.sharedBoundary, nil):
                    neighbour = Self.centroidNeighbours(plots[p], plots[q], within: adjacency)
                }
                let beside = Self.besideInBlock(plots[p], plots[q])
                if neighbour || beside { near.append(PlotPair(p: p, q: q, distance: d)) }
                switch (rules.separation, shapes) {
                case (.polygon, let shapes?):
                    if let gap = shapes.distance(p, q, below: separation), gap < separation - Self.tolerance {
                        close.append(PlotPair(p: p, q: q, distance: gap))
                    }
                case (.centroid, _), (.polygon, nil):
                    if d < separation - Self.tolerance { close.append(PlotPair(p: p, q: q, distance: d)) }
                }
            }
        }
        neighbours = near
        tooClose = close
        neighboursOf = Self.adjacency(near, count: plots.count)
        tooCloseTo = Self.adjacency(close, count: plots.count)
        plotCount = plots.count
        neighbourSet = Set(near.map { Int64($0.p) * Int64(plots.count) + Int64($0.q) })
        tooCloseSet = Set(close.map { Int64($0.p) * Int64(plots.count) + Int64($0.q) })
    }

    /// The plots' outlines and GEOS, for the shape rules; bounding boxes skip pairs too far apart to matter.
    private struct ShapeMeasures {
        let engine = GeometryEngine()
        let shapes: [Shape]
        let boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]
        /// For each plot, the indices of the drawn roads within ``SiteGeometry/roadFrontDistance`` of it.
        let roadsNear: [Set<Int>]

        init(scenario: Scenario) {
            let site = scenario.site
            shapes = site.plots.map { site.shape(of: $0) ?? .point(Point2D(x: $0.x, y: $0.y)) }
            boxes = shapes.map { shape in
                let xs = shape.positions.map(\.x), ys = shape.positions.map(\.y)
                return (xs.min() ?? 0, ys.min() ?? 0, xs.max() ?? 0, ys.max() ?? 0)
            }
            let roads = scenario.rules.geometry.acrossRoadWithin == nil ? [] : (site.drawing?.roads ?? [])
            let engine = self.engine
            roadsNear = shapes.map { shape in
                Set(roads.indices.filter { r in
                    (try? engine.distance(shape, roads[r].shape)).map { $0 <= SiteGeometry.roadFrontDistance } ?? false
                })
            }
        }

        /// Whether the bounding boxes of `p` and `q` are within `gap` of each other.
        func boxesWithin(_ p: Int, _ q: Int, _ gap: Double) -> Bool {
            let (a, b) = (boxes[p], boxes[q])
            return a.minX - gap <= b.maxX && b.minX - gap <= a.maxX && a.minY - gap <= b.maxY && b.minY - gap <= a.maxY
        }

        /// The shortest distance between the outlines, or `nil` when it is surely at least `limit`.
        func distance(_ p: Int, _ q: Int, below limit: Double) -> Double? {
            guard boxesWithin(p, q, limit) else { return nil }
            return try? engine.distance(shapes[p], shapes[q])
        }

        func neighbours(_ p: Int, _ q: Int, _ rules: GeometryRules) -> Bool {
            let reach = max(rules.acrossRoadWithin ?? 0, SiteGeometry.sharedBoundaryTolerance)
            guard boxesWithin(p, q, reach) else { return false }
            let least = rules.minSharedBoundary ?? 0
            if let shared = try? engine.sharedBoundaryLength(
                shapes[p], shapes[q], tolerance: SiteGeometry.sharedBoundaryTolerance),
               shared > 0, shared >= least - SiteGeometry.tolerance {
                return true
            }
            guard let across = rules.acrossRoadWithin, !roadsNear[p].isDisjoint(with: roadsNear[q]),
                  let gap = try? engine.distance(shapes[p], shapes[q])
            else { return false }
            return gap <= across + SiteGeometry.tolerance
        }
    }

    /// The centroid neighbour rule: centroids at most `adjacency` apart; for a merged run (``Plot/parts``), the union
    /// of its parts' neighbours (some part of one within `adjacency` of some part, or of the centroid, of the other).
    package static func centroidNeighbours(_ a: Plot, _ b: Plot, within adjacency: Double) -> Bool {
        let pa = a.parts.isEmpty ? [a] : a.parts, pb = b.parts.isEmpty ? [b] : b.parts
        return pa.contains { x in pb.contains { y in x.distance(to: y) <= adjacency + tolerance } }
    }

    /// Two kavlings of one raw block that share a side boundary (one ends where the other starts): neighbours under
    /// every neighbour rule (issue 13).
    package static func besideInBlock(_ a: Plot, _ b: Plot) -> Bool {
        guard case .kavling(let x)? = a.derived, case .kavling(let y)? = b.derived, x.block == y.block else {
            return false
        }
        return abs(x.end - y.start) <= tolerance || abs(y.end - x.start) <= tolerance
    }

    /// Per-plot lists from pairs sorted by `(p, q)`: each list comes out ascending without sorting.
    private static func adjacency(_ pairs: [PlotPair], count: Int) -> [[Int]] {
        var lists = [[Int]](repeating: [], count: count)
        for pair in pairs {
            lists[pair.p].append(pair.q)
            lists[pair.q].append(pair.p)
        }
        return lists
    }

    private func key(_ a: Int, _ b: Int) -> Int64 {
        let (p, q) = a < b ? (a, b) : (b, a)
        return Int64(p) * Int64(plotCount) + Int64(q)
    }

    /// Whether plots `a` and `b` (indices, any order, `a ≠ b`) are neighbours.
    public func areNeighbours(_ a: Int, _ b: Int) -> Bool { a != b && neighbourSet.contains(key(a, b)) }

    /// Whether plots `a` and `b` (indices, any order, `a ≠ b`) are closer than the separation distance.
    public func areTooClose(_ a: Int, _ b: Int) -> Bool { a != b && tooCloseSet.contains(key(a, b)) }
}
