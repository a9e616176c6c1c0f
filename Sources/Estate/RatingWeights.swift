/// The score each closeness rating adds for a pair of placed firms on neighbouring plots.
///
/// Defaults: A = 8, E = 4, I = 2, O = 1, U = 0, X = 0 (X pairs are kept apart by the separation rule; a negative X
/// weight additionally penalises X pairs that are neighbours yet far enough apart).
public struct RatingWeights: Sendable, Hashable, Codable {
    /// Weight of A.
    public var a: Double
    /// Weight of E.
    public var e: Double
    /// Weight of I.
    public var i: Double
    /// Weight of O.
    public var o: Double
    /// Weight of U.
    public var u: Double
    /// Weight of X.
    public var x: Double

    /// Makes weights; each defaults to the documented value.
    public init(a: Double = 8, e: Double = 4, i: Double = 2, o: Double = 1, u: Double = 0, x: Double = 0) {
        self.a = a
        self.e = e
        self.i = i
        self.o = o
        self.u = u
        self.x = x
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case a = "A", e = "E", i = "I", o = "O", u = "U", x = "X" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RatingWeights()
        a = try c.decodeIfPresent(Double.self, forKey: .a) ?? d.a
        e = try c.decodeIfPresent(Double.self, forKey: .e) ?? d.e
        i = try c.decodeIfPresent(Double.self, forKey: .i) ?? d.i
        o = try c.decodeIfPresent(Double.self, forKey: .o) ?? d.o
        u = try c.decodeIfPresent(Double.self, forKey: .u) ?? d.u
        x = try c.decodeIfPresent(Double.self, forKey: .x) ?? d.x
    }

    /// The weight of `rating`; an absent rating (unrated pair) weighs 0.
    public func weight(_ rating: ClosenessRating?) -> Double {
        switch rating {
        case .a: a
        case .e: e
        case .i: i
        case .o: o
        case .u: u
        case .x: x
        case nil: 0
        }
    }
}
