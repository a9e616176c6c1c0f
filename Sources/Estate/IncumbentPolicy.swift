/// What may happen to firms that already occupy a plot.
///
/// YAML: `{policy: fixed}` or `{policy: movable, move_penalty: 50}`.
public enum IncumbentPolicy: Sendable, Hashable, Codable {
    /// Every incumbent keeps its own plot.
    case fixed
    /// Incumbents must stay placed but may move; each move costs `movePenalty` score points (≥ 0).
    case movable(movePenalty: Double)

    enum CodingKeys: String, CodingKey, CaseIterable { case policy, movePenalty = "move_penalty" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let policy = try c.decode(String.self, forKey: .policy)
        switch policy {
        case "fixed":
            self = .fixed
        case "movable":
            self = .movable(movePenalty: try c.decode(Double.self, forKey: .movePenalty))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .policy, in: c, debugDescription: "expected fixed or movable, found \"\(policy)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .fixed:
            try c.encode("fixed", forKey: .policy)
        case .movable(let p):
            try c.encode("movable", forKey: .policy)
            try c.encode(p, forKey: .movePenalty)
        }
    }

    /// The penalty per moved incumbent (0 under the fixed policy).
    public var movePenalty: Double {
        if case .movable(let p) = self { return p }
        return 0
    }
}
