/// A Systematic Layout Planning closeness rating (Muther): how much two activities want to be near each other.
public enum ClosenessRating: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Absolutely necessary.
    case a = "A"
    /// Especially important.
    case e = "E"
    /// Important.
    case i = "I"
    /// Ordinary closeness.
    case o = "O"
    /// Unimportant.
    case u = "U"
    /// Undesirable: a hard rule that the two must be at least the separation distance apart.
    case x = "X"

    public static func < (lhs: ClosenessRating, rhs: ClosenessRating) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
