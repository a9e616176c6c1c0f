import Geometry

/// The land: phases, zones, power blocks and plots, the plots typed in YAML or drawn in GeoJSON (or both).
public struct Site: Sendable, Hashable, Codable {
    /// The development phases (e.g. `phase1`, `expansion`); every plot belongs to one.
    public var phases: [Phase]
    /// The user-named zones plots are in (e.g. general, heavy, clean).
    public var zones: [Zone]
    /// Electrical supply blocks; every plot is on one.
    public var powerBlocks: [PowerBlock]
    /// The plots firms can be placed on: those of `site.plots`, then those drawn in `site.plots_from`'s file.
    public var plots: [Plot]
    /// The projected CRS (metres) to measure a drawn site in, e.g. `EPSG:32748`; `nil`: the drawing's own CRS when
    /// projected in metres, else the UTM zone of the drawn plots.
    public var crs: String?
    /// Where the drawn plots are, and which feature properties give their fields.
    public var plotsFrom: PlotSource?
    /// The drawn roads (for frontage and the map).
    public var roadsFrom: RoadSource?
    /// The drawn site boundary (every plot must lie inside it).
    public var boundaryFrom: AreaSource?
    /// The drawn green areas (for the map).
    public var greenFrom: AreaSource?
    /// The drawn sensitive places (housing, a school, a river) that `rules.buffers` keep firms away from.
    public var sensitiveFrom: PlaceSource?
    /// The drawn wastewater treatment units (IPAL), for the map and the GeoJSON output.
    public var treatmentFrom: PlaceSource?
    /// The shapes read from the drawing, filled by ``ScenarioLoader``; `nil` for a site typed in YAML only. Not part
    /// of the YAML: encoding writes the sources, not the shapes, and leaves the drawn plots out of `plots`.
    public var drawing: SiteDrawing?
    /// Street blocks of raw land, to be cut into kavlings by a layout (``Kavling``); empty when none.
    public var rawBlocks: [RawBlock]
    /// The default cutting rules of the raw blocks; `nil` when every block states its own (or there are none).
    public var cutting: CuttingRules?
    /// Whether (and how far) pre-cut plots may be merged into runs; `nil`: no merging.
    public var merging: MergingRules?

    /// Makes a site.
    public init(
        phases: [Phase], zones: [Zone], powerBlocks: [PowerBlock], plots: [Plot], crs: String? = nil,
        plotsFrom: PlotSource? = nil, roadsFrom: RoadSource? = nil, boundaryFrom: AreaSource? = nil,
        greenFrom: AreaSource? = nil, sensitiveFrom: PlaceSource? = nil, treatmentFrom: PlaceSource? = nil,
        drawing: SiteDrawing? = nil, rawBlocks: [RawBlock] = [], cutting: CuttingRules? = nil,
        merging: MergingRules? = nil
    ) {
        self.rawBlocks = rawBlocks
        self.cutting = cutting
        self.merging = merging
        self.phases = phases
        self.zones = zones
        self.powerBlocks = powerBlocks
        self.plots = plots
        self.crs = crs
        self.plotsFrom = plotsFrom
        self.roadsFrom = roadsFrom
        self.boundaryFrom = boundaryFrom
        self.greenFrom = greenFrom
        self.sensitiveFrom = sensitiveFrom
        self.treatmentFrom = treatmentFrom
        self.drawing = drawing
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case phases, zones, powerBlocks = "power_blocks", plots, crs, plotsFrom = "plots_from"
        case roadsFrom = "roads_from", boundaryFrom = "boundary_from", greenFrom = "green_from"
        case sensitiveFrom = "sensitive_from", treatmentFrom = "treatment_from"
        case rawBlocks = "raw_blocks", cutting, merging
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        phases = try c.decode([Phase].self, forKey: .phases)
        zones = try c.decode([Zone].self, forKey: .zones)
        powerBlocks = try c.decode([PowerBlock].self, forKey: .powerBlocks)
        plots = try c.decodeIfPresent([Plot].self, forKey: .plots) ?? []
        crs = try c.decodeIfPresent(String.self, forKey: .crs)
        plotsFrom = try c.decodeIfPresent(PlotSource.self, forKey: .plotsFrom)
        roadsFrom = try c.decodeIfPresent(RoadSource.self, forKey: .roadsFrom)
        boundaryFrom = try c.decodeIfPresent(AreaSource.self, forKey: .boundaryFrom)
        greenFrom = try c.decodeIfPresent(AreaSource.self, forKey: .greenFrom)
        sensitiveFrom = try c.decodeIfPresent(PlaceSource.self, forKey: .sensitiveFrom)
        treatmentFrom = try c.decodeIfPresent(PlaceSource.self, forKey: .treatmentFrom)
        drawing = nil
        rawBlocks = try c.decodeIfPresent([RawBlock].self, forKey: .rawBlocks) ?? []
        cutting = try c.decodeIfPresent(CuttingRules.self, forKey: .cutting)
        merging = try c.decodeIfPresent(MergingRules.self, forKey: .merging)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(phases, forKey: .phases)
        try c.encode(zones, forKey: .zones)
        try c.encode(powerBlocks, forKey: .powerBlocks)
        let drawn = drawing.map { Set($0.plots.keys) } ?? []
        try c.encode(plots.filter { !drawn.contains($0.id) }, forKey: .plots)
        try c.encodeIfPresent(crs, forKey: .crs)
        try c.encodeIfPresent(plotsFrom, forKey: .plotsFrom)
        try c.encodeIfPresent(roadsFrom, forKey: .roadsFrom)
        try c.encodeIfPresent(boundaryFrom, forKey: .boundaryFrom)
        try c.encodeIfPresent(greenFrom, forKey: .greenFrom)
        try c.encodeIfPresent(sensitiveFrom, forKey: .sensitiveFrom)
        try c.encodeIfPresent(treatmentFrom, forKey: .treatmentFrom)
        if !rawBlocks.isEmpty { try c.encode(rawBlocks, forKey: .rawBlocks) }
        try c.encodeIfPresent(cutting, forKey: .cutting)
        try c.encodeIfPresent(merging, forKey: .merging)
    }
}
