/// The land: phases, zones, power blocks and plots.
public struct Site: Sendable, Hashable, Codable {
    /// The development phases (e.g. `phase1`, `expansion`); every plot belongs to one.
    public var phases: [Phase]
    /// The user-named zones plots are in (e.g. general, heavy, clean).
    public var zones: [Zone]
    /// Electrical supply blocks; every plot is on one.
    public var powerBlocks: [PowerBlock]
    /// The plots firms can be placed on.
    public var plots: [Plot]

    /// Makes a site.
    public init(phases: [Phase], zones: [Zone], powerBlocks: [PowerBlock], plots: [Plot]) {
        self.phases = phases
        self.zones = zones
        self.powerBlocks = powerBlocks
        self.plots = plots
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case phases, zones, powerBlocks = "power_blocks", plots
    }
}
