/// A small deterministic pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014): the one plotalloc uses
/// everywhere it needs randomness (the scenario generator, the heuristics, the test scenarios).
///
/// The same seed gives the same sequence on every platform and Swift version: the helpers below (`unit`, `int(in:)`,
/// `shuffle`) are written here rather than taken from the standard library, whose algorithms for
/// `Int.random(in:using:)` and `shuffled(using:)` are not promised to stay the same. Never seeded from the system.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Makes a generator; every seed (including 0) is valid.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1), with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform number in `range` (the upper end is reached only through rounding).
    public mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// A uniform integer in `range`, without modulo bias (rejection sampling).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return range.lowerBound &+ Int(truncatingIfNeeded: next()) }  // the full 64-bit range
        let limit = UInt64.max - UInt64.max % span
        var value = next()
        while value >= limit { value = next() }
        return range.lowerBound + Int(value % span)
    }

    /// `true` with probability `p` (clamped to 0…1).
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A uniformly chosen element of `items`; traps when `items` is empty (a programming error).
    public mutating func pick<T>(_ items: [T]) -> T {
        precondition(!items.isEmpty, "pick from an empty array")
        return items[int(in: 0...(items.count - 1))]
    }

    /// An index chosen with probability proportional to `weights` (non-negative, not all zero).
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "weights must not all be zero")
        var r = unit() * total
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.lastIndex(where: { $0 > 0 })!
    }

    /// Shuffles `items` in place (Fisher–Yates).
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = int(in: 0...i)
            if i != j { items.swapAt(i, j) }
        }
    }
}
