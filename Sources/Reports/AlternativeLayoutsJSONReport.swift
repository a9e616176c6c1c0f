import Foundation
import Estate
import Allocation

/// The JSON form of an ``AlternativeLayoutSet``, as `plotalloc solve --alternatives K --json` prints it under
/// `alternatives`.
///
/// Keys (snake_case): `requested`, `found`, `within`, `reference`, `reference_is_optimal`, `floor`, `stop`
/// (`found`, `exhausted`, `time_limit`, `interrupted`), `layouts` (`[{rank, objective, score, proven_next,
/// assignments: [{firm, plot}]}]`, the first the solve's own), `frequency` (`[{firm, placed, plots: [{plot,
/// count}]}]`, every firm in scenario order), `robust_core` (ids placed in all), `same_plot_in_all`
/// (`[{firm, plot}]`), `never_placed` (ids), `solves`, `seconds`.
public struct AlternativeLayoutsJSONReport: Sendable, Encodable {
    struct Entry: Encodable, Sendable {
        var rank: Int
        var objective: Double
        var score: SolveJSONReport.Score
        var proven_next: Bool
        var assignments: [SolveJSONReport.Assignment]
    }

    struct PlotCount: Encodable, Sendable {
        var plot: String
        var count: Int
    }

    struct Frequency: Encodable, Sendable {
        var firm: String
        var placed: Int
        var plots: [PlotCount]
    }

    let requested: Int
    let found: Int
    let within: Double
    let reference: Double
    let reference_is_optimal: Bool
    let floor: Double
    let stop: String
    let layouts: [Entry]
    let frequency: [Frequency]
    let robust_core: [String]
    let same_plot_in_all: [SolveJSONReport.Assignment]
    let never_placed: [String]
    let solves: Int
    let seconds: Double

    /// Prepares the object.
    public init(scenario: Scenario, set: AlternativeLayoutSet) {
        requested = set.requested
        found = set.layouts.count
        within = set.within
        reference = set.reference
        reference_is_optimal = set.referenceIsOptimal
        floor = set.floor
        stop = set.stop.rawValue
        layouts = set.layouts.enumerated().map { i, e in
            Entry(rank: i + 1, objective: ReportJSON.rounded(e.score.total), score: ReportJSON.score(e.score), proven_next: e.isProvenNext,
                  assignments: ReportJSON.assignments(e.layout, in: scenario))
        }
        frequency = set.frequencies.map { f in
            Frequency(firm: f.firm, placed: f.placed, plots: f.plots.map { PlotCount(plot: $0.plot, count: $0.count) })
        }
        robust_core = set.robustCore
        same_plot_in_all = set.samePlotInAll.map { SolveJSONReport.Assignment(firm: $0.firm, plot: $0.plot) }
        never_placed = set.neverPlaced
        solves = set.solves
        seconds = set.seconds
    }

    /// The JSON text, pretty-printed with sorted keys, ending with a newline.
    public func render() -> String { ReportText.json(self) }
}
