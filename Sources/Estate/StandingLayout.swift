import Foundation

/// The standing layout of a scenario: a layout file (`solve --output` JSON, or CSV) whose firms become the
/// scenario's incumbents, each on its plot, so that a phase starts from the one before it as solved.
///
/// Used by the loader for the scenario key `incumbents_from` and by `solve --incumbents` / `generate --incumbents`.
/// Every firm the file places becomes an incumbent on that plot; every other firm is an applicant (any
/// `incumbent_plot` it had is dropped). The incumbent policy (`rules.incumbents`) is the scenario's own.
public enum StandingLayout {
    /// One problem of a standing layout, with the layout file's line when known.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The layout file as given.
        public var file: String
        /// 1-based line of the firm in the file, when known.
        public var line: Int?
        /// What is wrong and what was expected.
        public var message: String

        /// The problem as `file:line: message`.
        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    /// `scenario` with the firms of `document` as its incumbents (and no other incumbent).
    ///
    /// - Parameter file: the layout file's name, for the problems' text.
    /// - Throws: ``StandingLayoutError`` with every problem found: a firm or plot the scenario does not have (with a
    ///   did-you-mean), two firms on one plot, a firm on a plot it may not take (``Eligibility``).
    public static func apply(_ document: LayoutDocument, file: String, to scenario: Scenario)
        throws(StandingLayoutError) -> Scenario
    {
        var out = scenario
        let firmIDs = scenario.firms.map(\.id)
        let plotIDs = scenario.site.plots.map(\.id)
        let firmIndex = Dictionary(firmIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let plotByID = Dictionary(scenario.site.plots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let eligibility = Eligibility(scenario: scenario)
        var problems: [Problem] = []
        var holder: [String: String] = [:]
        for i in out.firms.indices { out.firms[i].incumbentPlot = nil }
        let ordered = document.layout.assignments.sorted {
            (document.lines[$0.key] ?? .max, $0.key) < (document.lines[$1.key] ?? .max, $1.key)
        }
        for (firmID, plotID) in ordered {
            let line = document.lines[firmID]
            func problem(_ message: String) { problems.append(Problem(file: file, line: line, message: message)) }
            guard let f = firmIndex[firmID] else {
                problem("unknown firm \(YAMLNodes.quote(firmID)); " + suggestion(firmID, firmIDs, "firm"))
                continue
            }
            guard let plot = plotByID[plotID] else {
                problem("unknown plot \(YAMLNodes.quote(plotID)) (given to \(firmID)); "
                    + suggestion(plotID, plotIDs, "plot"))
                continue
            }
            if let other = holder[plotID] {
                problem("plot \(YAMLNodes.quote(plotID)) is given to \(other) and \(firmID); expected one firm per plot")
                continue
            }
            holder[plotID] = firmID
            let reasons = eligibility.reasons(firm: scenario.firms[f], plot: plot)
            if !reasons.isEmpty {
                problem("firm \(YAMLNodes.quote(firmID)) may not take \(YAMLNodes.quote(plotID)): "
                    + reasons.map(\.description).joined(separator: ", ") + "; expected a plot it is eligible for")
                continue
            }
            out.firms[f].incumbentPlot = plotID
        }
        guard problems.isEmpty else { throw StandingLayoutError(problems: problems) }
        return out
    }

    /// Reads the layout file at `path` and applies it (``apply(_:file:to:)``); `path` names the file in problems.
    ///
    /// - Throws: the file's ``LayoutFileError`` (as one problem) or the problems of ``apply(_:file:to:)``.
    public static func apply(path: String, to scenario: Scenario) throws(StandingLayoutError) -> Scenario {
        let document: LayoutDocument
        do {
            document = try LayoutDocument.read(path: path)
        } catch {
            throw StandingLayoutError(problems: [Problem(file: path, line: error.line, message:
                (error.path.isEmpty ? "" : error.path + ": ") + error.message)])
        }
        return try apply(document, file: path, to: scenario)
    }

    /// The path of `incumbents_from` as given in `scenarioFile`: relative paths are taken from the scenario file's
    /// directory.
    public static func resolve(_ path: String, relativeTo scenarioFile: String) -> String {
        if path.hasPrefix("/") { return path }
        let dir = (scenarioFile as NSString).deletingLastPathComponent
        return dir.isEmpty ? path : (dir as NSString).appendingPathComponent(path)
    }

    private static func suggestion(_ value: String, _ known: [String], _ noun: String) -> String {
        if let near = DidYouMean.suggestion(for: value, among: known) { return "did you mean \"\(near)\"?" }
        return "expected a \(noun) of the scenario"
    }
}

/// The problems of a standing layout (``StandingLayout``), never empty.
public struct StandingLayoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Each problem, in file order.
    public var problems: [StandingLayout.Problem]

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
