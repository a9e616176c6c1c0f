/// The median and the spread (minimum–maximum) of repeated measurements, such as one phase's seconds over the runs
/// of a benchmark.
///
/// Non-finite values (NaN, infinities) are left out; the median of an even number of values is the mean of the two
/// middle ones.
public struct SampleSpread: Sendable, Hashable, Codable {
    /// How many finite values the summary covers.
    public var count: Int
    /// The median.
    public var median: Double
    /// The smallest value.
    public var minimum: Double
    /// The largest value.
    public var maximum: Double

    enum CodingKeys: String, CodingKey {
        case count, median
        case minimum = "min"
        case maximum = "max"
    }

    /// Summarises `values`.
    ///
    /// Returns `nil` when no finite value is left (an empty sample, or only NaN and infinities).
    public init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        count = sorted.count
        minimum = first
        maximum = last
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Summarises the values present in `values`; `nil` entries are left out like non-finite ones.
    ///
    /// Returns `nil` when no finite value is left.
    public init?(_ values: [Double?]) {
        self.init(values.compactMap { $0 })
    }

    /// The width of the spread, `maximum − minimum` (0 for a single value).
    public var range: Double { maximum - minimum }
}
