import Estate

/// Distinct layouts scoring within a fraction of the best, found by ``AlternativeLayouts``, with how often each
/// firm lands on each plot across them and the firms placed in all of them (the robust core).
///
/// Every layout in it passed ``LayoutVerifier`` and scores at least ``floor``; no two are equal. The first is the
/// layout the set was started from (the solve's best).
public struct AlternativeLayoutSet: Sendable {
    /// One layout of the set.
    public struct Entry: Sendable, Hashable {
        /// The layout.
        public var layout: Layout
        /// Its verified score.
        public var score: ScoreBreakdown
        /// Whether GLPK proved it the best layout not already in the set (so that the set holds the best layouts
        /// in order up to this one); `false` when its solve stopped at a limit.
        public var isProvenNext: Bool
    }

    /// Why the search stopped.
    public enum Stop: String, Sendable, Hashable, Codable {
        /// The requested number of layouts was found.
        case found
        /// Proven: no other layout scores at least the floor (GLPK found the model with every found layout cut
        /// off infeasible).
        case exhausted
        /// The time budget ran out before the next layout was found or ruled out.
        case timeLimit = "time_limit"
        /// Ctrl-C (or ``SolveInterrupt/request()``) stopped the search.
        case interrupted
    }

    /// How often one firm is placed, and where, across the layouts.
    public struct FirmFrequency: Sendable, Hashable {
        /// The firm's id.
        public var firm: String
        /// In how many layouts it is placed.
        public var placed: Int
        /// Its plots with the number of layouts that put it there, most frequent first (ties by plot order).
        public var plots: [(plot: String, count: Int)]

        public static func == (a: FirmFrequency, b: FirmFrequency) -> Bool {
            a.firm == b.firm && a.placed == b.placed && a.plots.map(\.plot) == b.plots.map(\.plot)
                && a.plots.map(\.count) == b.plots.map(\.count)
        }

        public func hash(into h: inout Hasher) {
            h.combine(firm)
            h.combine(placed)
            for p in plots {
                h.combine(p.plot)
                h.combine(p.count)
            }
        }
    }

    /// Layouts asked for (the first included).
    public var requested: Int
    /// The fraction of the reference score a layout may lose.
    public var within: Double
    /// The score the floor is taken from: the solve's best layout's.
    public var reference: Double
    /// Whether ``reference`` is the proven optimum (else the best score the solve found).
    public var referenceIsOptimal: Bool
    /// The lowest score accepted: `reference − within × |reference|`.
    public var floor: Double
    /// The layouts, the solve's best first, then in the order found (by score, best first, while each is
    /// ``Entry/isProvenNext``).
    public var layouts: [Entry]
    /// Why the search stopped.
    public var stop: Stop
    /// GLPK solves made after the first layout.
    public var solves: Int
    /// Seconds spent on them.
    public var seconds: Double
    /// Per firm of the scenario, in scenario order: where it lands across ``layouts``.
    public var frequencies: [FirmFrequency]

    /// Makes a set and counts the firms' plots across `layouts` (firm order and plot order from `scenario`).
    public init(scenario: Scenario, requested: Int, within: Double, reference: Double, referenceIsOptimal: Bool,
                floor: Double, layouts: [Entry], stop: Stop, solves: Int, seconds: Double) {
        self.requested = requested
        self.within = within
        self.reference = reference
        self.referenceIsOptimal = referenceIsOptimal
        self.floor = floor
        self.layouts = layouts
        self.stop = stop
        self.solves = solves
        self.seconds = seconds
        let plotOrder = Dictionary(scenario.site.plots.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        frequencies = scenario.firms.map { firm in
            var counts: [String: Int] = [:]
            for e in layouts {
                if let p = e.layout.plot(of: firm.id) { counts[p, default: 0] += 1 }
            }
            let plots = counts.sorted { ($1.value, plotOrder[$0.key] ?? .max) < ($0.value, plotOrder[$1.key] ?? .max) }
                .map { (plot: $0.key, count: $0.value) }
            return FirmFrequency(firm: firm.id, placed: plots.reduce(0) { $0 + $1.count }, plots: plots)
        }
    }

    /// The firms placed in every layout (the robust core), in scenario order.
    public var robustCore: [String] {
        frequencies.filter { $0.placed == layouts.count && !layouts.isEmpty }.map(\.firm)
    }

    /// The firms on the same plot in every layout, with that plot, in scenario order.
    public var samePlotInAll: [(firm: String, plot: String)] {
        frequencies.compactMap { f in
            guard !layouts.isEmpty, f.plots.count == 1, f.plots[0].count == layouts.count else { return nil }
            return (f.firm, f.plots[0].plot)
        }
    }

    /// The firms placed in none of the layouts, in scenario order.
    public var neverPlaced: [String] { frequencies.filter { $0.placed == 0 }.map(\.firm) }
}
