/// An industry sector (e.g. foundry, plating) and the zones its firms may use.
public struct Sector: Sendable, Hashable, Codable {
    /// A unique id.
    public var id: String
    /// A label for reports.
    public var label: String
    /// Ids of the zones its firms may be placed in; must be non-empty.
    public var zones: [String]

    /// Makes a sector.
    public init(id: String, label: String, zones: [String]) {
        self.id = id
        self.label = label
        self.zones = zones
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, label, zones }
}
