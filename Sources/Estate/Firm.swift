/// An applicant, an incumbent or a shared facility that may be given a plot.
public struct Firm: Sendable, Hashable, Codable {
    /// A unique id, e.g. `F12`.
    public var id: String
    /// The firm's name, e.g. "CV Logam Jaya".
    public var name: String
    /// The id of its sector.
    public var sector: String
    /// The plot areas it can use (m²).
    public var area: AreaRange
    /// Number of workers; ≥ 0.
    public var workers: Int
    /// Turnover in IDR per year; ≥ 0.
    public var turnover: Double
    /// Power need in kVA; ≥ 0.
    public var powerKVA: Double
    /// Whether it may only take plots fronting the main road.
    public var needsMainRoad: Bool
    /// The highest rent it can pay (IDR per m² per year); `nil` for no limit.
    public var maxRent: Double?
    /// A planner's priority points (≥ 0), weighed by ``PlacementWeights/perPriority``.
    public var priority: Double
    /// Free tags (e.g. `bekasi`, `member`) that quotas can count.
    public var tags: [String]
    /// Firm or shared facility.
    public var kind: FirmKind
    /// Whether it must be placed.
    public var required: Bool
    /// The plot it already occupies, for incumbents; `nil` for applicants.
    public var incumbentPlot: String?
    /// The planners' lock (a promised plot, allowed or forbidden plots or blocks), or `nil`.
    public var lock: FirmLock?

    /// Makes a firm.
    public init(
        id: String, name: String, sector: String, area: AreaRange, workers: Int, turnover: Double, powerKVA: Double,
        needsMainRoad: Bool = false, maxRent: Double? = nil, priority: Double = 0, tags: [String] = [],
        kind: FirmKind = .firm, required: Bool = false, incumbentPlot: String? = nil, lock: FirmLock? = nil
    ) {
        self.lock = lock
        self.id = id
        self.name = name
        self.sector = sector
        self.area = area
        self.workers = workers
        self.turnover = turnover
        self.powerKVA = powerKVA
        self.needsMainRoad = needsMainRoad
        self.maxRent = maxRent
        self.priority = priority
        self.tags = tags
        self.kind = kind
        self.required = required
        self.incumbentPlot = incumbentPlot
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, sector, area, workers, turnover, powerKVA = "power_kva", needsMainRoad = "needs_main_road"
        case maxRent = "max_rent", priority, tags, kind, required, incumbentPlot = "incumbent_plot", lock
    }

    public init(from decoder: any Decoder) throws {
        try LoadWatch.check(decoding: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
        sector = try c.decode(String.self, forKey: .sector)
        area = try c.decode(AreaRange.self, forKey: .area)
        workers = try c.decodeIfPresent(Int.self, forKey: .workers) ?? 0
        turnover = try c.decodeIfPresent(Double.self, forKey: .turnover) ?? 0
        powerKVA = try c.decodeIfPresent(Double.self, forKey: .powerKVA) ?? 0
        needsMainRoad = try c.decodeIfPresent(Bool.self, forKey: .needsMainRoad) ?? false
        maxRent = try c.decodeIfPresent(Double.self, forKey: .maxRent)
        priority = try c.decodeIfPresent(Double.self, forKey: .priority) ?? 0
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        kind = try c.decodeIfPresent(FirmKind.self, forKey: .kind) ?? .firm
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        incumbentPlot = try c.decodeIfPresent(String.self, forKey: .incumbentPlot)
        lock = try c.decodeIfPresent(FirmLock.self, forKey: .lock)
    }

    /// Whether it already occupies a plot.
    public var isIncumbent: Bool { incumbentPlot != nil }

    /// Whether every layout must place it: required, an incumbent, or locked to (promised) a plot.
    public var mustBePlaced: Bool { required || isIncumbent || lock?.plot != nil }
}
