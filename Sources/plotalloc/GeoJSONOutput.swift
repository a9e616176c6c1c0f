import Allocation
import Estate
import Reports

/// `--geojson FILE`: the layout as GeoJSON and its QGIS style beside it (`FILE` with `.qml` for `.geojson`/`.json`).
struct GeoJSONOutput {
    let path: String
    let geojson: String
    let style: String

    /// Where the style goes: `site.geojson` → `site.qml`, `layout.json` → `layout.qml`, `out` → `out.qml`.
    static func stylePath(_ path: String) -> String {
        for suffix in [".geojson", ".json"] where path.hasSuffix(suffix) {
            return String(path.dropLast(suffix.count)) + ".qml"
        }
        return path + ".qml"
    }

    /// Renders both files for `outcome`.
    ///
    /// - Throws: ``ExitStatus/invalidInput`` after printing `SCENARIO: error: --geojson: …` when the site is not
    ///   drawn or PROJ cannot transform it.
    init(path: String, scenarioFile: String, outcome: SolveOutcome) throws {
        try self.init(path: path, scenarioFile: scenarioFile, scenario: outcome.scenario, layout: outcome.result.layout,
                      status: outcome.result.status.rawValue, unplaced: outcome.unplaced)
    }

    /// Renders both files for `layout` of `scenario` (`score --geojson`); unplaced firms' reasons are worked out
    /// from the scenario when not given.
    ///
    /// - Throws: as ``init(path:scenarioFile:outcome:)``.
    init(path: String, scenarioFile: String, scenario: Scenario, layout: Layout?, status: String,
         unplaced: [UnplacedReason]? = nil) throws {
        self.path = path
        let reasons = unplaced ?? layout.map { UnplacedExplainer(scenario: scenario).explain($0) } ?? []
        do throws(LayoutGeoJSON.Failure) {
            geojson = try LayoutGeoJSON(scenario: scenario, layout: layout, status: status,
                                        unplaced: reasons.map { (firm: $0.firm, reason: $0.message) }).render()
        } catch {
            CLIOutput.error("\(scenarioFile): error: --geojson: \(error.description)")
            throw ExitStatus.invalidInput
        }
        style = QGISLayerStyle(scenario: scenario).render()
    }

    /// Writes the GeoJSON, then the style.
    func write() throws {
        try CLIOutput.write(geojson, to: path)
        try CLIOutput.write(style, to: Self.stylePath(path))
    }
}
