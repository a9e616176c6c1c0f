import Foundation
import Geometry

/// Reads the drawn site a scenario names (`site.plots_from` and optionally `site.roads_from`, `site.boundary_from`,
/// `site.green_from`) into plots and a ``SiteDrawing``, with PROJ for the projection and GEOS for the measures.
///
/// Steps: read each file (``GeoJSONFile``: syntax, structure, ring closure and length, with line:column); find the
/// file's CRS (the `crs` member, else WGS 84 longitude/latitude as RFC 7946 says) and the working CRS (`site.crs`,
/// else the plots file's own when it is projected in metres, else the UTM zone of the plots' centre); check each plot
/// polygon's validity with GEOS on the file's coordinates (so a reported point is where the file has it); project;
/// map properties to plot fields (wrong types, unknown zones, phases and power blocks, missing values are errors at
/// the property); measure area and centroid; derive frontage from the roads; then check that no two plots overlap
/// by more than ``overlapTolerance`` and that no plot lies more than that outside the boundary.
///
/// Every problem is one diagnostic naming the file, the feature (`features[i] (plot ID)`) and, where the file has
/// it, line:column; all are collected (up to ``ScenarioLoader/maxErrors``) before throwing.
struct SiteDrawingReader {
    /// The largest overlap between two plots, and the largest area of a plot outside the boundary, accepted (m²):
    /// drawings are not exact to the millimetre.
    static let overlapTolerance = 0.5
    /// A declared area further than this fraction from the polygon's is a warning.
    static let areaWarningShare = 0.02
    /// A plot whose polygon lies within this distance (m) of a `main` road fronts the main road.
    static let frontageDistance = 1.0
    /// Measured areas are rounded to 1 / this (0.01 m²) and centroids to 1 / ``centroidSteps`` (1 mm): a drawing is
    /// not more exact, and a projection's last bits must not decide whether a 220 m² plot meets a 220 m² minimum.
    static let areaSteps = 100.0
    /// See ``areaSteps``.
    static let centroidSteps = 1000.0

    private static func round(_ value: Double, steps: Double) -> Double { (value * steps).rounded() / steps }

    let site: Site
    /// The scenario file's path, to resolve the GeoJSON files' relative paths.
    let scenarioFile: String
    private let engine = GeometryEngine()
    private var diagnostics: [ScenarioDiagnostic] = []
    private var warnings: [ScenarioDiagnostic] = []

    /// Prepares to read `site`'s drawing for the scenario file `scenarioFile`.
    init(site: Site, scenarioFile: String) {
        self.site = site
        self.scenarioFile = scenarioFile
    }

    /// One drawn plot before the plots are checked against each other.
    private struct DrawnPlot {
        var plot: Plot
        var shape: Shape
        var label: String
        var mark: (line: Int?, column: Int?)
        /// Whether the feature's frontage property gave the frontage (roads then do not change it).
        var frontageGiven: Bool
    }

    /// Reads the drawing: the drawn plots (in file order) and the shapes.
    ///
    /// - Throws: ``ScenarioError`` (`unreadable`, `syntax` or `invalid`) with every problem found.
    mutating func read(_ source: PlotSource) throws(ScenarioError) -> (plots: [Plot], drawing: SiteDrawing) {
        let (label, file) = try load(source.file)
        let features = select(file, source.filter)
        let fileCRS = try crs(of: file)
        let working = try workingCRS(file: file, fileCRS: fileCRS, features: features)
        let toWorking = try projection(from: fileCRS, to: working, file: file)

        var drawn: [DrawnPlot] = []
        var idsSeen: [String: String] = [:]
        for plot in site.plots { idsSeen[plot.id] = "site.plots" }
        for feature in features {
            guard let plot = drawnPlot(feature, source, file: label, toWorking: toWorking) else { continue }
            if let earlier = idsSeen[plot.plot.id] {
                let mark = feature.properties[source.id]?.mark
                report(label, mark?.line, mark?.column, plot.label + ".properties.\(source.id)",
                       "the plot id \(YAMLNodes.quote(plot.plot.id)) is already used by \(earlier); expected unique "
                       + "plot ids")
                continue
            }
            idsSeen[plot.plot.id] = "\(label) \(plot.label)"
            drawn.append(plot)
        }
        try stopIfErrors()

        let origin = Self.origin(of: drawn.map(\.shape))
        for i in drawn.indices {
            drawn[i].shape = drawn[i].shape.mapPositions { Point2D(x: $0.x - origin.x, y: $0.y - origin.y) }
            drawn[i].plot.x = Self.round(drawn[i].plot.x - origin.x, steps: Self.centroidSteps)
            drawn[i].plot.y = Self.round(drawn[i].plot.y - origin.y, steps: Self.centroidSteps)
        }
        checkOverlaps(drawn, file: label)

        var drawing = SiteDrawing(crs: working, origin: origin, plots: [:])
        if let roads = site.roadsFrom { drawing.roads = try readRoads(roads, working: working, origin: origin) }
        if let boundary = site.boundaryFrom {
            drawing.boundary = try readAreas(boundary, key: "boundary_from", working: working, origin: origin).first
            if let shape = drawing.boundary { checkInside(drawn, boundary: shape, file: label) }
        }
        if let green = site.greenFrom { drawing.green = try readAreas(green, key: "green_from", working: working, origin: origin) }
        if let places = site.sensitiveFrom {
            drawing.sensitive = try readPlaces(places, kind: .sensitive, working: working, origin: origin)
        }
        if let units = site.treatmentFrom {
            drawing.treatment = try readPlaces(units, kind: .treatment, working: working, origin: origin)
        }
        try stopIfErrors()

        for i in drawn.indices where !drawn[i].frontageGiven {
            if let frontage = derivedFrontage(drawn[i].shape, roads: drawing.roads) { drawn[i].plot.frontage = frontage }
        }
        for i in drawn.indices { drawing.plots[drawn[i].plot.id] = drawn[i].shape }
        drawing.warnings = warnings
        return (drawn.map(\.plot), drawing)
    }

    // MARK: Files and CRSs

    private func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (scenarioFile as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
    }

    private func load(_ path: String) throws(ScenarioError) -> (String, GeoJSONFile) {
        let resolved = resolve(path)
        return (resolved, try GeoJSONFile.read(path: resolved, label: resolved))
    }

    private func select(_ file: GeoJSONFile, _ filter: FeatureFilter?) -> [GeoJSONFile.Feature] {
        guard let filter else { return file.features }
        return file.features.filter { feature in
            switch feature.properties[filter.property]?.value {
            case .string(let s): s == filter.equals
            case .some(let value): value.described == filter.equals
            case nil: false
            }
        }
    }

    /// The file's CRS: its `crs` member, checked with PROJ, or WGS 84 longitude/latitude.
    private mutating func crs(of file: GeoJSONFile) throws(ScenarioError) -> CoordinateReferenceSystem {
        guard let crs = file.crs else { return CoordinateReferenceSystem("OGC:CRS84") }
        do throws(GeometryError) {
            switch try Projection.kind(of: crs) {
            case .geographic, .projected: return crs
            case .other(let what):
                throw GeometryError.unknownCRS(crs.definition, reason: "it is a \(what), not a 2D geographic or projected CRS")
            }
        } catch {
            throw ScenarioError(kind: .invalid, diagnostics: [ScenarioDiagnostic(
                file: file.file, line: file.crsMark?.line, column: file.crsMark?.column, path: "crs.properties.name",
                message: "\(error.description); expected a CRS PROJ knows, e.g. \"urn:ogc:def:crs:EPSG::32748\" "
                    + "(WGS 84 / UTM zone 48S), or no crs member for WGS 84 longitude/latitude")])
        }
    }

    /// `site.crs`, else the plots file's CRS when projected in metres, else the UTM zone of the plots' centre.
    private func workingCRS(
        file: GeoJSONFile, fileCRS: CoordinateReferenceSystem, features: [GeoJSONFile.Feature]
    ) throws(ScenarioError) -> CoordinateReferenceSystem {
        if let named = site.crs {
            let crs = CoordinateReferenceSystem(named)
            let kind: CRSKind
            do { kind = try Projection.kind(of: crs) } catch {
                throw scenarioError("site.crs", "\(error.description); expected a projected CRS in metres, e.g. EPSG:32748")
            }
            guard kind == .projected(metresPerUnit: 1) else {
                throw scenarioError("site.crs", "found \(YAMLNodes.quote(named)), which is not a projected CRS in "
                    + "metres; expected one such as EPSG:32748 (WGS 84 / UTM zone 48S)")
            }
            return crs
        }
        if (try? Projection.kind(of: fileCRS)) == .projected(metresPerUnit: 1) { return fileCRS }
        let positions = features.flatMap { $0.geometry?.positions ?? [] }
        guard let first = positions.first else {
            throw ScenarioError(kind: .invalid, diagnostics: [ScenarioDiagnostic(
                file: file.file, path: "features", message: "found no plot polygons; expected at least one feature "
                    + "with a Polygon or MultiPolygon geometry")])
        }
        var (minX, minY, maxX, maxY) = (first.x, first.y, first.x, first.y)
        for p in positions {
            (minX, minY, maxX, maxY) = (min(minX, p.x), min(minY, p.y), max(maxX, p.x), max(maxY, p.y))
        }
        var centre = Point2D(x: (minX + maxX) / 2, y: (minY + maxY) / 2)
        if fileCRS.definition != "OGC:CRS84" {
            do { centre = try Projection(from: fileCRS, to: .wgs84).forward(centre) } catch {
                throw ScenarioError(kind: .invalid, diagnostics: [ScenarioDiagnostic(
                    file: file.file, path: "features", message: "\(error.description); expected coordinates in "
                        + "the file's CRS \(fileCRS)")])
            }
        }
        return .utm(containing: centre)
    }

    private func projection(
        from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem, file: GeoJSONFile
    ) throws(ScenarioError) -> Projection? {
        if source == target { return nil }
        do { return try Projection(from: source, to: target) } catch {
            throw ScenarioError(kind: .invalid, diagnostics: [ScenarioDiagnostic(
                file: file.file, line: file.crsMark?.line, column: file.crsMark?.column, path: "crs",
                message: "\(error.description); expected a CRS PROJ can transform to \(target)")])
        }
    }

    // MARK: Plots

    /// The plot one feature describes, or `nil` after reporting why it cannot be one.
    private mutating func drawnPlot(
        _ feature: GeoJSONFile.Feature, _ source: PlotSource, file: String, toWorking: Projection?
    ) -> DrawnPlot? {
        let id = featureID(feature, source, file: file)
        let label = "features[\(feature.index)]" + (id.map { " (plot \($0))" } ?? "")
        guard let id else { return nil }
        let geometryMark = feature.geometryMark ?? feature.mark
        guard let geometry = feature.geometry, geometry.isAreal else {
            let found = feature.geometry.map { "a \(Self.typeName($0))" } ?? "no geometry"
            report(file, geometryMark?.line, geometryMark?.column, label + ".geometry",
                   "found \(found); expected a Polygon or MultiPolygon (the plot's outline)")
            return nil
        }
        if case .invalid(let reason) = engine.validity(of: geometry) {
            report(file, geometryMark?.line, geometryMark?.column, label + ".geometry",
                   "the plot's polygon is not valid: \(reason); expected a simple polygon (no self-intersection, "
                   + "holes inside the shell)")
            return nil
        }
        let shape: Shape
        do { shape = try toWorking?.forward(geometry) ?? geometry } catch {
            report(file, geometryMark?.line, geometryMark?.column, label + ".geometry",
                   "\(error.description); expected coordinates in the file's CRS")
            return nil
        }
        var fields = PropertyReader(feature: feature, label: label, file: file)
        let defaults = source.defaults ?? PlotDefaults()
        let phase = fields.string(source.phase, "phase", default: defaults.phase, among: site.phases.map(\.id))
        let zone = fields.string(source.zone, "zone", default: defaults.zone, among: site.zones.map(\.id))
        let block = fields.string(source.powerBlock, "power_block", default: defaults.powerBlock,
                                  among: site.powerBlocks.map(\.id))
        let frontageText = fields.string(source.frontage, "frontage", default: defaults.frontage?.rawValue ?? "local",
                                         among: RoadFrontage.allCases.map(\.rawValue))
        let rent = fields.number(source.rent, "rent", default: defaults.rent, upTo: ScenarioLimits.rent)
        let declared = fields.number(source.area, "area", default: nil, upTo: ScenarioLimits.area)
        diagnostics += fields.diagnostics
        guard fields.diagnostics.isEmpty, let phase, let zone, let block, let frontageText,
              let frontage = RoadFrontage(rawValue: frontageText)
        else { return nil }
        let area: Double, centroid: Point2D
        do {
            area = Self.round(try engine.area(of: shape), steps: Self.areaSteps)
            centroid = try engine.centroid(of: shape)
        } catch {
            report(file, geometryMark?.line, geometryMark?.column, label + ".geometry",
                   "\(error.description); expected a polygon GEOS can measure")
            return nil
        }
        if let declared, let name = source.area, abs(declared - area) > Self.areaWarningShare * area {
            let mark = feature.properties[name]?.mark
            let share = (declared - area) / area * 100
            warnings.append(ScenarioDiagnostic(
                file: file, line: mark?.line, column: mark?.column, path: label + ".properties.\(name)",
                message: String(format: "declares %@ m² but the polygon measures %.1f m² (%+.1f %%); the polygon's "
                    + "area is used", GeoJSONFile.Value.number(declared).described, area, share)))
        }
        let plot = Plot(
            id: id, phase: phase, area: area, x: centroid.x, y: centroid.y, zone: zone, frontage: frontage,
            powerBlock: block, rent: rent)
        let frontageGiven = source.frontage.flatMap { feature.properties[$0] }.map { $0.value != .null } ?? false
        return DrawnPlot(plot: plot, shape: shape, label: label, mark: (geometryMark?.line, geometryMark?.column),
                         frontageGiven: frontageGiven)
    }

    /// The plot id from the id property: a string, or a whole number written without a fraction.
    private mutating func featureID(_ feature: GeoJSONFile.Feature, _ source: PlotSource, file: String) -> String? {
        featureID(feature, property: source.id, key: "plots_from", noun: "plot", file: file)
    }

    /// The id of a feature from its `property` (`site.KEY.id`): a string, or a whole number written without a
    /// fraction; `nil` after reporting a missing or malformed one.
    private mutating func featureID(
        _ feature: GeoJSONFile.Feature, property name: String, key: String, noun: String, file: String
    ) -> String? {
        let at = "features[\(feature.index)].properties.\(name)"
        guard let property = feature.properties[name] else {
            report(file, feature.mark?.line, feature.mark?.column, "features[\(feature.index)].properties",
                   "missing the id property \(YAMLNodes.quote(name)) (site.\(key).id); expected every \(noun) "
                   + "feature to have one")
            return nil
        }
        switch property.value {
        case .string(let s) where !s.isEmpty:
            return s
        case .number(let n) where n == n.rounded() && abs(n) < 1e15:
            return property.value.described
        default:
            report(file, property.mark?.line, property.mark?.column, at,
                   "found \(property.value.described); expected a \(noun) id (a non-empty string or a whole number)")
            return nil
        }
    }

    /// Reads mapped properties of one feature, with defaults, collecting diagnostics at the property's position.
    private struct PropertyReader {
        let feature: GeoJSONFile.Feature
        let label: String
        let file: String
        var diagnostics: [ScenarioDiagnostic] = []

        private mutating func report(_ mark: (line: Int?, column: Int?)?, _ path: String, _ message: String) {
            diagnostics.append(ScenarioDiagnostic(
                file: file, line: mark?.line ?? feature.mark?.line, column: mark?.column ?? feature.mark?.column,
                path: path, message: message))
        }

        /// The mapped property's value (`null` counts as absent).
        private func property(_ name: String?) -> GeoJSONFile.Property? {
            guard let name, let p = feature.properties[name], p.value != .null else { return nil }
            return p
        }

        mutating func string(_ name: String?, _ field: String, default value: String?, among known: [String]) -> String? {
            guard let name, let p = property(name) else {
                if let value { return value }
                let why = name.map { "missing the property \(YAMLNodes.quote($0)) (site.plots_from.\(field))" }
                    ?? "no property is mapped to \(field) (site.plots_from.\(field))"
                report(nil, label + ".properties", "\(why) and no site.plots_from.defaults.\(field); expected one or the other")
                return nil
            }
            let path = label + ".properties.\(name)"
            guard case .string(let s) = p.value else {
                report((p.mark?.line, p.mark?.column), path, "found \(p.value.described); expected a string, the \(field) id")
                return nil
            }
            guard known.contains(s) else {
                report((p.mark?.line, p.mark?.column), path, "found \(YAMLNodes.quote(s)), which is not a \(field) of "
                    + "the site; expected one of \(known.joined(separator: ", "))")
                return nil
            }
            return s
        }

        /// The mapped number property (`default` when the feature lacks it): a number from 0 to `upper`.
        mutating func number(_ name: String?, _ field: String, default value: Double?, upTo upper: Double) -> Double? {
            guard let name, let p = property(name) else { return value }
            guard case .number(let n) = p.value, n >= 0, n <= upper else {
                report((p.mark?.line, p.mark?.column), label + ".properties.\(name)",
                       "found \(p.value.described); expected a number from 0 to \(ScenarioLimits.show(upper)), the "
                       + "\(field)")
                return nil
            }
            return n
        }
    }

    /// The south-west corner of the shapes' bounding box, rounded down to whole metres.
    private static func origin(of shapes: [Shape]) -> Point2D {
        let points = shapes.flatMap(\.positions)
        guard let minX = points.map(\.x).min(), let minY = points.map(\.y).min() else { return Point2D(x: 0, y: 0) }
        return Point2D(x: minX.rounded(.down), y: minY.rounded(.down))
    }

    /// Reports every pair of plots that overlap by more than ``overlapTolerance``.
    private mutating func checkOverlaps(_ drawn: [DrawnPlot], file: String) {
        let boxes = drawn.map { Box($0.shape) }
        for a in drawn.indices {
            for b in drawn.indices where b > a && boxes[a].meets(boxes[b]) {
                let overlap: Double
                do { overlap = try engine.intersectionArea(drawn[a].shape, drawn[b].shape) } catch {
                    report(file, drawn[b].mark.line, drawn[b].mark.column, drawn[b].label + ".geometry",
                           "\(error.description); expected polygons GEOS can intersect")
                    continue
                }
                if overlap > Self.overlapTolerance {
                    report(file, drawn[b].mark.line, drawn[b].mark.column, drawn[b].label + ".geometry",
                           String(format: "overlaps %@ by %.2f m²; expected plots that overlap by at most %.1f m² "
                               + "(neighbours share an edge)", drawn[a].label, overlap, Self.overlapTolerance))
                }
            }
        }
    }

    /// Reports every plot more than ``overlapTolerance`` outside the site boundary.
    private mutating func checkInside(_ drawn: [DrawnPlot], boundary: Shape, file: String) {
        for plot in drawn {
            let outside: Double
            do { outside = try engine.areaOutside(plot.shape, boundary) } catch {
                report(file, plot.mark.line, plot.mark.column, plot.label + ".geometry", "\(error.description)")
                continue
            }
            if outside > Self.overlapTolerance {
                report(file, plot.mark.line, plot.mark.column, plot.label + ".geometry",
                       String(format: "lies %.2f m² outside the site boundary (site.boundary_from); expected every "
                           + "plot inside it (at most %.1f m² out)", outside, Self.overlapTolerance))
            }
        }
    }

    /// `main` when the plot is within ``frontageDistance`` of a main road, `local` when there are roads but no main
    /// one is that close; `nil` without roads (the property or default stands).
    private func derivedFrontage(_ shape: Shape, roads: [SiteDrawing.Road]) -> RoadFrontage? {
        guard !roads.isEmpty else { return nil }
        for road in roads where road.roadClass == .main {
            if let d = try? engine.distance(shape, road.shape), d <= Self.frontageDistance { return .main }
        }
        return .local
    }

    // MARK: Roads and areas

    private mutating func readRoads(
        _ source: RoadSource, working: CoordinateReferenceSystem, origin: Point2D
    ) throws(ScenarioError) -> [SiteDrawing.Road] {
        let (label, file) = try load(source.file)
        let toWorking = try projection(from: try crs(of: file), to: working, file: file)
        var roads: [SiteDrawing.Road] = []
        for feature in select(file, source.filter) {
            let name = "features[\(feature.index)] (road)"
            guard var shape = localShape(feature, file: label, name: name, toWorking: toWorking, origin: origin,
                                         accepts: .areasAndLines)
            else { continue }
            var fields = PropertyReader(feature: feature, label: name, file: label)
            let classText = fields.string(
                source.roadClass, "class", default: (source.defaultClass ?? .local).rawValue,
                among: RoadFrontage.allCases.map(\.rawValue))
            let width = fields.number(source.width, "width (m)", default: source.defaultWidth,
                                      upTo: ScenarioLimits.length)
            diagnostics += fields.diagnostics.map { d in
                var d = d
                d.message = d.message.replacingOccurrences(of: "site.plots_from", with: "site.roads_from")
                return d
            }
            guard fields.diagnostics.isEmpty, let classText, let roadClass = RoadFrontage(rawValue: classText) else {
                continue
            }
            if !shape.isAreal, let width, width > 0 {
                do { shape = try engine.buffer(shape, by: width / 2) } catch {
                    report(label, feature.mark?.line, feature.mark?.column, name, error.description)
                    continue
                }
            }
            roads.append(SiteDrawing.Road(roadClass: roadClass, shape: shape))
        }
        return roads
    }

    private mutating func readAreas(
        _ source: AreaSource, key: String, working: CoordinateReferenceSystem, origin: Point2D
    ) throws(ScenarioError) -> [Shape] {
        let (label, file) = try load(source.file)
        let toWorking = try projection(from: try crs(of: file), to: working, file: file)
        let features = select(file, source.filter)
        if key == "boundary_from", features.count != 1 {
            report(label, nil, nil, "features", "found \(features.count) boundary features; expected exactly one "
                + "Polygon or MultiPolygon (site.\(key)\(source.filter == nil ? "" : ".where" ))")
            return []
        }
        return features.compactMap { feature in
            localShape(feature, file: label, name: "features[\(feature.index)] (\(key == "boundary_from" ? "boundary" : "green area"))",
                       toWorking: toWorking, origin: origin, accepts: .areas)
        }
    }

    /// The geometry types a source accepts.
    fileprivate enum Accepted {
        case areas, areasAndLines, any

        var expected: String {
            switch self {
            case .areas: "a Polygon or MultiPolygon"
            case .areasAndLines: "a LineString, MultiLineString, Polygon or MultiPolygon"
            case .any: "a Point, LineString, MultiLineString, Polygon or MultiPolygon"
            }
        }

        func admits(_ shape: Shape) -> Bool {
            switch self {
            case .areas: shape.isAreal
            case .areasAndLines: shape.isAreal || !SiteDrawingReader.isPoint(shape)
            case .any: true
            }
        }
    }

    /// A feature's valid shape in local metres, or `nil` after reporting why not.
    private mutating func localShape(
        _ feature: GeoJSONFile.Feature, file: String, name: String, toWorking: Projection?, origin: Point2D,
        accepts: Accepted
    ) -> Shape? {
        let mark = feature.geometryMark ?? feature.mark
        let expected = accepts.expected
        guard let geometry = feature.geometry, accepts.admits(geometry) else {
            let found = feature.geometry.map { "a \(Self.typeName($0))" } ?? "no geometry"
            report(file, mark?.line, mark?.column, name + ".geometry", "found \(found); expected \(expected)")
            return nil
        }
        if case .invalid(let reason) = engine.validity(of: geometry) {
            report(file, mark?.line, mark?.column, name + ".geometry", "the geometry is not valid: \(reason); "
                + "expected \(expected) without self-intersections")
            return nil
        }
        do {
            let projected = try toWorking?.forward(geometry) ?? geometry
            return projected.mapPositions { Point2D(x: $0.x - origin.x, y: $0.y - origin.y) }
        } catch {
            report(file, mark?.line, mark?.column, name + ".geometry", "\(error.description); expected coordinates in "
                + "the file's CRS")
            return nil
        }
    }

    /// The two kinds of named places.
    enum PlaceKind {
        /// `site.sensitive_from`: points, lines or areas.
        case sensitive
        /// `site.treatment_from`: areas (an IPAL's footprint).
        case treatment

        var key: String { self == .sensitive ? "sensitive_from" : "treatment_from" }
        var noun: String { self == .sensitive ? "sensitive place" : "treatment unit" }
        fileprivate var accepts: Accepted { self == .sensitive ? .any : .areas }
    }

    /// The named places of `source`, in file order: each feature's valid shape, its id (unique) and its label.
    private mutating func readPlaces(
        _ source: PlaceSource, kind: PlaceKind, working: CoordinateReferenceSystem, origin: Point2D
    ) throws(ScenarioError) -> [SiteDrawing.Place] {
        let (label, file) = try load(source.file)
        let toWorking = try projection(from: try crs(of: file), to: working, file: file)
        var places: [SiteDrawing.Place] = []
        var seen: [String: Int] = [:]
        for feature in select(file, source.filter) {
            guard let id = featureID(feature, property: source.id, key: kind.key, noun: kind.noun, file: label) else {
                continue
            }
            let name = "features[\(feature.index)] (\(kind.noun) \(id))"
            if let first = seen[id] {
                let mark = feature.properties[source.id]?.mark
                report(label, mark?.line, mark?.column, name + ".properties.\(source.id)",
                       "the id \(YAMLNodes.quote(id)) is already used by features[\(first)]; expected unique "
                       + "\(kind.noun) ids")
                continue
            }
            seen[id] = feature.index
            var text: String?
            if let property = source.label, let p = feature.properties[property], p.value != .null {
                guard case .string(let s) = p.value else {
                    report(label, p.mark?.line, p.mark?.column, name + ".properties.\(property)",
                           "found \(p.value.described); expected a string, what the \(kind.noun) is")
                    continue
                }
                text = s
            }
            guard let shape = localShape(feature, file: label, name: name, toWorking: toWorking, origin: origin,
                                         accepts: kind.accepts)
            else { continue }
            places.append(SiteDrawing.Place(id: id, label: text, shape: shape))
        }
        return places
    }

    // MARK: Helpers

    fileprivate static func isPoint(_ shape: Shape) -> Bool {
        if case .point = shape { return true }
        return false
    }

    private static func typeName(_ shape: Shape) -> String {
        switch shape {
        case .point: "Point"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        }
    }

    private mutating func report(_ file: String, _ line: Int?, _ column: Int?, _ path: String, _ message: String) {
        diagnostics.append(ScenarioDiagnostic(file: file, line: line, column: column, path: path, message: message))
    }

    private func scenarioError(_ path: String, _ message: String) -> ScenarioError {
        ScenarioError(kind: .invalid, diagnostics: [ScenarioDiagnostic(file: scenarioFile, path: path, message: message)])
    }

    private func stopIfErrors() throws(ScenarioError) {
        if !diagnostics.isEmpty { throw ScenarioError(kind: .invalid, diagnostics: diagnostics) }
    }

    /// An axis-aligned bounding box, to skip GEOS on plots far apart.
    private struct Box {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity

        init(_ shape: Shape) {
            for p in shape.positions {
                (minX, minY, maxX, maxY) = (min(minX, p.x), min(minY, p.y), max(maxX, p.x), max(maxY, p.y))
            }
        }

        func meets(_ other: Box) -> Bool {
            minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
        }
    }
}
