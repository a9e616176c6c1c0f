import Foundation
import MIPModel
import GLPKBackend
import Estate

/// A layout file read for a scenario: what `score` scores and what a `compare` argument SCENARIO:LAYOUT names.
public struct GivenLayout: Sendable {
    /// The layout file's path.
    public var path: String
    /// What the file holds: the layout, the line of each firm, the scenario it names.
    public var document: LayoutDocument

    /// Reads `path` as a layout of `scenario`.
    ///
    /// - Throws: ``SolveSession/Failure/invalidInput(_:)`` with the file's one-line error when it cannot be read or
    ///   parsed, or when it is a firm,plot CSV whose columns are swapped (plots where the scenario has firms).
    public static func read(_ path: String, for scenario: Scenario) throws(SolveSession.Failure) -> GivenLayout {
        let document: LayoutDocument
        do throws(LayoutFileError) {
            document = try LayoutDocument.read(path: path)
        } catch {
            throw .invalidInput(error.description)
        }
        if let swapped = document.swappedColumnsError(scenario: scenario, file: path) {
            throw .invalidInput(swapped.description)
        }
        return GivenLayout(path: path, document: document)
    }

    /// A note when the file says it was made for another scenario than `scenario` (it is scored all the same).
    public func otherScenarioNote(_ scenario: Scenario) -> String? {
        guard let name = document.scenarioName, name != scenario.metadata.name else { return nil }
        return "\(path): note: the layout was made for scenario \"\(name)\"; scoring it against "
            + "\"\(scenario.metadata.name)\""
    }
}

/// One `score` run, owned by the library as `solve`'s is (``SolveSession``): load the scenario, read the layout
/// file for it, and return what the score renderers take. Scoring itself (verifier, unplaced reasons, key figures)
/// is the renderer's input, computed from the scenario alone.
public struct ScoreSession: Sendable {
    /// What to score.
    public struct Request: Sendable, Hashable {
        /// The scenario file (YAML).
        public var scenario: String
        /// The layout file (JSON from `solve --output`, `solve --json`, GeoJSON from `solve --geojson`, or CSV).
        public var layout: String

        /// Makes a request.
        public init(scenario: String, layout: String) {
            self.scenario = scenario
            self.layout = layout
        }
    }

    /// The request.
    public var request: Request

    /// Prepares a run; nothing is read until ``run()``.
    public init(_ request: Request) {
        self.request = request
    }

    /// Loads the scenario and reads the layout for it.
    ///
    /// - Returns: the scenario, the layout file and the notes to print (a layout made for another scenario).
    /// - Throws: ``SolveSession/Failure/invalidInput(_:)`` when the scenario or the layout file cannot be read,
    ///   breaks its format, or the CSV's columns are swapped.
    public func run() throws(SolveSession.Failure) -> ScoreOutcome {
        let scenario: Scenario
        do throws(ScenarioError) {
            scenario = try ScenarioLoader.load(path: request.scenario)
        } catch {
            throw .invalidInput(error.description)
        }
        let given = try GivenLayout.read(request.layout, for: scenario)
        return ScoreOutcome(scenario: scenario, scenarioPath: request.scenario, given: given,
                            warnings: given.otherScenarioNote(scenario).map { [$0] } ?? [])
    }
}

/// What a `score` run read, as the score renderers take it.
public struct ScoreOutcome: Sendable {
    /// The scenario as loaded.
    public var scenario: Scenario
    /// The scenario file.
    public var scenarioPath: String
    /// The layout file read for it.
    public var given: GivenLayout
    /// Lines to print on standard error before the report (e.g. a layout made for another scenario).
    public var warnings: [String]

    /// The layout scored.
    public var layout: Layout { given.document.layout }
}

/// One layout of a comparison, as ``CompareSession`` got it: a scenario solved through ``SolveSession``, or a
/// layout file read for its scenario. The comparison renderers make their columns of it.
public enum ComparedLayout: Sendable {
    /// `scenario` (the file) solved: the whole outcome, receipt facts included.
    case solved(scenario: String, SolveOutcome)
    /// A layout file given for `scenario` (the file), loaded as `Scenario`.
    case given(scenario: String, Scenario, GivenLayout)

    /// The scenario file the layout belongs to.
    public var scenarioFile: String {
        switch self {
        case .solved(let path, _), .given(let path, _, _): path
        }
    }
}

/// One `compare` run, owned by the library: each argument is a scenario solved through ``SolveSession`` (its own
/// time policy; the request's settings over the scenario's) or SCENARIO:LAYOUT, a layout file read for its scenario
/// (``GivenLayout``). It returns the layouts in argument order, which the comparison renderers take.
public struct CompareSession: Sendable {
    /// What to compare.
    public struct Request: Sendable, Hashable {
        /// Two or more arguments: SCENARIO (solved) or SCENARIO:LAYOUT (given).
        public var arguments: [String]
        /// Settings that override each solved scenario's `solver:` section.
        public var settings: SolverSettings
        /// How much GLPK itself prints on standard error.
        public var verbosity: GLPKVerbosity

        /// Makes a request.
        public init(arguments: [String], settings: SolverSettings = SolverSettings(), verbosity: GLPKVerbosity = .off) {
            self.arguments = arguments
            self.settings = settings
            self.verbosity = verbosity
        }
    }

    /// The request.
    public var request: Request

    /// Prepares a run; nothing is read until ``run(interrupt:)``.
    public init(_ request: Request) {
        self.request = request
    }

    /// Where an argument's scenario and (optional) layout file are: an argument that names an existing file is a
    /// scenario; otherwise it is split at the first `:` whose left part is an existing file (so a path with a colon
    /// still works); with no such colon it is taken as a scenario (whose loading then reports it missing).
    public static func split(
        _ argument: String, exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> (scenario: String, layout: String?) {
        if exists(argument) { return (argument, nil) }
        var index = argument.startIndex
        while let colon = argument[index...].firstIndex(of: ":") {
            let left = String(argument[..<colon]), right = String(argument[argument.index(after: colon)...])
            if !left.isEmpty, !right.isEmpty, exists(left) { return (left, right) }
            index = argument.index(after: colon)
        }
        return (argument, nil)
    }

    /// Every file the arguments read (scenarios and layout files), for the output checks made before any work.
    public var inputs: [String] {
        request.arguments.map { Self.split($0) }.flatMap { [$0.scenario] + ($0.layout.map { [$0] } ?? []) }
    }

    /// Reads, solves and collects every argument in order.
    ///
    /// - Parameter interrupt: stops the solve running (it keeps its best layout) and the later ones as they start.
    /// - Returns: the layouts in argument order.
    /// - Throws: ``SolveSession/Failure/invalidInput(_:)`` when a scenario or layout file cannot be read;
    ///   ``SolveSession/Failure/failed(_:)`` when a solve fails or its layout does not verify.
    public func run(interrupt: SolveInterrupt? = nil) throws(SolveSession.Failure) -> [ComparedLayout] {
        var layouts: [ComparedLayout] = []
        var loaded: [String: Scenario] = [:]
        for argument in request.arguments {
            let (scenarioPath, layoutPath) = Self.split(argument)
            if let layoutPath {
                let scenario: Scenario
                if let s = loaded[scenarioPath] {
                    scenario = s
                } else {
                    do throws(ScenarioError) {
                        scenario = try ScenarioLoader.load(path: scenarioPath)
                    } catch {
                        throw .invalidInput(error.description)
                    }
                    loaded[scenarioPath] = scenario
                }
                layouts.append(.given(scenario: scenarioPath, scenario, try GivenLayout.read(layoutPath, for: scenario)))
            } else {
                var solve = SolveSession.Request(
                    path: scenarioPath, settings: request.settings, verbosity: request.verbosity)
                solve.stopsWhileLoading = false
                let outcome = try SolveSession(solve).run(interrupt: interrupt)
                layouts.append(.solved(scenario: scenarioPath, outcome))
            }
        }
        return layouts
    }
}
