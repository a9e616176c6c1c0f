/// Why ``ScenarioGenerator`` refused its parameters.
public enum ScenarioGeneratorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The number of firms is outside ``ScenarioGenerator/firmRange``.
    case firmsOutOfRange(Int)
    /// The number of plots is outside ``ScenarioGenerator/plotRange``.
    case plotsOutOfRange(Int)
    /// The standing layout given for phase 1 breaks phase-1 rules or names what phase 1 does not have (the
    /// verifier's messages).
    case standingLayoutBreaksRules([String])

    /// One line naming the parameter, what was found and what was expected.
    public var description: String {
        switch self {
        case .firmsOutOfRange(let n):
            "firms: \(n) is out of range; expected \(ScenarioGenerator.firmRange.lowerBound)…\(ScenarioGenerator.firmRange.upperBound)"
        case .plotsOutOfRange(let n):
            "plots: \(n) is out of range; expected \(ScenarioGenerator.plotRange.lowerBound)…\(ScenarioGenerator.plotRange.upperBound)"
        case .standingLayoutBreaksRules(let messages):
            "incumbents: the standing layout breaks phase 1's rules: \(messages.joined(separator: "; ")); "
                + "expected a layout of phase 1 that keeps every rule (e.g. phase 1 as solved)"
        }
    }
}
