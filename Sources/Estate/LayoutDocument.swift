import Foundation
import Yams

/// A layout as read from a file: the JSON ``LayoutFile`` that `solve --output` writes, or a CSV a planner types.
///
/// **JSON** (YAML accepted too): an object with `assignments`, a list of `{"firm": id, "plot": id}`. `format`, when
/// present, must be `plotalloc-layout` and `version` 1; `scenario` is kept as ``scenarioName``; other keys are
/// ignored, so `solve --json` output reads as a layout too. A `plot` of `null` (or none) lists the firm as unplaced.
/// ```json
/// {"format": "plotalloc-layout", "version": 1, "scenario": "Bekasi phase 1",
///  "assignments": [{"firm": "F1", "plot": "P3"}, {"firm": "F2", "plot": "P7"}]}
/// ```
/// **GeoJSON** (`.geojson`, or JSON whose `type` is `FeatureCollection`): the file `solve --geojson` writes,
/// perhaps edited in QGIS; each feature's `plot` property is its plot and `firm` the firm on it (`null`: empty); a
/// feature of `kind` `kavling` (`block`, `start_m`, `end_m`) or `merged` (`plots`, ids joined by `+`) is also a site
/// the layout cuts or merges.
///
/// **CSV**: one `firm,plot` per line. A first line naming the columns is a header: it must have a `firm` and a
/// `plot` column, in any position, other columns being ignored (so `solve --csv` output reads back); without a header
/// the first two columns are firm and plot and no more are allowed. An empty plot (`F9,`) lists the firm as
/// unplaced; blank lines and lines starting with `#` are skipped; fields may be double-quoted (`""` for a quote); a
/// semicolon separates fields instead when the first row has a semicolon and no comma (spreadsheets in an Indonesian
/// locale export so); trailing empty fields are ignored. A layout that cuts raw land or merges plots adds a second
/// table after the first, from a header `site,kind,…` on (the cut plan `solve --csv` writes): each row a kavling
/// (`kind` `kavling` with `block`, `start_m`, `end_m`), a merged run (`merged` with `plots`, ids joined by `+`) or
/// an `uncut` stretch (ignored); other columns are ignored.
///
/// Reading checks the file's form only: a firm listed twice is an error (a firm has at most one plot), while ids the
/// scenario does not have, shared plots and broken rules are left to ``LayoutVerifier``, so that a hand-made layout
/// is scored rather than rejected.
public struct LayoutDocument: Sendable, Hashable {
    /// The two formats.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// The JSON ``LayoutFile`` `solve --output` writes (YAML accepted).
        case json
        /// `firm,plot` lines.
        case csv
        /// A GeoJSON FeatureCollection with `plot` and `firm` properties per feature (`solve --geojson`, edited in
        /// QGIS).
        case geojson
    }

    /// The layout: firm → plot, for the firms listed with a plot.
    public var layout: Layout
    /// The scenario name the file states (JSON only), or `nil`.
    public var scenarioName: String?
    /// The format it was read in.
    public var format: Format
    /// The 1-based line each listed firm is on, for messages.
    public var lines: [String: Int]
    /// Firms listed without a plot, in file order.
    public var listedUnplaced: [String]

    /// Makes a document.
    public init(layout: Layout, scenarioName: String? = nil, format: Format, lines: [String: Int] = [:],
                listedUnplaced: [String] = []) {
        self.layout = layout
        self.scenarioName = scenarioName
        self.format = format
        self.lines = lines
        self.listedUnplaced = listedUnplaced
    }

    /// An error when the layout's columns look swapped for `scenario`: more entries name a plot of the scenario as the
    /// firm and a firm as the plot than name a known firm (a CSV typed `plot,firm` without a header, which would
    /// otherwise score 0 with "unknown firm P2"). `file` is the layout file's name, for the message; the line is the
    /// first swapped entry's. `nil` when the layout reads the right way round (or is empty).
    public func swappedColumnsError(scenario: Scenario, file: String) -> LayoutFileError? {
        let firms = Set(scenario.firms.map(\.id)), plots = Set(scenario.site.plots.map(\.id))
        let entries = layout.assignments.sorted { (lines[$0.key] ?? .max, $0.key) < (lines[$1.key] ?? .max, $1.key) }
        let swapped = entries.filter { !firms.contains($0.key) && plots.contains($0.key) && firms.contains($0.value) }
        let known = entries.filter { firms.contains($0.key) }.count
        guard let first = swapped.first, swapped.count > known else { return nil }
        let (plot, firm) = (first.key, first.value)
        let order = format == .csv ? "firm,plot" : "{\"firm\": …, \"plot\": …}"
        return LayoutFileError(
            file: file, line: lines[plot], column: lines[plot] == nil ? nil : 1, path: "firm",
            message: "found plot \(YAMLNodes.quote(plot)) as the firm and firm \(YAMLNodes.quote(firm)) as the plot "
                + "(\(swapped.count) of \(entries.count) entries read so); expected \(order): the columns look swapped"
                + (format == .csv ? " (swap them, or add the header line plot,firm)" : ""))
    }

    /// Files larger than this (bytes) are refused.
    public static let maxFileSize = 16 << 20

    // MARK: - Reading

    /// Reads the layout file at `path`; the format comes from the extension (`.csv`; `.json`, `.yaml`, `.yml`) or,
    /// for any other name, from the first non-blank character (`{` for JSON, else CSV).
    ///
    /// - Throws: ``LayoutFileError`` naming `path` as given: unreadable, not UTF-8, or malformed.
    public static func read(path: String) throws(LayoutFileError) -> LayoutDocument {
        let name = path == YAMLInput.standardInputName ? YAMLInput.standardInputLabel : path
        let text: String
        do {
            let bytes = try YAMLInput.bytes(path: path, limit: maxFileSize, noun: "layout file (JSON or CSV)")
            text = try YAMLInput.text(bytes)
        } catch {
            throw LayoutFileError(file: name, line: error.line, column: error.column, message: error.message)
        }
        let ext = (path as NSString).pathExtension.lowercased()
        let format: Format? = ext == "csv" ? .csv : ext == "geojson" ? .geojson
            : (["json", "yaml", "yml"].contains(ext) ? .json : nil)
        return try parse(text, file: name, format: format)
    }

    /// Parses layout text; `file` names it in errors. `format` `nil` sniffs it (`{` first → JSON, else CSV).
    ///
    /// - Throws: ``LayoutFileError`` at the line and column of the first problem.
    public static func parse(_ text: String, file: String, format: Format? = nil) throws(LayoutFileError)
        -> LayoutDocument
    {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let sniffed = format ?? (body.first(where: { !$0.isWhitespace }) == "{" ? .json : .csv)
        switch sniffed {
        case .json: return try parseJSON(body, file: file)
        case .csv: return try parseCSV(body, file: file)
        case .geojson: return try parseGeoJSON(body, file: file)
        }
    }

    /// A layout from `solve --geojson`'s FeatureCollection, perhaps edited in QGIS: each feature's `plot` property
    /// names its plot and `firm` the firm on it (`null` or absent: empty). A firm on two plots is an error. Features
    /// whose `kind` is another than `plot` (a drawn treatment unit) are skipped.
    private static func parseGeoJSON(_ text: String, file: String) throws(LayoutFileError) -> LayoutDocument {
        let collection: GeoJSONFile
        do throws(ScenarioError) { collection = try GeoJSONFile.parse(text: text, file: file) } catch {
            let d = error.diagnostics[0]
            throw LayoutFileError(file: d.file, line: d.line, column: d.column, path: d.path, message: d.message)
        }
        var assignments: [String: String] = [:]
        var lines: [String: Int] = [:]
        var sites: [DerivedSite] = []
        for feature in collection.features {
            let path = "features[\(feature.index)].properties"
            func fail(_ property: GeoJSONFile.Property?, _ key: String, _ message: String) -> LayoutFileError {
                let mark = property?.mark ?? feature.mark
                return LayoutFileError(file: file, line: mark?.line, column: mark?.column, path: path + "." + key,
                                       message: message)
            }
            // A drawn treatment unit (`kind: treatment_unit`) is part of the site, not of the layout; a kavling or a
            // merged run is a site the layout makes.
            var kind = "plot"
            if case .string(let k)? = feature.properties["kind"]?.value { kind = k }
            guard ["plot", "kavling", "merged"].contains(kind) else { continue }
            let plotProperty = feature.properties["plot"]
            guard case .string(let plot)? = plotProperty?.value, !plot.isEmpty else {
                throw fail(plotProperty, "plot", "found \(plotProperty?.value.described ?? "nothing"); expected the plot id "
                    + "(a layout written by solve --geojson has one per feature)")
            }
            func text(_ key: String) throws(LayoutFileError) -> String {
                guard case .string(let v)? = feature.properties[key]?.value, !v.isEmpty else {
                    throw fail(feature.properties[key], key, "found \(feature.properties[key]?.value.described ?? "nothing"); "
                        + "expected the \(kind)'s \(key) (solve --geojson writes it)")
                }
                return v
            }
            func metres(_ key: String) throws(LayoutFileError) -> Double {
                guard case .number(let v)? = feature.properties[key]?.value, v.isFinite else {
                    throw fail(feature.properties[key], key, "found \(feature.properties[key]?.value.described ?? "nothing"); "
                        + "expected metres along the block's frontage")
                }
                return v
            }
            if kind == "kavling" {
                sites.append(.kavling(Kavling(block: try text("block"), start: try metres("start_m"), end: try metres("end_m"))))
            } else if kind == "merged" {
                sites.append(.merged(MergedRun(plots: try text("plots").split(separator: "+").map(String.init))))
            }
            let firmProperty = feature.properties["firm"]
            switch firmProperty?.value {
            case nil, .null?:
                continue
            case .string(let firm)? where !firm.isEmpty:
                if let first = lines[firm] {
                    throw fail(firmProperty, "firm", "found firm \(YAMLNodes.quote(firm)) again (first at line "
                        + "\(first)); expected each firm on one plot")
                }
                lines[firm] = firmProperty?.mark?.line ?? 0
                assignments[firm] = plot
            case let other?:
                throw fail(firmProperty, "firm", "found \(other.described); expected a firm id or null (empty plot)")
            }
        }
        return LayoutDocument(layout: Layout(assignments: assignments, sites: sites), format: .geojson, lines: lines)
    }

    private static func parseJSON(_ text: String, file: String) throws(LayoutFileError) -> LayoutDocument {
        let root: Node
        do {
            try YAMLInput.scan(text)
            guard let node = try Yams.compose(yaml: text) else {
                throw LayoutFileError(file: file, line: 1, column: 1,
                                      message: "found an empty file; expected {\"assignments\": [...]}")
            }
            root = try YAMLInput.expand(node)
        } catch let error as LayoutFileError {
            throw error
        } catch let problem as YAMLInput.Problem {
            throw LayoutFileError(file: file, line: problem.line, column: problem.column, message: problem.message)
        } catch {
            throw syntaxError(error, file: file)
        }
        func at(_ node: Node, _ path: String, _ message: String) -> LayoutFileError {
            LayoutFileError(file: file, line: node.mark?.line, column: node.mark?.column, path: path, message: message)
        }
        guard case .mapping = root else {
            throw at(root, "", "found \(YAMLNodes.describe(root)); expected an object with \"assignments\"")
        }
        if YAMLNodes.value(of: "type", in: root)?.scalar?.string == "FeatureCollection" {
            return try parseGeoJSON(text, file: file)
        }
        if let format = YAMLNodes.value(of: "format", in: root), !YAMLNodes.isNull(format),
           format.scalar?.string != "plotalloc-layout" {
            throw at(format, "format", "found \(YAMLNodes.describe(format)); expected \"plotalloc-layout\"")
        }
        if let version = YAMLNodes.value(of: "version", in: root), !YAMLNodes.isNull(version),
           version.scalar?.string != "1" {
            throw at(version, "version", "found \(YAMLNodes.describe(version)); expected 1")
        }
        var scenarioName: String?
        if let name = YAMLNodes.value(of: "scenario", in: root), !YAMLNodes.isNull(name) {
            guard case .scalar(let s) = name else {
                throw at(name, "scenario", "found \(YAMLNodes.describe(name)); expected the scenario's name")
            }
            scenarioName = s.string
        }
        guard let list = YAMLNodes.value(of: "assignments", in: root) else {
            throw at(root, "assignments", "missing; expected a list of {\"firm\": id, \"plot\": id}")
        }
        guard case .sequence(let items) = list else {
            throw at(list, "assignments", "found \(YAMLNodes.describe(list)); expected a list of {\"firm\", \"plot\"}")
        }
        var assignments: [String: String] = [:]
        var lines: [String: Int] = [:]
        var unplaced: [String] = []
        for (i, item) in items.enumerated() {
            let path = "assignments[\(i)]"
            guard case .mapping(let m) = item else {
                throw at(item, path, "found \(YAMLNodes.describe(item)); expected {\"firm\": id, \"plot\": id}")
            }
            for pair in YAMLNodes.pairs(of: m) where pair.name != "firm" && pair.name != "plot" {
                throw at(pair.key, path, "found key \(YAMLNodes.describe(pair.key)); expected only \"firm\" and \"plot\"")
            }
            guard let firmNode = YAMLNodes.value(of: "firm", in: item) else {
                throw at(item, path + ".firm", "missing; expected a firm id")
            }
            guard case .scalar(let firmScalar) = firmNode, !YAMLNodes.isNull(firmNode),
                  !firmScalar.string.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw at(firmNode, path + ".firm", "found \(YAMLNodes.describe(firmNode)); expected a firm id")
            }
            let firm = firmScalar.string
            let line = firmNode.mark?.line ?? item.mark?.line ?? 0
            if let first = lines[firm] {
                throw at(firmNode, path + ".firm",
                         "found firm \(YAMLNodes.quote(firm)) again (first at line \(first)); expected each firm once")
            }
            lines[firm] = line
            guard let plotNode = YAMLNodes.value(of: "plot", in: item), !YAMLNodes.isNull(plotNode) else {
                unplaced.append(firm)
                continue
            }
            guard case .scalar(let plotScalar) = plotNode,
                  !plotScalar.string.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw at(plotNode, path + ".plot", "found \(YAMLNodes.describe(plotNode)); expected a plot id or null")
            }
            assignments[firm] = plotScalar.string
        }
        let sites = try parseSites(root, at)
        return LayoutDocument(layout: Layout(assignments: assignments, sites: sites), scenarioName: scenarioName,
                              format: .json, lines: lines, listedUnplaced: unplaced)
    }

    /// The JSON file's `sites` (absent: none): each `{"kind": "kavling", "block": id, "start": m, "end": m}` or
    /// `{"kind": "merged", "plots": [id, …]}`.
    private static func parseSites(
        _ root: Node, _ at: (Node, String, String) -> LayoutFileError
    ) throws(LayoutFileError) -> [DerivedSite] {
        guard let list = YAMLNodes.value(of: "sites", in: root), !YAMLNodes.isNull(list) else { return [] }
        guard case .sequence(let items) = list else {
            throw at(list, "sites", "found \(YAMLNodes.describe(list)); expected a list of kavlings and merged runs")
        }
        var sites: [DerivedSite] = []
        for (i, item) in items.enumerated() {
            let path = "sites[\(i)]"
            let expected = "expected {\"kind\": \"kavling\", \"block\", \"start\", \"end\"} or {\"kind\": \"merged\", \"plots\"}"
            guard case .mapping = item, let kindNode = YAMLNodes.value(of: "kind", in: item) else {
                throw at(item, path, "found \(YAMLNodes.describe(item)); \(expected)")
            }
            func string(_ key: String) throws(LayoutFileError) -> String {
                guard let n = YAMLNodes.value(of: key, in: item), case .scalar(let v) = n, !YAMLNodes.isNull(n),
                      !v.string.isEmpty else {
                    throw at(YAMLNodes.value(of: key, in: item) ?? item, path + "." + key, "missing or empty; \(expected)")
                }
                return v.string
            }
            func metres(_ key: String) throws(LayoutFileError) -> Double {
                let text = try string(key)
                guard let v = Double(text), v.isFinite else {
                    throw at(YAMLNodes.value(of: key, in: item)!, path + "." + key, "found \"\(text)\"; expected metres")
                }
                return v
            }
            switch kindNode.scalar?.string {
            case "kavling":
                sites.append(.kavling(Kavling(block: try string("block"), start: try metres("start"), end: try metres("end"))))
            case "merged":
                guard let plotsNode = YAMLNodes.value(of: "plots", in: item), case .sequence(let ids) = plotsNode else {
                    throw at(item, path + ".plots", "missing; expected a list of plot ids")
                }
                var plots: [String] = []
                for id in ids {
                    guard case .scalar(let v) = id, !YAMLNodes.isNull(id), !v.string.isEmpty else {
                        throw at(id, path + ".plots", "found \(YAMLNodes.describe(id)); expected a plot id")
                    }
                    plots.append(v.string)
                }
                sites.append(.merged(MergedRun(plots: plots)))
            default:
                throw at(kindNode, path + ".kind", "found \(YAMLNodes.describe(kindNode)); expected kavling or merged")
            }
        }
        return sites
    }

    private static func syntaxError(_ error: any Error, file: String) -> LayoutFileError {
        guard let yamlError = error as? YamlError else {
            return LayoutFileError(file: file, message: "syntax: \(error)")
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return LayoutFileError(file: file, line: mark.line, column: mark.column,
                                   message: "syntax: \(problem); expected JSON")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { YAMLNodes.quote($0) }.joined(separator: ", ")
            return LayoutFileError(file: file, line: context.mark.line, column: context.mark.column,
                                   message: "found key \(keys) twice in one object; expected each key once")
        default:
            return LayoutFileError(file: file, message: "syntax: \(yamlError); expected JSON")
        }
    }

    /// One CSV field with the column it starts at.
    private struct Field {
        var text: String
        var column: Int
    }

    private static func parseCSV(_ text: String, file: String) throws(LayoutFileError) -> LayoutDocument {
        var assignments: [String: String] = [:]
        var lines: [String: Int] = [:]
        var unplaced: [String] = []
        var separator: Character?
        var sawData = false
        var columns = (firm: 0, plot: 1, count: 2)
        // Split on scalars: "\r\n" is one Character, so splitting the String on "\n" would miss it.
        let rows = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars in
            String(String.UnicodeScalarView(scalars.last == "\r" ? scalars.dropLast() : scalars[...]))
        }
        var sites: [DerivedSite] = []
        var siteColumns: [String: Int]?
        for (index, row) in rows.enumerated() {
            let lineNumber = index + 1
            let trimmed = row.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if separator == nil { separator = (row.contains(";") && !row.contains(",")) ? ";" : "," }
            var fields = try split(row, separator: separator!, file: file, line: lineNumber)
            let names = fields.map { $0.text.trimmingCharacters(in: .whitespaces).lowercased() }
            if names.first == "site" && names.contains("kind") {
                siteColumns = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                sawData = true
                continue
            }
            if let siteColumns {
                if let site = try cutPlanSite(fields, columns: siteColumns, file: file, line: lineNumber, row: row) {
                    sites.append(site)
                }
                continue
            }
            if !sawData {
                sawData = true
                let names = fields.map { $0.text.trimmingCharacters(in: .whitespaces).lowercased() }
                if names.contains("firm") || names.contains("plot") {
                    guard let f = names.firstIndex(of: "firm"), let p = names.firstIndex(of: "plot") else {
                        let missing = names.contains("firm") ? "plot" : "firm"
                        throw LayoutFileError(
                            file: file, line: lineNumber, column: row.unicodeScalars.count + 1,
                            message: "found a header without a \(missing) column; expected firm\(separator!)plot")
                    }
                    columns = (f, p, names.count)
                    continue
                }
            }
            if columns.count == 2 {
                while fields.count > 2, fields.last!.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    fields.removeLast()
                }
            }
            guard columns.count == 2 ? fields.count == 2 : fields.count > max(columns.firm, columns.plot) else {
                let column = fields.count > columns.count ? fields[columns.count].column : row.unicodeScalars.count + 1
                let expected = columns.count == 2 ? "firm\(separator!)plot (leave the plot empty for an unplaced firm)"
                    : "\(columns.count) fields as in the header"
                throw LayoutFileError(
                    file: file, line: lineNumber, column: column,
                    message: "found \(fields.count) field\(fields.count == 1 ? "" : "s"); expected \(expected)")
            }
            let firmField = fields[columns.firm]
            let firm = firmField.text.trimmingCharacters(in: .whitespaces)
            let plot = fields[columns.plot].text.trimmingCharacters(in: .whitespaces)
            guard !firm.isEmpty else {
                throw LayoutFileError(file: file, line: lineNumber, column: firmField.column, path: "firm",
                                      message: "missing; expected a firm id")
            }
            if let first = lines[firm] {
                throw LayoutFileError(
                    file: file, line: lineNumber, column: firmField.column, path: "firm",
                    message: "found firm \(YAMLNodes.quote(firm)) again (first at line \(first)); expected each firm "
                        + "once")
            }
            lines[firm] = lineNumber
            if plot.isEmpty { unplaced.append(firm) } else { assignments[firm] = plot }
        }
        return LayoutDocument(layout: Layout(assignments: assignments, sites: sites), format: .csv, lines: lines,
                          listedUnplaced: unplaced)
    }

    /// One row of a CSV's cut-plan table (`site,kind,block,start_m,end_m,…,plots`, as `solve --csv` writes it): a
    /// kavling (`block`, `start_m`, `end_m`), a merged run (`plots`, ids joined by `+`), or `nil` for an `uncut`
    /// stretch; other columns are ignored.
    private static func cutPlanSite(
        _ fields: [Field], columns: [String: Int], file: String, line: Int, row: String
    ) throws(LayoutFileError) -> DerivedSite? {
        func value(_ name: String) throws(LayoutFileError) -> String {
            guard let i = columns[name] else {
                throw LayoutFileError(file: file, line: line, column: 1, path: name,
                                      message: "the cut-plan table has no \(name) column; expected site,kind,block,"
                                        + "start_m,end_m,width_m,area_m2,firm,plots")
            }
            let text = i < fields.count ? fields[i].text.trimmingCharacters(in: .whitespaces) : ""
            guard !text.isEmpty else {
                throw LayoutFileError(file: file, line: line, column: i < fields.count ? fields[i].column : row.unicodeScalars.count + 1,
                                      path: name, message: "missing; expected a value")
            }
            return text
        }
        func metres(_ name: String) throws(LayoutFileError) -> Double {
            let text = try value(name)
            guard let v = Double(text), v.isFinite else {
                throw LayoutFileError(file: file, line: line, column: fields[columns[name]!].column, path: name,
                                      message: "found \"\(text)\"; expected metres")
            }
            return v
        }
        switch try value("kind").lowercased() {
        case "kavling":
            return .kavling(Kavling(block: try value("block"), start: try metres("start_m"), end: try metres("end_m")))
        case "merged":
            return .merged(MergedRun(plots: try value("plots").split(separator: "+").map {
                $0.trimmingCharacters(in: .whitespaces)
            }))
        case "uncut":
            return nil
        case let other:
            throw LayoutFileError(file: file, line: line, column: fields[columns["kind"]!].column, path: "kind",
                                  message: "found \"\(other)\"; expected kavling, merged or uncut")
        }
    }

    /// Splits one CSV row into fields, honouring double quotes.
    private static func split(_ row: String, separator: Character, file: String, line: Int) throws(LayoutFileError)
        -> [Field]
    {
        var fields: [Field] = []
        var current = ""
        var start = 1
        var column = 0
        var inQuotes = false
        var quoteOpened = 0
        var wasQuoted = false
        var scalars = Array(row.unicodeScalars)[...]
        while let ch = scalars.popFirst() {
            column += 1
            if inQuotes {
                if ch == "\"" {
                    if scalars.first == "\"" {
                        scalars.removeFirst()
                        column += 1
                        current.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.unicodeScalars.append(ch)
                }
            } else if Character(ch) == separator {
                fields.append(Field(text: current, column: start))
                current = ""
                start = column + 1
                wasQuoted = false
            } else if ch == "\"" && current.trimmingCharacters(in: .whitespaces).isEmpty && !wasQuoted {
                inQuotes = true
                wasQuoted = true
                quoteOpened = column
                current = ""
            } else if wasQuoted && ch != " " && ch != "\t" {
                throw LayoutFileError(file: file, line: line, column: column,
                                      message: "found text after a closing quote; expected \(separator) or the end "
                                          + "of the line")
            } else {
                current.unicodeScalars.append(ch)
            }
        }
        if inQuotes {
            throw LayoutFileError(file: file, line: line, column: quoteOpened,
                                  message: "found a quote that is never closed; expected a closing \"")
        }
        fields.append(Field(text: current, column: start))
        return fields
    }
}
