/// Why ``ScenarioGenerator`` refused its parameters.
public enum ScenarioGeneratorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The number of firms is outside ``ScenarioGenerator/firmRange``.
    case firmsOutOfRange(Int)
    /// The number of plots is outside ``ScenarioGenerator/plotRange``.
    case plotsOutOfRange(Int)

    /// One line naming the parameter, what was found and what was expected.
    public var description: String {
        switch self {
        case .firmsOutOfRange(let n):
            "firms: \(n) is out of range; expected \(ScenarioGenerator.firmRange.lowerBound)…\(ScenarioGenerator.firmRange.upperBound)"
        case .plotsOutOfRange(let n):
            "plots: \(n) is out of range; expected \(ScenarioGenerator.plotRange.lowerBound)…\(ScenarioGenerator.plotRange.upperBound)"
        }
    }
}
