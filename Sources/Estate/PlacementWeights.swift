/// How much placing a firm is worth: base + per worker + per billion IDR of turnover + per priority point.
///
/// Defaults: base 10, per worker 1, per billion IDR 0.5, per priority point 5.
public struct PlacementWeights: Sendable, Hashable, Codable {
    /// Score for placing any firm.
    public var base: Double
    /// Score per worker.
    public var perWorker: Double
    /// Score per billion IDR of yearly turnover.
    public var perBillionIDR: Double
    /// Score per priority point.
    public var perPriority: Double

    /// Makes weights; each defaults to the documented value.
    public init(base: Double = 10, perWorker: Double = 1, perBillionIDR: Double = 0.5, perPriority: Double = 5) {
        self.base = base
        self.perWorker = perWorker
        self.perBillionIDR = perBillionIDR
        self.perPriority = perPriority
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case base, perWorker = "per_worker", perBillionIDR = "per_billion_idr", perPriority = "per_priority"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PlacementWeights()
        base = try c.decodeIfPresent(Double.self, forKey: .base) ?? d.base
        perWorker = try c.decodeIfPresent(Double.self, forKey: .perWorker) ?? d.perWorker
        perBillionIDR = try c.decodeIfPresent(Double.self, forKey: .perBillionIDR) ?? d.perBillionIDR
        perPriority = try c.decodeIfPresent(Double.self, forKey: .perPriority) ?? d.perPriority
    }

    /// The placement value of `firm`.
    public func value(of firm: Firm) -> Double {
        base + perWorker * Double(firm.workers) + perBillionIDR * firm.turnover / 1e9 + perPriority * firm.priority
    }
}
