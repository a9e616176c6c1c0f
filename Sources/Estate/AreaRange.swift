/// The range of plot areas a firm can use, in m².
public struct AreaRange: Sendable, Hashable, Codable {
    /// The smallest plot the firm can use; positive.
    public var min: Double
    /// The largest plot the firm wants; at least `min`.
    public var max: Double

    /// Makes a range.
    public init(min: Double, max: Double) {
        self.min = min
        self.max = max
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case min, max }

    /// Whether `area` lies within the range (inclusive).
    public func contains(_ area: Double) -> Bool { area >= min && area <= max }
}
