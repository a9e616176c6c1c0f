/// A closeness rating between two sectors or two firms, with the planner's reason.
///
/// Pairs are unordered: `(a, b)` and `(b, a)` are the same pair; rating one pair twice differently is an error.
public struct PairRating: Sendable, Hashable, Codable {
    /// One side's id (a sector id in ``ClosenessChart/sectors``, a firm id in ``ClosenessChart/firms``).
    public var a: String
    /// The other side's id; may equal `a` for sectors (firms of one sector near each other), never for firms.
    public var b: String
    /// The rating.
    public var rating: ClosenessRating
    /// Why, e.g. "castings flow to machining"; carried into reports.
    public var reason: String?

    /// Makes a pair rating.
    public init(a: String, b: String, rating: ClosenessRating, reason: String? = nil) {
        self.a = a
        self.b = b
        self.rating = rating
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case a, b, rating, reason }
}
