/// Which plots are neighbours and which are too close for an X-rated pair, computed once from plot centroids.
///
/// The single definition used by the formulation and the verifier: plots `p ≠ q` are **neighbours** when their
/// centroid distance is at most ``Rules/adjacencyDistance``, and **too close** when it is strictly less than
/// ``Rules/separationDistance``. Distances are compared with a tolerance of 1e-9 m in the plots' favour (a distance
/// equal to the limit up to rounding counts as at the limit). Pairs are stored with `p < q` (by plot index).
public struct SiteGeometry: Sendable {
    /// One unordered pair of plot indices (`p < q`) and their centroid distance.
    public struct PlotPair: Sendable, Hashable {
        /// The lower plot index.
        public var p: Int
        /// The higher plot index.
        public var q: Int
        /// Centroid distance in metres.
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

    /// Computes the pairs for `scenario`'s plots in the order of `scenario.site.plots`.
    public init(scenario: Scenario) {
        let plots = scenario.site.plots
        let adjacency = scenario.rules.adjacencyDistance
        let separation = scenario.rules.separationDistance
        var near: [PlotPair] = []
        var close: [PlotPair] = []
        for p in plots.indices {
            for q in plots.indices where q > p {
                let d = plots[p].distance(to: plots[q])
                if d <= adjacency + Self.tolerance { near.append(PlotPair(p: p, q: q, distance: d)) }
                if d < separation - Self.tolerance { close.append(PlotPair(p: p, q: q, distance: d)) }
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
