import Geometry

/// The catalogue of rule kinds: every kind of rule a scenario can hold, in one list, and how each layer handles it.
///
/// A rule kind has a *shape* (``RuleShape``) that says which generic code carries it through the layers:
/// - ``RuleShape/capacity(_:)``: capacities shared by the firms on a set of plots (power blocks, wastewater
///   treatment units). The verifier's check, the formulation's knapsack rows (with their exact column removal and
///   rounding), the search's quick fit test, the unplaced reason, the relaxation and the conflict text are written
///   once for the shape, from the rule's ``CapacityResource``s.
/// - ``RuleShape/exclusion(_:)``: a firm may not take certain plots (buffers from sensitive places). ``Eligibility``
///   asks every exclusion rule, so the formulation (no column), the verifier, the search, `check` and the
///   explanations all follow.
/// - ``RuleShape/base`` and ``RuleShape/bespoke``: the rules with code of their own in each layer (eligibility tests
///   and one firm per plot, never relaxed; required firms, incumbents, separation, quotas).
///
/// Adding a kind: add a case here; the exhaustive switches below then fail to compile until the kind has a shape,
/// a label and a relaxation; the shape's protocol lists what its definition still lacks (`docs/architecture.md`,
/// "How to add a rule").
public enum RuleKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A plot holds at most one firm (and a firm takes at most one plot).
    case onePerPlot = "one_per_plot"
    /// A firm takes only plots it is eligible for: area, zone, frontage, rent (``Eligibility``).
    case eligibility
    /// The planners' locks (promised plots, allowed and forbidden plots or blocks) and reserved plots (``LockRule``).
    case locks
    /// Required firms are placed.
    case required
    /// Incumbents are placed (on their own plot under the fixed policy).
    case incumbents
    /// Per power block, the placed firms' kVA stay within its capacity.
    case power
    /// X-rated pairs stay at least the separation distance apart.
    case separation
    /// Every quota holds.
    case quotas
    /// Per wastewater treatment unit, the placed firms' discharge stays within its capacity (``WastewaterRule``).
    case wastewater
    /// A firm of a flagged sector keeps its distance from sensitive places (``BufferRule``).
    case buffers
    /// Per phase, the share of land in plots and kavlings stays within the scenario's maximum (``LandUseRule``).
    case landUse = "land_use"
    /// A layout's derived sites are well cut from the scenario's land: kavlings inside their raw block, on the
    /// module, of allowed widths, not overlapping; merged runs of 2…k mergeable plots side by side in one power block.
    case cutting

    /// How the layers handle the kind.
    package var shape: RuleShape {
        switch self {
        case .onePerPlot, .eligibility: .base
        case .required, .incumbents, .separation, .quotas, .landUse: .bespoke
        case .cutting: .base
        case .power: .capacity(PowerRule.self)
        case .locks: .exclusion(LockRule.self)
        case .wastewater: .capacity(WastewaterRule.self)
        case .buffers: .exclusion(BufferRule.self)
        }
    }

    /// A plain name, e.g. "required firms", "power capacity".
    public var label: String {
        switch self {
        case .onePerPlot: "one firm per plot"
        case .eligibility: "eligibility"
        case .locks: "locks and reserved plots"
        case .required: "required firms"
        case .incumbents: "incumbents"
        case .power: "power capacity"
        case .separation: "X separation"
        case .quotas: "quotas"
        case .wastewater: "wastewater capacity"
        case .buffers: "buffers from sensitive places"
        case .landUse: "land use"
        case .cutting: "cut plan"
        }
    }

    /// What relaxing the kind as a whole means, e.g. "make the required firms optional"; `nil` for the base rules,
    /// which an infeasibility diagnosis never relaxes (with every other kind relaxed, leaving every firm out is a
    /// feasible layout).
    public var relaxation: String? {
        switch self {
        case .onePerPlot, .eligibility: nil
        case .locks: "lift the locks and reservations"
        case .required: "make the required firms optional"
        case .incumbents: "treat the incumbents as free applicants"
        case .power: "lift the power capacities"
        case .separation: "drop the X ratings"
        case .quotas: "remove the quotas"
        case .wastewater: "lift the wastewater treatment capacities"
        case .buffers: "drop the buffers"
        case .landUse, .cutting: nil
        }
    }

    /// The names of the violations the verifier reports for the kind (``Violation/Rule``), in report order.
    public var violationNames: [String] {
        switch self {
        case .onePerPlot: ["plot_shared"]
        case .eligibility: ["ineligible"]
        case .locks: ["lock"]
        case .required: ["required_unplaced"]
        case .incumbents: ["incumbent_unplaced", "incumbent_moved"]
        case .power: ["power"]
        case .separation: ["separation"]
        case .quotas: ["quota"]
        case .wastewater: ["wastewater"]
        case .buffers: ["buffer"]
        case .landUse: ["land_use"]
        case .cutting: ["cut_plan"]
        }
    }

    /// The kinds an infeasibility diagnosis may relax, in catalogue order.
    public static var relaxable: [RuleKind] { allCases.filter { $0.relaxation != nil } }

    /// The capacity rules of the catalogue, in catalogue order.
    package static var capacityRules: [any CapacityRule.Type] {
        allCases.compactMap { if case .capacity(let r) = $0.shape { r } else { nil } }
    }

    /// The exclusion rules of the catalogue, in catalogue order.
    package static var exclusionRules: [any ExclusionRule.Type] {
        allCases.compactMap { if case .exclusion(let r) = $0.shape { r } else { nil } }
    }

    /// The definitions of the catalogue-shaped kinds (capacity and exclusion), in catalogue order.
    package static var definitions: [any RuleDefinition.Type] {
        allCases.compactMap { $0.shape.definition }
    }

    public static func < (a: RuleKind, b: RuleKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Which generic code carries a rule kind through the layers (see ``RuleKind``).
package enum RuleShape: Sendable {
    /// Eligibility tests and one firm per plot: written into every layer's core, never relaxed.
    case base
    /// A rule with code of its own in each layer.
    case bespoke
    /// Capacities shared by the firms on sets of plots.
    case capacity(any CapacityRule.Type)
    /// Plots a firm may not take.
    case exclusion(any ExclusionRule.Type)

    /// The rule's definition, for the catalogue-shaped kinds.
    public var definition: (any RuleDefinition.Type)? {
        switch self {
        case .base, .bespoke: nil
        case .capacity(let r): r
        case .exclusion(let r): r
        }
    }
}

/// One part of a catalogue rule that an infeasibility diagnosis relaxes on its own: a power block, a treatment
/// unit, a sensitive place.
package struct RulePart: Sendable, Hashable {
    /// The part's id in the scenario.
    public var id: String
    /// A plain description, e.g. "power block PB2 (240 kVA)".
    public var label: String

    /// Makes a part.
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// Something a rule asks the site map to draw, in site coordinates (m).
package enum MapFeature: Sendable, Hashable {
    /// A shaded band of half-width `width` around a point (one vertex) or a polyline, with a label.
    case band(points: [MapPoint], width: Double, label: String)
    /// A labelled marker at a point.
    case marker(MapPoint, label: String)
    /// A shaded area (e.g. the band within a buffer's distance of a drawn place), site metres, with a label.
    case area(Shape, label: String)
}

/// A point of the site plane (m).
public struct MapPoint: Sendable, Hashable, Codable {
    /// East (m).
    public var x: Double
    /// North (m).
    public var y: Double

    /// Makes a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case x, y }
}

/// What every catalogue-shaped rule supplies, whatever its shape.
///
/// Every requirement is written from the scenario alone; none may look at a model or a solver. The compiler lists
/// the requirements a new rule's type still lacks.
package protocol RuleDefinition: Sendable {
    /// Its kind in the catalogue.
    static var kind: RuleKind { get }
    /// The parts an infeasibility diagnosis relaxes one by one, in scenario order.
    static func parts(in scenario: Scenario) -> [RulePart]
    /// `scenario` with the parts `ids` lifted: the rule no longer binds on them, and every layout feasible before
    /// stays feasible.
    static func lifting(_ ids: Set<String>, in scenario: Scenario) -> Scenario
    /// The lines `plotalloc check` prints about the rule (none when the scenario does not use it).
    static func summaryLines(_ scenario: Scenario) -> [String]
    /// What the site map draws for the rule.
    static func mapFeatures(_ scenario: Scenario) -> [MapFeature]
    /// The semantic checks of the rule's declarations (ids unique, references resolve, numbers in range).
    static func validate(_ validator: inout ScenarioValidator)
}

/// A rule of the capacity shape: firms on a set of plots share a capacity.
///
/// From the ``CapacityResource``s alone the layers build: the verifier's check (`<noun> <id>: <load> <unit>
/// placed, capacity <c> <unit>`), the formulation's row per resource (`Σ use_f x[f,p] ≤ capacity − fixed use`, left
/// out when it cannot bind, with Chvátal–Gomory roundings and no column for a firm that needs more than is left),
/// the search's quick fit test, the unplaced reason and the conflict text.
package protocol CapacityRule: RuleDefinition {
    /// What one resource is called, e.g. "power block".
    static var noun: String { get }
    /// The unit of capacity and use, e.g. "kVA".
    static var unit: String { get }
    /// The resources of `scenario`, in scenario order.
    static func resources(in scenario: Scenario) -> [CapacityResource]
}

/// One capacity of a ``CapacityRule``, resolved to plot and firm indices.
package struct CapacityResource: Sendable, Hashable {
    /// Its id in the scenario.
    public var id: String
    /// Its capacity (in the rule's unit).
    public var capacity: Double
    /// The indices (in `site.plots`) of the plots it serves, ascending.
    public var plots: [Int]
    /// Per firm index (in `firms`), what the firm uses when placed on one of ``plots`` (≥ 0).
    public var use: [Double]

    /// Makes a resource.
    public init(id: String, capacity: Double, plots: [Int], use: [Double]) {
        self.id = id
        self.capacity = capacity
        self.plots = plots
        self.use = use
    }
}

/// A rule of the exclusion shape: a firm may not take some plots. ``Eligibility`` asks it, so every layer follows.
package protocol ExclusionRule: RuleDefinition {
    /// Prepares the rule's lookups for `scenario`.
    init(scenario: Scenario)
    /// Why `firm` may not take `plot` under the rule, e.g. "plot P3 is 32 m from housing H1; plating keeps 50 m";
    /// `nil` when it may.
    func exclusion(firm: Firm, plot: Plot) -> String?
    /// Sums up why `firm` may take none of `plots` (all excluded by the rule), completing "every plot it fits is …",
    /// e.g. "within 50 m of housing H1".
    func everyPlotClause(firm: Firm, plots: [Plot]) -> String
}
