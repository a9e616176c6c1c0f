/// What ``ScenarioGenerator`` makes: the scenario, a layout that proves it feasible, and notes for the file header.
public struct GeneratedScenario: Sendable, Hashable {
    /// The scenario.
    public var scenario: Scenario
    /// A feasible layout built with the scenario (the generator's constructive heuristic): every required firm and
    /// every incumbent placed (incumbents on their own plots), power, separation and quotas kept. Not optimal.
    public var witness: Layout
    /// Comment lines for the top of the YAML file: what the scenario is, where the numbers come from, key figures.
    public var notes: [String]

    /// Makes a generated scenario.
    public init(scenario: Scenario, witness: Layout, notes: [String]) {
        self.scenario = scenario
        self.witness = witness
        self.notes = notes
    }
}
