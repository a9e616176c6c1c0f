/// An electrical supply block: the firms placed on its plots share its capacity.
public struct PowerBlock: Sendable, Hashable, Codable {
    /// A unique id.
    public var id: String
    /// Capacity in kVA; must be positive.
    public var capacityKVA: Double

    /// Makes a power block.
    public init(id: String, capacityKVA: Double) {
        self.id = id
        self.capacityKVA = capacityKVA
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, capacityKVA = "capacity_kva" }
}
