import Estate

/// A test oracle: the best feasible layout of a tiny scenario, found by trying every layout.
///
/// Enumerates every layout in which each firm is unplaced or on one plot its needs allow (``Eligibility``, without
/// the planners' locks and reserved plots), no two firms on one plot, and asks ``LayoutVerifier`` whether it is
/// feasible (locks included) and what it scores. It shares nothing with
/// the integer program, so agreeing with it is evidence the formulation encodes the rules exactly.
///
/// Only for tiny inputs: it refuses more than ``maxFirms`` firms or ``maxPlots`` plots (7 × 7 is at most 130,922
/// layouts). Among layouts of equal score (within 1e-9) it keeps the first in enumeration order: firms in scenario
/// order, each trying "unplaced" first and then its eligible plots in scenario order.
public struct ExhaustiveSearch: Sendable {
    /// The most firms it accepts.
    public static let maxFirms = 7
    /// The most plots it accepts.
    public static let maxPlots = 7

    /// Thrown by ``init(scenario:)`` when the scenario is too large to enumerate.
    public struct TooLarge: Error, Sendable, Hashable, CustomStringConvertible {
        /// The scenario's number of firms.
        public var firms: Int
        /// The scenario's number of plots.
        public var plots: Int

        /// One line, e.g. `exhaustive search handles at most 7 firms and 7 plots; the scenario has 12 firms and 9 plots`.
        public var description: String {
            "exhaustive search handles at most \(ExhaustiveSearch.maxFirms) firms and \(ExhaustiveSearch.maxPlots) "
                + "plots; the scenario has \(firms) firms and \(plots) plots"
        }
    }

    /// What the enumeration found.
    public struct Outcome: Sendable, Hashable {
        /// The best feasible layout, or `nil` when no layout is feasible.
        public var layout: Layout?
        /// The verifier's report on ``layout`` (no violations), or `nil` when no layout is feasible.
        public var report: VerificationReport?
        /// How many layouts were tried (every one-to-one assignment of firms to eligible plots or to none).
        public var layoutsExamined: Int
        /// How many of them are feasible.
        public var feasibleLayouts: Int

        /// The best score, or `nil` when no layout is feasible.
        public var bestScore: Double? { report?.score.total }
    }

    private let scenario: Scenario
    private let verifier: LayoutVerifier
    /// Eligible plot indices of each firm, in scenario order.
    private let options: [[Int]]

    /// Prepares the enumeration.
    ///
    /// - Throws: ``TooLarge`` when the scenario has more than ``maxFirms`` firms or ``maxPlots`` plots.
    public init(scenario: Scenario) throws(TooLarge) {
        guard scenario.firms.count <= Self.maxFirms, scenario.site.plots.count <= Self.maxPlots else {
            throw TooLarge(firms: scenario.firms.count, plots: scenario.site.plots.count)
        }
        self.scenario = scenario
        verifier = LayoutVerifier(scenario: scenario)
        let eligibility = Eligibility(scenario: scenario)
        let plots = scenario.site.plots
        // The plots the firm's own needs allow; locks and reserved plots are left to the verifier, so that the
        // formulation's handling of them (no variable, must place) is checked against the verifier's.
        options = scenario.firms.map { firm in
            plots.indices.filter { eligibility.needReasons(firm: firm, plot: plots[$0]).isEmpty }
        }
    }

    /// Calls `body` with every layout (plot index per firm, `nil` unplaced), in enumeration order.
    private func enumerate(_ body: ([Int?]) -> Void) {
        let n = scenario.firms.count
        var plotOf = [Int?](repeating: nil, count: n)
        var used = [Bool](repeating: false, count: scenario.site.plots.count)
        func visit(_ i: Int) {
            if i == n {
                body(plotOf)
                return
            }
            plotOf[i] = nil
            visit(i + 1)
            for p in options[i] where !used[p] {
                used[p] = true
                plotOf[i] = p
                visit(i + 1)
                used[p] = false
            }
            plotOf[i] = nil
        }
        visit(0)
    }

    /// The best score and, for every feasible layout scoring within `tolerance` (relative, times `max(1, |best|)`)
    /// of it, the set of firms it places; `nil` when no layout is feasible. The lottery's oracle: a firm is tied
    /// when some of these sets hold it and some do not.
    public func optimalPlacedSets(tolerance: Double = 1e-9) -> (score: Double, sets: Set<Set<String>>)? {
        var scored: [(placed: Set<String>, total: Double)] = []
        enumerate { plotOf in
            guard let score = verifier.feasibleScore(plotOf: plotOf) else { return }
            let placed = Set(plotOf.indices.filter { plotOf[$0] != nil }.map { scenario.firms[$0].id })
            scored.append((placed, score.total))
        }
        guard let best = scored.map(\.total).max() else { return nil }
        let floor = best - tolerance * max(1, abs(best))
        return (best, Set(scored.filter { $0.total >= floor }.map(\.placed)))
    }

    /// Tries every layout and returns the best feasible one.
    public func run() -> Outcome {
        var best: (plotOf: [Int?], total: Double)?
        var examined = 0, feasible = 0
        enumerate { plotOf in
            examined += 1
            guard let score = verifier.feasibleScore(plotOf: plotOf) else { return }
            feasible += 1
            if best == nil || score.total > best!.total + LayoutVerifier.tolerance {
                best = (plotOf, score.total)
            }
        }
        let n = scenario.firms.count

        guard let best else { return Outcome(layout: nil, report: nil, layoutsExamined: examined, feasibleLayouts: 0) }
        var assignments: [String: String] = [:]
        for i in 0..<n { if let p = best.plotOf[i] { assignments[scenario.firms[i].id] = scenario.site.plots[p].id } }
        let layout = Layout(assignments: assignments)
        let report = verifier.verify(layout)
        precondition(report.isFeasible, "exhaustive search: the fast check and verify(_:) disagree")
        return Outcome(layout: layout, report: report, layoutsExamined: examined, feasibleLayouts: feasible)
    }
}
