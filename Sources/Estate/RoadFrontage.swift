/// The class of road a plot fronts. Firms that need main-road frontage may only take `main` plots.
public enum RoadFrontage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fronts the estate's main road (heavy vehicles, visibility).
    case main
    /// Fronts a local access road.
    case local
}
