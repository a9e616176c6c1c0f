/// Looks up closeness ratings by unordered pair: sector–sector and firm–firm.
///
/// The one place that turns the chart into lookups; the formulation and the verifier both use it.
/// An unrated pair returns `nil` (it weighs 0). The loader guarantees a pair is not rated twice differently;
/// if it were, the last rating would win here.
public struct ClosenessLookup: Sendable {
    private let sectorRatings: [PairKey: PairRating]
    private let firmRatings: [PairKey: PairRating]

    private struct PairKey: Hashable, Sendable {
        let a: String
        let b: String
        init(_ x: String, _ y: String) {
            if x <= y { a = x; b = y } else { a = y; b = x }
        }
    }

    /// Builds the lookups from `chart`.
    public init(chart: ClosenessChart) {
        var s: [PairKey: PairRating] = [:]
        for r in chart.sectors { s[PairKey(r.a, r.b)] = r }
        var f: [PairKey: PairRating] = [:]
        for r in chart.firms { f[PairKey(r.a, r.b)] = r }
        sectorRatings = s
        firmRatings = f
    }

    /// The rating between sectors `a` and `b` (a sector may be rated with itself), with its reason.
    public func sectorRating(_ a: String, _ b: String) -> PairRating? { sectorRatings[PairKey(a, b)] }

    /// The rating between firms `a` and `b`, with its reason; `nil` when `a == b`.
    public func firmRating(_ a: String, _ b: String) -> PairRating? {
        a == b ? nil : firmRatings[PairKey(a, b)]
    }

    /// Whether two firms must be kept apart: their sectors or the pair itself are rated X.
    public func isXPair(_ f: Firm, _ g: Firm) -> Bool {
        sectorRating(f.sector, g.sector)?.rating == .x || firmRating(f.id, g.id)?.rating == .x
    }
}
