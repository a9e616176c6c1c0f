/// A layout's score, split into its parts: placement + closeness − relocation.
public struct ScoreBreakdown: Sendable, Hashable, Codable {
    /// Sum of the placed firms' placement values.
    public var placement: Double
    /// Sum over neighbouring pairs of placed firms of their sector-rating and firm-rating weights.
    public var closeness: Double
    /// Move penalty times the number of incumbents placed off their own plot.
    public var relocation: Double
    /// The closeness part by rating letter (sector and firm ratings together), e.g. `["A": 16, "E": 8]`.
    public var closenessByRating: [String: Double]

    /// Makes a breakdown.
    public init(placement: Double, closeness: Double, relocation: Double, closenessByRating: [String: Double] = [:]) {
        self.placement = placement
        self.closeness = closeness
        self.relocation = relocation
        self.closenessByRating = closenessByRating
    }

    /// The score: placement + closeness − relocation.
    public var total: Double { placement + closeness - relocation }
}
