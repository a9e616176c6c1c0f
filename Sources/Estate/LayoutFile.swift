import Foundation

/// The layout file `plotalloc solve --output FILE` writes and other commands (`score`, `compare`) read back.
///
/// JSON, UTF-8 (also described in `plotalloc solve --help`):
/// ```json
/// {"format": "plotalloc-layout", "version": 1, "scenario": "Bekasi IKM cluster, phase 1",
///  "status": "optimal", "objective": 812.5,
///  "assignments": [{"firm": "F01", "plot": "P03"}, {"firm": "F02", "plot": "P07"}]}
/// ```
/// ``LayoutDocument/read(path:)`` reads it back: only `assignments` is needed; `format`, when present, must be
/// `plotalloc-layout` and `version` 1. Unplaced firms are simply absent. A firm listed twice is an error (a layout
/// gives each firm at most one plot); whether the layout keeps the rules is the verifier's business, not the reader's.
/// A layout that cuts raw land or merges plots also lists its derived sites, and its assignments name them by id:
/// `"sites": [{"kind": "kavling", "block": "R1", "start": 0, "end": 24}, {"kind": "merged", "plots": ["A03", "A04"]}]`
/// with `{"firm": "F01", "plot": "R1[0-24]"}`, `{"firm": "F02", "plot": "A03+A04"}`.
public struct LayoutFile: Sendable, Hashable, Codable {
    /// One firm → plot pair.
    public struct Entry: Sendable, Hashable, Codable {
        /// The firm id.
        public var firm: String
        /// The plot id.
        public var plot: String
    }

    /// Always `plotalloc-layout`.
    public var format: String?
    /// The file format's version, 1.
    public var version: Int?
    /// The name of the scenario the layout was made for (informational).
    public var scenario: String?
    /// The status of the run that made it (informational): `optimal`, `feasible`, or absent for hand-made files.
    public var status: String?
    /// The score the run reported (informational; readers recompute it).
    public var objective: Double?
    /// `true` when a stop signal (Ctrl-C, SIGTERM, SIGHUP) interrupted the search that made the layout (the best
    /// found so far, verified); absent otherwise.
    public var interrupted: Bool?
    /// The assignments, in scenario order of the firms when written by plotalloc.
    public var assignments: [Entry]
    /// The layout's derived sites (kavlings, merged runs), absent when it has none; assignments name them by id.
    public var sites: [DerivedSite]?

    /// Makes a file for `layout`, listing firms in the order of `firmOrder` (ids not in it last, sorted).
    public init(layout: Layout, scenario: String?, status: String?, objective: Double?, firmOrder: [String] = [],
                interrupted: Bool = false) {
        format = "plotalloc-layout"
        self.interrupted = interrupted ? true : nil
        version = 1
        self.scenario = scenario
        self.status = status
        self.objective = objective
        let rank = Dictionary(firmOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        assignments = layout.assignments
            .sorted { (rank[$0.key] ?? .max, $0.key) < (rank[$1.key] ?? .max, $1.key) }
            .map { Entry(firm: $0.key, plot: $0.value) }
        sites = layout.sites.isEmpty ? nil : layout.sites
    }

    /// The layout the file holds.
    public var layout: Layout {
        Layout(assignments: Dictionary(assignments.map { ($0.firm, $0.plot) }, uniquingKeysWith: { a, _ in a }),
               sites: sites ?? [])
    }

    /// The file's text: pretty-printed JSON with sorted keys and a final newline.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
