/// A scenario's name, description and units.
///
/// Units are fixed (area m², distance m, money IDR); the file may state them, and the loader rejects any other.
public struct Metadata: Sendable, Hashable, Codable {
    /// A short name shown in reports.
    public var name: String
    /// A longer description; may be empty.
    public var description: String
    /// The units the file's numbers are in.
    public var units: Units

    /// Makes metadata.
    public init(name: String, description: String = "", units: Units = Units()) {
        self.name = name
        self.description = description
        self.units = units
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, description, units }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        units = try c.decodeIfPresent(Units.self, forKey: .units) ?? Units()
    }

    /// The units of a scenario's numbers. Only `m2`, `m` and `IDR` are accepted.
    public struct Units: Sendable, Hashable, Codable {
        /// Area unit; `m2`.
        public var area: String
        /// Distance unit; `m`.
        public var distance: String
        /// Money unit; `IDR`.
        public var money: String

        /// The only supported units.
        public init(area: String = "m2", distance: String = "m", money: String = "IDR") {
            self.area = area
            self.distance = distance
            self.money = money
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case area, distance, money }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            area = try c.decodeIfPresent(String.self, forKey: .area) ?? "m2"
            distance = try c.decodeIfPresent(String.self, forKey: .distance) ?? "m"
            money = try c.decodeIfPresent(String.self, forKey: .money) ?? "IDR"
        }
    }
}
