import Foundation
import Yams

/// Reads scenario files: YAML through Yams into ``Scenario``, with every problem reported at its
/// `file:line:column` and key path.
///
/// Loading runs in four stages, each reporting all it finds (up to ``maxErrors``) before stopping:
/// 1. reading the file (missing, a directory, larger than ``maxFileSize``, not UTF-8);
/// 2. YAML syntax (libyaml's message, position and caret line; a duplicate key in a mapping);
/// 3. shape: unknown keys (with a did-you-mean), missing keys, wrong types, words outside an enum;
/// 4. meaning: duplicate ids, unknown references, numbers out of range, inconsistent ratings, incumbents on plots
///    they may not take, malformed quotas (see ``check(_:file:)``).
///
/// Semantic checks run only once the shape is right, so a file with shape errors reports those first.
public enum ScenarioLoader {
    /// The most diagnostics a ``ScenarioError`` carries; the rest are counted in ``ScenarioError/omitted``.
    public static let maxErrors = 50
    /// Files larger than this (bytes) are refused before parsing.
    public static let maxFileSize = 64 << 20

    /// Loads and checks the scenario file at `path`; `-` reads standard input (named `<stdin>` in diagnostics).
    ///
    /// Reads through what exists (a pipe, `/dev/stdin`, a FIFO) and stops after ``maxFileSize`` bytes.
    /// - Throws: ``ScenarioError`` of kind `unreadable`, `syntax` or `invalid`; its diagnostics name `path` as given.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        try unwatched { () throws(Failure) in try load(path: path, watch: .none) }
    }

    /// Why a watched load produced no scenario: the input is wrong, or the run's deadline or interrupt stopped it.
    public enum Failure: Error, Sendable, Hashable {
        /// The file cannot be read, is not YAML or breaks the format (as ``load(path:)`` throws it).
        case invalid(ScenarioError)
        /// The watch stopped the load (see ``LoadWatch``); nothing about the input is known to be wrong.
        case stopped(LoadStop)
    }

    /// Loads and checks the scenario file at `path` as ``load(path:)`` does, stopping early when `watch` says so:
    /// before reading, after reading, after parsing and expanding the YAML, during and after the shape check,
    /// during decoding (at each firm and plot) and after it, and during validation (between its checks and every
    /// 1,024 firms or plots). libyaml's own parse is one call and is not interrupted (the input limits bound it).
    ///
    /// A load that has read and checked the whole file but finds the deadline passed (or the interrupt raised)
    /// at its end also stops, so that the run is reported as stopped in ``LoadStop/Stage/validating``, the phase
    /// that used the time, rather than in the next one.
    /// - Throws: ``Failure/invalid(_:)`` for the errors of ``load(path:)``, found before the watch stopped it;
    ///   ``Failure/stopped(_:)`` with the stage when it stopped.
    public static func load(path: String, watch: LoadWatch) throws(Failure) -> Scenario {
        try stop(watch, .reading)
        let name = path == YAMLInput.standardInputName ? YAMLInput.standardInputLabel : path
        let text = try invalid { () throws(ScenarioError) in try readText(path: path, label: name, kind: "YAML file") }
        return try load(yaml: text, file: name, watch: watch)
    }

    /// Loads and checks a scenario from the bytes of a file; `file` names it in diagnostics.
    ///
    /// - Throws: ``ScenarioError`` of kind `unreadable` (more than ``maxFileSize`` bytes; not UTF-8, at the line
    ///   and column of the first bad byte), `syntax` or `invalid`.
    public static func load(bytes: [UInt8], file: String) throws(ScenarioError) -> Scenario {
        if bytes.count > maxFileSize {
            throw unreadable(file, "found \(bytes.count) bytes; expected at most \(maxFileSize) bytes")
        }
        return try load(yaml: text(bytes, label: file), file: file)
    }

    /// The UTF-8 text of the file at `path` (`-` for standard input); `label` names it in diagnostics and `kind`
    /// says what it should be (`YAML file`, `GeoJSON file`).
    ///
    /// Reads through what exists (a pipe, `/dev/stdin`, a FIFO) and stops after ``maxFileSize`` bytes.
    /// - Throws: ``ScenarioError`` of kind `unreadable`: missing, a directory, larger than ``maxFileSize``, unreadable,
    ///   not UTF-8 (at the line and column of the first bad byte).
    static func readText(path: String, label: String, kind: String) throws(ScenarioError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try YAMLInput.bytes(path: path, limit: maxFileSize, noun: kind)
        } catch {
            throw unreadable(label, error.message)
        }
        return try text(bytes, label: label)
    }

    private static func text(_ bytes: [UInt8], label: String) throws(ScenarioError) -> String {
        do {
            return try YAMLInput.text(bytes)
        } catch {
            throw ScenarioError(kind: .unreadable, diagnostics: [
                ScenarioDiagnostic(file: label, line: error.line, column: error.column, message: error.message),
            ])
        }
    }

    /// Loads and checks a scenario from YAML text; `file` names it in diagnostics.
    ///
    /// Aliases and merge keys are expanded under a budget of ``YAMLInput/valueLimit`` values; explicit YAML tags
    /// are refused.
    /// - Throws: ``ScenarioError`` of kind `syntax` (not well-formed YAML, with caret line; a tag; too many values
    ///   after expansion) or `invalid`.
    public static func load(yaml: String, file: String) throws(ScenarioError) -> Scenario {
        try unwatched { () throws(Failure) in try load(yaml: yaml, file: file, watch: .none) }
    }

    /// Loads and checks a scenario from YAML text as ``load(yaml:file:)`` does, stopping early when `watch` says
    /// so (see ``load(path:watch:)``).
    /// - Throws: ``Failure/invalid(_:)`` with the errors of ``load(yaml:file:)``, or ``Failure/stopped(_:)``.
    public static func load(yaml: String, file: String, watch: LoadWatch) throws(Failure) -> Scenario {
        try stop(watch, .reading)
        let root = try compose(yaml: yaml, file: file, watch: watch)
        try stop(watch, .parsing)

        var structure = StructureChecker(file: file, watch: watch)
        structure.check(root, against: .scenario, at: .root)
        if let cause = structure.stoppedBy { throw .stopped(LoadStop(cause: cause, stage: .shape)) }
        if !structure.diagnostics.isEmpty {
            throw .invalid(ScenarioError(kind: .invalid, diagnostics: sorted(structure.diagnostics)))
        }
        try stop(watch, .shape)

        var scenario: Scenario
        do {
            scenario = try YAMLDecoder().decode(Scenario.self, from: root, userInfo: [LoadWatch.userInfoKey: watch])
        } catch let stop as LoadStop {
            throw .stopped(stop)
        } catch {
            throw .invalid(ScenarioError(kind: .invalid, diagnostics: [decodingDiagnostic(error, root: root, file: file)]))
        }
        try invalid { () throws(ScenarioError) in try readDrawing(&scenario, root: root, file: file) }
        if let from = scenario.incumbentsFrom {
            scenario = try invalid { () throws(ScenarioError) in
                try applyStandingLayout(from, to: scenario, root: root, file: file)
            }
        }
        try stop(watch, .decoding)

        var validator = ScenarioValidator(scenario: scenario, file: file, root: root)
        validator.watch = watch
        validator.run()
        if let cause = validator.stoppedBy { throw .stopped(LoadStop(cause: cause, stage: .validating)) }
        if !validator.diagnostics.isEmpty {
            throw .invalid(ScenarioError(kind: .invalid, diagnostics: sorted(validator.diagnostics)))
        }
        try stop(watch, .validating)
        return scenario
    }

    /// The composed, alias- and merge-expanded YAML tree of `yaml`, looking at `watch` after scanning and after
    /// composing.
    ///
    /// - Throws: ``Failure/invalid(_:)`` with a ``ScenarioError`` of kind `syntax` (not well-formed YAML, a tag, too
    ///   many values) or `invalid` (an empty document); ``Failure/stopped(_:)``.
    private static func compose(yaml: String, file: String, watch: LoadWatch) throws(Failure) -> Node {
        let root: Node
        do {
            try YAMLInput.scan(yaml)
            try watch.check(.parsing)
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ScenarioError(kind: .invalid, diagnostics: [
                    ScenarioDiagnostic(
                        file: file, line: 1, column: 1, path: ScenarioPath.root.description,
                        message: "found an empty document; expected a mapping with metadata, site, sectors, firms "
                            + "and rules"),
                ])
            }
            try watch.check(.parsing)
            root = try YAMLInput.expand(node)
        } catch let stop as LoadStop {
            throw .stopped(stop)
        } catch let error as ScenarioError {
            throw .invalid(error)
        } catch let problem as YAMLInput.Problem {
            throw .invalid(ScenarioError(kind: .syntax, diagnostics: [
                ScenarioDiagnostic(
                    file: file, line: problem.line, column: problem.column, message: problem.message,
                    snippet: problem.line.map { YAMLNodes.snippet(line: $0, column: problem.column ?? 1, in: yaml) }),
            ]))
        } catch {
            throw .invalid(ScenarioError(kind: .syntax, diagnostics: [syntaxDiagnostic(error, yaml: yaml, file: file)]))
        }
        return root
    }

    /// Throws ``Failure/stopped(_:)`` at `stage` when `watch` says stop.
    private static func stop(_ watch: LoadWatch, _ stage: LoadStop.Stage) throws(Failure) {
        do throws(LoadStop) { try watch.check(stage) } catch { throw .stopped(error) }
    }

    /// `body`'s value, its ``ScenarioError`` thrown as ``Failure/invalid(_:)``.
    private static func invalid<T>(_ body: () throws(ScenarioError) -> T) throws(Failure) -> T {
        do throws(ScenarioError) { return try body() } catch { throw .invalid(error) }
    }

    /// `body`'s value, for a load with ``LoadWatch/none``, which never stops: its ``Failure/invalid(_:)`` thrown as the
    /// ``ScenarioError`` it holds.
    private static func unwatched<T>(_ body: () throws(Failure) -> T) throws(ScenarioError) -> T {
        do throws(Failure) {
            return try body()
        } catch {
            switch error {
            case .invalid(let e): throw e
            case .stopped: preconditionFailure("a load with LoadWatch.none was stopped")
            }
        }
    }

    /// Runs the semantic checks on a scenario built in code (or edited after loading).
    ///
    /// Diagnostics carry `file` and the key path but no line or column.
    /// - Throws: ``ScenarioError`` of kind `invalid` listing every problem found.
    public static func check(_ scenario: Scenario, file: String = "<scenario>") throws(ScenarioError) {
        var validator = ScenarioValidator(scenario: scenario, file: file, root: nil)
        validator.run()
        if !validator.diagnostics.isEmpty { throw ScenarioError(kind: .invalid, diagnostics: validator.diagnostics) }
    }

    /// Applies `incumbents_from` (``StandingLayout``): refuses `incumbent_plot` beside it, then reads the layout file
    /// relative to `file`'s directory; every problem is reported at the key, with the layout file's line.
    private static func applyStandingLayout(_ from: String, to scenario: Scenario, root: Node, file: String)
        throws(ScenarioError) -> Scenario
    {
        func at(_ path: ScenarioPath, _ message: String) -> ScenarioDiagnostic {
            let mark = YAMLNodes.locate(path, in: root).node.mark
            return ScenarioDiagnostic(
                file: file, line: mark?.line, column: mark?.column, path: path.description, message: message)
        }
        let twice = scenario.firms.indices.filter { scenario.firms[$0].incumbentPlot != nil }.map { i in
            at(ScenarioPath.root.appending("firms").appending(i).appending("incumbent_plot"),
               "found incumbent_plot while incumbents_from gives the standing layout; expected one source of "
                   + "incumbents (remove incumbent_plot, or incumbents_from)")
        }
        if !twice.isEmpty { throw ScenarioError(kind: .invalid, diagnostics: twice) }
        do {
            return try StandingLayout.apply(path: StandingLayout.resolve(from, relativeTo: file), to: scenario)
        } catch {
            throw ScenarioError(kind: .invalid, diagnostics: error.problems.map { problem in
                at(ScenarioPath.root.appending("incumbents_from"), "standing layout \(problem)")
            })
        }
    }

    /// Reads the drawn site (`site.plots_from` and the other `*_from` sources) into `scenario.site`: the drawn plots
    /// after the YAML ones, the shapes into `site.drawing`.
    ///
    /// - Throws: ``ScenarioError`` when the site has no plots at all, when roads, boundary or green areas are drawn
    ///   without drawn plots, or for any problem of the GeoJSON files (see ``SiteDrawingReader``).
    private static func readDrawing(_ scenario: inout Scenario, root: Node, file: String) throws(ScenarioError) {
        let site = ScenarioPath.root.appending("site")
        func fail(_ path: ScenarioPath, _ message: String) -> ScenarioError {
            let mark = YAMLNodes.locate(path, in: root).node.mark
            return ScenarioError(kind: .invalid, diagnostics: [ScenarioDiagnostic(
                file: file, line: mark?.line, column: mark?.column, path: path.description, message: message)])
        }
        guard let source = scenario.site.plotsFrom else {
            for (key, given) in [("roads_from", scenario.site.roadsFrom != nil),
                                 ("boundary_from", scenario.site.boundaryFrom != nil),
                                 ("green_from", scenario.site.greenFrom != nil), ("crs", scenario.site.crs != nil),
                                 ("sensitive_from", scenario.site.sensitiveFrom != nil),
                                 ("treatment_from", scenario.site.treatmentFrom != nil)]
            where given {
                throw fail(site.appending(key), "given without site.plots_from; expected the plots drawn in GeoJSON "
                    + "(site.plots_from) when the site's other shapes or CRS are given")
            }
            if YAMLNodes.value(of: "plots", in: YAMLNodes.locate(site, in: root).node) == nil {
                throw fail(site, "missing plots; expected site.plots (typed) or site.plots_from (drawn), or both")
            }
            return
        }
        // The sources' own numbers are checked before any feature is read (a road is grown by its width).
        let numbers: [(Double?, ScenarioPath, ScenarioValidator.Bound)] = [
            (scenario.site.roadsFrom?.defaultWidth, site.appending("roads_from").appending("default_width"),
             .nonNegative(ScenarioLimits.length)),
            (source.defaults?.rent, site.appending("plots_from").appending("defaults").appending("rent"),
             .nonNegative(ScenarioLimits.rent)),
        ]
        let bad = numbers.compactMap { value, path, bound -> ScenarioDiagnostic? in
            guard let value, !bound.admits(value) else { return nil }
            return fail(path, "found \(ScenarioValidator.show(value)); expected \(bound.expectation)").diagnostics[0]
        }
        if !bad.isEmpty { throw ScenarioError(kind: .invalid, diagnostics: bad) }
        var reader = SiteDrawingReader(site: scenario.site, scenarioFile: file)
        let (plots, drawing) = try reader.read(source)
        scenario.site.plots += plots
        scenario.site.drawing = drawing
    }

    // MARK: - Helpers

    private static func unreadable(_ file: String, _ message: String) -> ScenarioError {
        ScenarioError(kind: .unreadable, diagnostics: [ScenarioDiagnostic(file: file, message: message)])
    }

    /// Diagnostics in file order; those without a position keep their order at the end.
    private static func sorted(_ diagnostics: [ScenarioDiagnostic]) -> [ScenarioDiagnostic] {
        diagnostics.enumerated().sorted { x, y in
            let a = (x.element.line ?? .max, x.element.column ?? .max, x.offset)
            let b = (y.element.line ?? .max, y.element.column ?? .max, y.offset)
            return a < b
        }.map(\.element)
    }

    /// libyaml's message and position, with the source line and a caret.
    static func syntaxDiagnostic(_ error: any Error, yaml: String, file: String) -> ScenarioDiagnostic {
        func make(_ context: YamlError.Context?, _ problem: String, _ line: Int, _ column: Int) -> ScenarioDiagnostic {
            var message = "syntax: "
            if let plain = YAMLNodes.plainSyntaxProblem(problem, context: context, line: line, column: column, in: yaml) {
                message += plain
            } else {
                message += problem
                if let context { message += " (\(context.text) at \(context.mark))" }
            }
            return ScenarioDiagnostic(
                file: file, line: line, column: column, message: message,
                snippet: YAMLNodes.snippet(line: line, column: column, in: yaml))
        }
        guard let yamlError = error as? YamlError else {
            return ScenarioDiagnostic(file: file, message: "syntax: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return make(context, problem, mark.line, mark.column)
        case .reader(let problem, let offset, _, _):
            let at = offset.flatMap { position(atCharacterOffset: $0, in: yaml) } ?? (1, 1)
            return make(nil, problem, at.line, at.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { YAMLNodes.quote($0) }.joined(separator: ", ")
            return ScenarioDiagnostic(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(keys) in one mapping; expected each key once",
                snippet: YAMLNodes.snippet(line: context.mark.line, column: context.mark.column, in: yaml))
        default:
            return ScenarioDiagnostic(file: file, message: "syntax: \(yamlError)")
        }
    }

    /// The 1-based line and column (in Unicode scalars) of a character offset.
    private static func position(atCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int)? {
        guard let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return nil }
        let before = text[..<index]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        return (line, before[lineStart...].unicodeScalars.count + 1)
    }

    /// A decoding error (which the shape check should have prevented) mapped back to its node's position.
    static func decodingDiagnostic(_ error: any Error, root: Node, file: String) -> ScenarioDiagnostic {
        func path(_ keys: [any CodingKey]) -> ScenarioPath {
            ScenarioPath(keys.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) })
        }
        func at(_ p: ScenarioPath, _ message: String) -> ScenarioDiagnostic {
            let mark = YAMLNodes.locate(p, in: root).node.mark
            return ScenarioDiagnostic(
                file: file, line: mark?.line, column: mark?.column, path: p.description, message: message)
        }
        guard let decoding = error as? DecodingError else { return at(.root, "\(error)") }
        switch decoding {
        case .typeMismatch(let type, let context):
            let p = path(context.codingPath)
            return at(p, "found \(YAMLNodes.describe(YAMLNodes.locate(p, in: root).node)); expected \(type)")
        case .valueNotFound(let type, let context):
            return at(path(context.codingPath), "missing; expected \(type)")
        case .keyNotFound(let key, let context):
            return at(path(context.codingPath + [key]), "missing; expected a value")
        case .dataCorrupted(let context):
            return at(path(context.codingPath), context.debugDescription)
        @unknown default:
            return at(.root, "\(decoding)")
        }
    }
}
