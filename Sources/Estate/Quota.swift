/// A lower limit on the placed firms of one sector or tag: a count, a share, or both.
///
/// Counts only entities of kind ``FirmKind/firm``; shared facilities are not counted, neither in the group nor in
/// the total a share is taken of. Exactly one of `sector` and `tag` is set; at least one of `minCount` and
/// `minShare` is set.
public struct Quota: Sendable, Hashable, Codable {
    /// The sector whose placed firms are counted.
    public var sector: String?
    /// The tag whose placed firms are counted.
    public var tag: String?
    /// At least this many such firms are placed.
    public var minCount: Int?
    /// At least this share (0…1) of the placed firms are such firms.
    public var minShare: Double?

    /// Makes a quota.
    public init(sector: String? = nil, tag: String? = nil, minCount: Int? = nil, minShare: Double? = nil) {
        self.sector = sector
        self.tag = tag
        self.minCount = minCount
        self.minShare = minShare
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sector, tag, minCount = "min_count", minShare = "min_share"
    }

    /// Whether `firm` belongs to the counted group.
    public func counts(_ firm: Firm) -> Bool {
        guard firm.kind == .firm else { return false }
        if let sector { return firm.sector == sector }
        if let tag { return firm.tags.contains(tag) }
        return false
    }

    /// A short description, e.g. `sector machining` or `tag bekasi`.
    public var groupDescription: String {
        if let sector { return "sector \(sector)" }
        return "tag \(tag ?? "?")"
    }
}
