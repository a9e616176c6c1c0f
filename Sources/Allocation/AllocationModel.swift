import MIPModel
import Estate

/// The integer program of a scenario together with the maps back from its variables to firms and plots.
///
/// Made by ``Formulation/build(_:)``; a plain value that knows nothing of any solver. The model's objective,
/// constant included, equals the score (placement + closeness − relocation) of the layout its `x` variables encode
/// whenever the auxiliary variables are at their best values, which every optimal solution has and which
/// ``startVector(for:)`` computes. See `docs/formulation.md`.
public struct AllocationModel: Sendable {
    /// One assignment variable `x[f,p]`: firm `firm` takes plot `plot`.
    public struct AssignmentVariable: Sendable, Hashable {
        /// Index into `scenario.firms`.
        public var firm: Int
        /// Index into `scenario.site.plots`.
        public var plot: Int
        /// The model variable.
        public var variable: Variable
        /// Whether it is fixed to 1 by its bounds (a fixed incumbent on its own plot).
        public var isFixed: Bool
    }

    /// One auxiliary closeness variable and what it stands for, so that a start vector can give it its value.
    public enum ClosenessTerm: Sendable, Hashable {
        /// `y[p,q,s,t]`: plot `p` holds a firm of sector `s` and its neighbour `q` one of sector `t`.
        /// `positive` tells which linearisation it has (upper rows for a positive weight, lower row otherwise).
        case sectorPair(p: Int, q: Int, s: Int, t: Int, positive: Bool)
        /// `u[f,g,p]`: firm `f` is on plot `p` and firm `g` on a neighbour of `p`. Only negatively weighted pairs
        /// get these (so `positive` is false); positively weighted pairs use ``firmPairEdge(f:g:p:q:)``.
        case firmPair(f: Int, g: Int, p: Int, positive: Bool)
        /// `w[f,g,p,q]`: firm `f` is on plot `p` and firm `g` on its neighbour `q` (positive weights).
        case firmPairEdge(f: Int, g: Int, p: Int, q: Int)
    }

    /// The solver-independent model: maximise, objective constant included.
    public let model: Model
    /// Every `x[f,p]`, in variable order (the first ``assignmentVariables``.count variables of the model).
    public let assignmentVariables: [AssignmentVariable]
    /// The auxiliary closeness variables with their meaning.
    public let closenessTerms: [(variable: Variable, term: ClosenessTerm)]
    /// Number of rows written for each rule family (`firm`, `plot`, `power`, `power_rounding`,
    /// `separation_sector`, `separation_firm`, `closeness_sector`, `closeness_triangle`, `closeness_firm`, `quota`,
    /// `conflict`).
    public let rowsByRule: [String: Int]
    /// Conflicts the formulation found without solving (e.g. a fixed incumbent not eligible for its own plot), each
    /// written into the model as an unsatisfiable empty row so that the exported model is infeasible too.
    public let structuralConflicts: [String]
    /// The firm ids of the scenario, by index.
    public let firmIDs: [String]
    /// Sector index of each firm, in the order of `scenario.sectors` (−1 for an unknown sector).
    public let firmSectors: [Int]
    /// The plot ids of the scenario, by index (of ``plan``'s plots when there is one: derived sites' ids included).
    public let plotIDs: [String]
    /// Under raw land or merging, the candidate scenario the model was built on: the scenario's plots, then every
    /// candidate site (a kavling or a merged run) as a plot carrying ``Plot/derived`` (``SiteCandidates``); plot
    /// indices of ``assignmentVariables`` index its plots. `nil` when the model's plots are the scenario's own.
    public let plan: Scenario?
    /// Cover groups: sets of plot indices of which at most one holds a firm in any layout (a raw block's module cell,
    /// a pre-cut plot with the runs containing it); empty without raw land or merging.
    public let coverGroups: [[Int]]
    /// The grid the candidate kavlings' cuts lie on, in modules (``SiteCandidates``): 1 when every cut the rules
    /// allow is a candidate, so that the model is exact; more when a raw site had too many cuts and they were
    /// restricted to every `cutGrid`-th module point. A restricted model's layouts are layouts of the scenario, but
    /// its optimum and bounds speak only of the restricted cuts: the ``Allocator`` then reports no bound and never
    /// `optimal`.
    public let cutGrid: Int

    /// The scenario's own plots, the first of ``plan``'s: a derived site of a layout is a plot at this index or
    /// later (an own plot may carry ``Plot/derived`` too: a kavling the decomposition search holds fixed).
    public let ownPlotCount: Int

    /// Whether the model leaves out cuts the rules allow (``cutGrid`` > 1).
    public var isRestricted: Bool { cutGrid > 1 }

    private let variableByPair: [Int64: Variable]
    private let neighbourSets: [Set<Int>]

    init(
        model: Model, assignmentVariables: [AssignmentVariable],
        closenessTerms: [(variable: Variable, term: ClosenessTerm)], rowsByRule: [String: Int],
        structuralConflicts: [String], firmIDs: [String], firmSectors: [Int], plotIDs: [String],
        neighbourSets: [Set<Int>], plan: Scenario? = nil, coverGroups: [[Int]] = [], cutGrid: Int = 1,
        ownPlotCount: Int = 0
    ) {
        self.cutGrid = cutGrid
        self.ownPlotCount = ownPlotCount
        self.plan = plan
        self.coverGroups = coverGroups
        self.firmSectors = firmSectors
        self.model = model
        self.assignmentVariables = assignmentVariables
        self.closenessTerms = closenessTerms
        self.rowsByRule = rowsByRule
        self.structuralConflicts = structuralConflicts
        self.firmIDs = firmIDs
        self.plotIDs = plotIDs
        self.neighbourSets = neighbourSets
        var map: [Int64: Variable] = [:]
        for a in assignmentVariables { map[Self.key(a.firm, a.plot, plotIDs.count)] = a.variable }
        variableByPair = map
    }

    private static func key(_ f: Int, _ p: Int, _ plotCount: Int) -> Int64 {
        Int64(f) * Int64(max(plotCount, 1)) + Int64(p)
    }

    /// The variable `x[f,p]`, or `nil` when the formulation has none (the firm may not take the plot, or a fixed
    /// incumbent rules it out).
    public func variable(firm: Int, plot: Int) -> Variable? {
        variableByPair[Self.key(firm, plot, plotIDs.count)]
    }

    /// The objective's constant: fixed incumbents' placement and closeness (a movable incumbent's relocation penalty
    /// is on the variables that move it, not in the constant).
    public var objectiveConstant: Double { model.objective.expression.constant }

    /// The scenario whose plots the model's plot indices refer to: ``plan``, or `scenario` (the one the model was
    /// built from) when there is no plan.
    public func plotScenario(_ scenario: Scenario) -> Scenario { plan ?? scenario }

    /// The layout a solution vector encodes: each `x[f,p] > 0.5` places firm `f` on plot `p`; under raw land or
    /// merging the layout lists the derived sites its firms are on (``Layout/sites``, by id), and no other: a kavling
    /// no firm takes is not cut.
    ///
    /// - Precondition: `values` has one value per model variable.
    public func layout(from values: [Double]) -> Layout {
        var assignments: [String: String] = [:]
        var sites: [DerivedSite] = []
        for a in assignmentVariables where values[a.variable.index] > 0.5 {
            assignments[firmIDs[a.firm]] = plotIDs[a.plot]
            if a.plot >= ownPlotCount, let site = plan?.site.plots[a.plot].derived { sites.append(site) }
        }
        return Layout(assignments: assignments, sites: sites.sorted { $0.id < $1.id })
    }

    /// The solution vector of `layout`, with every auxiliary variable at its best value for the objective.
    ///
    /// Returns `nil` when the layout uses a firm or plot id the scenario does not have, or a (firm, plot) pair the
    /// model has no variable for. The vector is not checked against the rows here: ``Model/firstViolation(of:tolerance:)``
    /// does that.
    public func startVector(for layout: Layout) -> [Double]? {
        let firmIndex = Dictionary(firmIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let plotIndex = Dictionary(plotIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var values = [Double](repeating: 0, count: model.variables.count)
        var plotOfFirm = [Int](repeating: -1, count: firmIDs.count)
        var firmOnPlot = [Int](repeating: -1, count: plotIDs.count)
        for (firmID, plotID) in layout.assignments {
            guard let f = firmIndex[firmID], let p = plotIndex[plotID], let v = variable(firm: f, plot: p) else {
                return nil
            }
            values[v.index] = 1
            plotOfFirm[f] = p
            firmOnPlot[p] = f
        }
        let sectorOfFirm = firmSectors
        for (variable, term) in closenessTerms {
            switch term {
            case let .sectorPair(p, q, s, t, _):
                let fp = firmOnPlot[p], fq = firmOnPlot[q]
                let hit = fp >= 0 && fq >= 0 && sectorOfFirm[fp] == s && sectorOfFirm[fq] == t
                values[variable.index] = hit ? 1 : 0
            case let .firmPair(f, g, p, _):
                let hit = plotOfFirm[f] == p && plotOfFirm[g] >= 0 && neighbourSets[p].contains(plotOfFirm[g])
                values[variable.index] = hit ? 1 : 0
            case let .firmPairEdge(f, g, p, q):
                values[variable.index] = plotOfFirm[f] == p && plotOfFirm[g] == q ? 1 : 0
            }
        }
        return values
    }

}
