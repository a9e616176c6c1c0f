/// The closeness chart: ratings between pairs of sectors and between pairs of firms. Unrated pairs count as U.
public struct ClosenessChart: Sendable, Hashable, Codable {
    /// Ratings between sectors (a sector may be rated with itself).
    public var sectors: [PairRating]
    /// Ratings between individual firms (supply-chain partners, shared machines).
    public var firms: [PairRating]

    /// Makes a chart.
    public init(sectors: [PairRating] = [], firms: [PairRating] = []) {
        self.sectors = sectors
        self.firms = firms
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case sectors, firms }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sectors = try c.decodeIfPresent([PairRating].self, forKey: .sectors) ?? []
        firms = try c.decodeIfPresent([PairRating].self, forKey: .firms) ?? []
    }
}
