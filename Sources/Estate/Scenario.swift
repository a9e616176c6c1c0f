/// A complete allocation problem as a planner writes it: site, firms, closeness chart, rules, weights and solver
/// settings. Mirrors the YAML file (`docs/scenario-format.md`); ``ScenarioLoader`` reads and checks it.
///
/// A scenario value that came from ``ScenarioLoader`` has passed every structural and semantic check; one built in
/// code has not, until it goes through ``ScenarioLoader/check(_:file:)``.
public struct Scenario: Sendable, Hashable, Codable {
    /// Name, description and units.
    public var metadata: Metadata
    /// Phases, zones, power blocks, plots and other land.
    public var site: Site
    /// The industry sectors firms belong to.
    public var sectors: [Sector]
    /// Closeness ratings between sectors and between firms.
    public var closeness: ClosenessChart
    /// Applicants, incumbents and shared facilities.
    public var firms: [Firm]
    /// Distances, weights, incumbent policy, quotas and placement-value weights.
    public var rules: Rules
    /// Time limit, gap and solver options; all optional.
    public var solver: SolverSettings
    /// The layout file the incumbents were taken from (`incumbents_from`, relative to the scenario file), or `nil`.
    ///
    /// ``ScenarioLoader`` applies the file (``StandingLayout``) while loading, so a loaded scenario's firms already
    /// carry their ``Firm/incumbentPlot``; the path is kept for reports.
    public var incumbentsFrom: String?

    /// Makes a scenario from its parts.
    public init(
        metadata: Metadata, site: Site, sectors: [Sector], closeness: ClosenessChart, firms: [Firm], rules: Rules,
        solver: SolverSettings = SolverSettings(), incumbentsFrom: String? = nil
    ) {
        self.metadata = metadata
        self.site = site
        self.sectors = sectors
        self.closeness = closeness
        self.firms = firms
        self.rules = rules
        self.solver = solver
        self.incumbentsFrom = incumbentsFrom
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, site, sectors, closeness, firms, rules, solver, incumbentsFrom = "incumbents_from"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try c.decode(Metadata.self, forKey: .metadata)
        site = try c.decode(Site.self, forKey: .site)
        sectors = try c.decode([Sector].self, forKey: .sectors)
        closeness = try c.decodeIfPresent(ClosenessChart.self, forKey: .closeness) ?? ClosenessChart()
        firms = try c.decode([Firm].self, forKey: .firms)
        rules = try c.decode(Rules.self, forKey: .rules)
        solver = try c.decodeIfPresent(SolverSettings.self, forKey: .solver) ?? SolverSettings()
        incumbentsFrom = try c.decodeIfPresent(String.self, forKey: .incumbentsFrom)
    }
}
