import Foundation
import Yams
import PlotAllocSupport

/// Writes a scenario as YAML a planner can read: Yams' `YAMLEncoder` with the keys the types' `CodingKeys` define,
/// then restyled (one line per plot, rating, sector and block; numbers written plainly, `12500000000` rather than
/// `1.25e+10`), with comment lines on top and before each section.
///
/// The output decodes back (with `YAMLDecoder`) to a value equal to the scenario written, as long as its numbers
/// are finite; non-finite numbers are written as `.inf` / `.nan` and would be rejected by the loader.
public struct ScenarioWriter: Sendable {
    /// Lines written as `# ` comments at the top of the file; an empty line becomes a lone `#`.
    public var header: [String]

    /// Makes a writer with `header` comment lines.
    public init(header: [String] = []) {
        self.header = header
    }

    /// The comment put before each top-level section (and before `plots:` inside `site:`).
    static let sectionComments: [String: [String]] = [
        "metadata:": ["Name, description and units (fixed: m2, m, IDR)."],
        "site:": [
            "The land: phases (total land and the land that is not plots, for the land-use shares), zones,",
            "power blocks (capacity in kVA) and plots.",
        ],
        "  plots:": [
            "Plots: area m², centroid x, y (m; x east, y north of the main road), rectangle width x depth (m),",
            "zone, road frontage (main / local), power block, rent IDR per m² per year.",
        ],
        "sectors:": ["Sectors and the zones each may use."],
        "closeness:": [
            "Closeness chart (SLP): A absolutely necessary, E especially important, I important, O ordinary,",
            "U unimportant, X undesirable (kept at least the separation distance apart). Between sectors, then",
            "between firms (supply-chain partners), each with its reason.",
        ],
        "firms:": [
            "Applicants, incumbents (incumbent_plot: the plot they hold) and shared facilities. area: the plot sizes",
            "a firm can use (m²); turnover IDR per year; power_kva its load; max_rent IDR per m² per year.",
        ],
        "rules:": [
            "Neighbours: plots whose centroids are at most adjacency_distance apart (they earn closeness);",
            "X-rated pairs at least separation_distance apart; weights of ratings; incumbents; quotas; the value",
            "of placing a firm (base + per worker + per billion IDR turnover + per priority point).",
        ],
        "solver:": ["Solver settings; the command line's flags override them."],
    ]

    /// The YAML text of `scenario`.
    ///
    /// - Throws: `EncodingError` from Yams if the scenario cannot be encoded, or a Yams error if its own output
    ///   cannot be read back for restyling (neither happens for a scenario of finite numbers).
    public func yaml(for scenario: Scenario) throws -> String {
        let encoded = try YAMLEncoder().encode(scenario)
        guard let node = try Yams.compose(yaml: encoded) else { return encoded }
        let styled = Self.restyle(node, key: nil, inSequence: false, topKey: nil)
        let body = try Yams.serialize(node: styled, width: -1, allowUnicode: true)
        var out = header.map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n")
        if !out.isEmpty { out += "\n\n" }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if let comments = Self.sectionComments[String(line)] {
                let indent = String(line.prefix { $0 == " " })
                if line.first != " " && !out.isEmpty && !out.hasSuffix("\n\n") { out += "\n" }
                out += comments.map { indent + "# " + $0 + "\n" }.joined()
            }
            out += line + "\n"
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    /// Writes `scenario` to `path` whole (``AtomicFile``: a temporary file beside it, then a rename), so that a
    /// failure never leaves a partial file.
    ///
    /// - Throws: the encoding errors of ``yaml(for:)``, or the file system's error (`path` is then unchanged).
    public func write(_ scenario: Scenario, toFile path: String) throws {
        try AtomicFile.write(try yaml(for: scenario), to: URL(fileURLWithPath: path))
    }

    /// Flow style for list entries (except firms), small maps and lists of scalars; numbers written plainly.
    static func restyle(_ node: Node, key: String?, inSequence: Bool, topKey: String?) -> Node {
        switch node {
        case .scalar(var scalar):
            if scalar.style == .plain || scalar.style == .any, node.tag == Tag(.float),
                let value = Double(scalar.string), value.isFinite
            {
                scalar.string = plainNumber(value)
            }
            return .scalar(scalar)
        case .mapping(var mapping):
            let small = ["area", "units", "rating_weights", "placement_value", "incumbents", "other_land"]
            let flow = (inSequence && topKey != "firms") || small.contains(key ?? "")
            var pairs: [(Node, Node)] = []
            for (k, v) in mapping {
                let name = k.string ?? ""
                pairs.append((k, restyle(v, key: name, inSequence: false, topKey: topKey ?? name)))
            }
            let style: Node.Mapping.Style = flow ? .flow : .block
            mapping = Node.Mapping(pairs, mapping.tag, style)
            return .mapping(mapping)
        case .sequence(let sequence):
            let items = sequence.map { restyle($0, key: nil, inSequence: true, topKey: topKey) }
            let allScalars = items.allSatisfy { if case .scalar = $0 { true } else { false } }
            return .sequence(Node.Sequence(items, sequence.tag, allScalars ? .flow : .block))
        case .alias:
            return node
        }
    }

    /// `value` as a plain number: a whole number without a decimal point, otherwise Swift's shortest round-trip form.
    static func plainNumber(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
