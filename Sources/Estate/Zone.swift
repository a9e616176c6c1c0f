/// A user-named zone of the site (e.g. `general`, `heavy`, `clean`); sectors list the zones they may use.
public struct Zone: Sendable, Hashable, Codable {
    /// A unique id.
    public var id: String
    /// A label for reports; defaults to the id.
    public var label: String?

    /// Makes a zone.
    public init(id: String, label: String? = nil) {
        self.id = id
        self.label = label
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, label }
}
