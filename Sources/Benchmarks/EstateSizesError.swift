import Estate

/// Why a list of estate sizes (`--sizes 50,100,…`) was refused.
public enum EstateSizesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The list is empty.
    case empty
    /// A word is not a whole number.
    case notANumber(String)
    /// A size is outside ``ScenarioGenerator/firmRange``.
    case outOfRange(Int)
    /// A size appears twice.
    case repeated(Int)

    /// What is wrong and what is expected, in one line.
    public var description: String {
        let range = "\(ScenarioGenerator.firmRange.lowerBound)…\(ScenarioGenerator.firmRange.upperBound)"
        return switch self {
        case .empty: "found an empty list; expected numbers of firms separated by commas, e.g. 50,100,200"
        case .notANumber(let w): "found \"\(w)\"; expected a whole number of firms \(range)"
        case .outOfRange(let n): "found \(n); expected a number of firms \(range)"
        case .repeated(let n): "found \(n) twice; expected each size once"
        }
    }
}
