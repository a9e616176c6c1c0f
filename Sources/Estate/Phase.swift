/// A development phase of the site, with its total land and, optionally, its non-plot land uses.
public struct Phase: Sendable, Hashable, Codable {
    /// A unique id, e.g. `phase1`.
    public var id: String
    /// A label for reports; defaults to the id.
    public var label: String?
    /// The phase's total land area in m² (plots, roads, green space and facilities together).
    public var area: Double
    /// The phase's other land (m²), for the land-use summary; `nil` when not stated.
    public var otherLand: OtherLand?

    /// Makes a phase.
    public init(id: String, label: String? = nil, area: Double, otherLand: OtherLand? = nil) {
        self.id = id
        self.label = label
        self.area = area
        self.otherLand = otherLand
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, label, area, otherLand = "other_land" }

    /// Non-plot land uses of a phase, in m²; each defaults to 0.
    public struct OtherLand: Sendable, Hashable, Codable {
        /// Roads and drains (*jalan & saluran*).
        public var roads: Double
        /// Green open space and buffers (*RTH*).
        public var green: Double
        /// Support facilities (*fasilitas penunjang*) not placed as firms.
        public var facilities: Double

        /// Makes other land.
        public init(roads: Double = 0, green: Double = 0, facilities: Double = 0) {
            self.roads = roads
            self.green = green
            self.facilities = facilities
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case roads, green, facilities }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            roads = try c.decodeIfPresent(Double.self, forKey: .roads) ?? 0
            green = try c.decodeIfPresent(Double.self, forKey: .green) ?? 0
            facilities = try c.decodeIfPresent(Double.self, forKey: .facilities) ?? 0
        }
    }
}
