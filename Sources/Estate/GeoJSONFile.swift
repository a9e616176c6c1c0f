import Foundation
import Geometry
import Yams

/// A GeoJSON FeatureCollection (RFC 7946) read through Yams, with the line and column of every value kept.
///
/// JSON is YAML 1.2 flow style, so Yams (libyaml) parses it and gives each node its position; a quoted scalar is a
/// JSON string and a plain one a number, `true`, `false` or `null`. libyaml stops at the few JSON texts YAML does not
/// take (a `\u` escape of a UTF-16 surrogate pair: write the character itself, as every GIS does).
///
/// Read: `type` (must be `FeatureCollection`), the optional `crs` member QGIS and GDAL write
/// (`{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32748"}}`) and `features`, each with `type`
/// `Feature`, a `geometry` (`Point`, `LineString`, `MultiLineString`, `Polygon`, `MultiPolygon`; positions of 2 or
/// more numbers, a third and later ones ignored) or `null`, and `properties` (a mapping or `null`). Other members
/// (`bbox`, `name`, foreign members) are ignored, as RFC 7946 §6.1 allows. Rings are checked for closure and length
/// here, where their position is known; the rest of validity is GEOS's, later.
struct GeoJSONFile {
    /// A property's value as JSON has it.
    enum Value: Sendable, Hashable {
        /// A JSON string.
        case string(String)
        /// A JSON number.
        case number(Double)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
        /// A JSON array or object (plotalloc maps no property to these).
        case structured(String)

        /// How a diagnostic names it: `"A07"`, `12`, `true`, `null`, `a list`.
        var described: String {
            switch self {
            case .string(let s): YAMLNodes.quote(s)
            case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
            case .bool(let b): String(b)
            case .null: "null"
            case .structured(let what): what
            }
        }
    }

    /// One property of a feature: its value and where it is.
    struct Property {
        /// The value.
        var value: Value
        /// Its position in the file.
        var mark: Mark?
    }

    /// One feature: its geometry in the file's coordinates and its properties.
    struct Feature {
        /// Its zero-based index in `features`.
        var index: Int
        /// Where the feature's mapping starts.
        var mark: Mark?
        /// The geometry in the file's CRS, or `nil` for `"geometry": null`.
        var geometry: Shape?
        /// Where the geometry's mapping starts.
        var geometryMark: Mark?
        /// The properties by name.
        var properties: [String: Property]
        /// The feature's own `id` member, when present.
        var id: Value?
    }

    /// The file name as diagnostics print it.
    var file: String
    /// The CRS the `crs` member names, or `nil` when absent (WGS 84 longitude/latitude, RFC 7946).
    var crs: CoordinateReferenceSystem?
    /// Where the `crs` member's name is.
    var crsMark: Mark?
    /// The features in file order.
    var features: [Feature]

    /// Reads and parses the GeoJSON file at `path` (as the scenario names it, for diagnostics: `label`).
    ///
    /// - Throws: ``ScenarioError`` of kind `unreadable` (missing, a directory, larger than ``ScenarioLoader/maxFileSize``, not UTF-8), `syntax` (not
    ///   well-formed JSON, with caret line) or `invalid` (not a FeatureCollection, a bad geometry or position, an open
    ///   or too short ring, a `crs` member of another form), every problem found up to ``ScenarioLoader/maxErrors``.
    static func read(path: String, label: String) throws(ScenarioError) -> GeoJSONFile {
        let text = try ScenarioLoader.readText(path: path, label: label, kind: "GeoJSON file")
        return try parse(text: text, file: label)
    }

    /// Parses GeoJSON text; `file` names it in diagnostics.
    ///
    /// - Throws: as ``read(path:label:)``, without `unreadable`.
    static func parse(text: String, file: String) throws(ScenarioError) -> GeoJSONFile {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(kind: .invalid, diagnostics: [
                    ScenarioDiagnostic(file: file, line: 1, column: 1, message: "found an empty file; expected a "
                        + "GeoJSON FeatureCollection"),
                ])
            }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(kind: .syntax, diagnostics: [ScenarioLoader.syntaxDiagnostic(error, yaml: text, file: file)])
        }
        var parser = Parser(file: file)
        let result = parser.collection(root)
        if !parser.diagnostics.isEmpty { throw ScenarioError(kind: .invalid, diagnostics: parser.diagnostics) }
        return result
    }

    /// The walk over the node tree, collecting diagnostics.
    private struct Parser {
        let file: String
        var diagnostics: [ScenarioDiagnostic] = []

        mutating func report(_ mark: Mark?, _ path: String, _ message: String) {
            diagnostics.append(ScenarioDiagnostic(
                file: file, line: mark?.line, column: mark?.column, path: path, message: message))
        }

        /// A JSON string's value, or `nil` when the node is not a quoted scalar.
        static func string(_ node: Node) -> String? {
            guard case .scalar(let s) = node, s.style != .plain, s.style != .any else { return nil }
            return s.string
        }

        /// A JSON number's value, or `nil` when the node is not a plain scalar that reads as a finite number.
        static func number(_ node: Node) -> Double? {
            guard case .scalar(let s) = node, s.style == .plain || s.style == .any,
                  let value = Double(s.string), value.isFinite else { return nil }
            return value
        }

        static func value(_ node: Node) -> Value {
            switch node {
            case .scalar(let s):
                if s.style != .plain && s.style != .any { return .string(s.string) }
                switch s.string {
                case "true": return .bool(true)
                case "false": return .bool(false)
                case "null", "": return .null
                default: return Double(s.string).map { .number($0) } ?? .string(s.string)
                }
            case .mapping: return .structured("an object")
            case .sequence: return .structured("a list")
            case .alias: return .structured("an alias")
            }
        }

        static func describe(_ node: Node) -> String {
            switch value(node) {
            case .structured(let what): what
            case let other: other.described
            }
        }

        mutating func collection(_ root: Node) -> GeoJSONFile {
            var out = GeoJSONFile(file: file, crs: nil, crsMark: nil, features: [])
            guard case .mapping = root else {
                report(root.mark, "", "found \(Self.describe(root)); expected a GeoJSON FeatureCollection object")
                return out
            }
            let type = YAMLNodes.value(of: "type", in: root)
            if type.flatMap(Self.string) != "FeatureCollection" {
                let found = type.map(Self.describe) ?? "no type"
                report(type?.mark ?? root.mark, "type", "found \(found); expected \"FeatureCollection\" (plotalloc "
                    + "reads a FeatureCollection; save the layer as GeoJSON from QGIS or with ogr2ogr)")
            }
            if let crs = YAMLNodes.value(of: "crs", in: root), !YAMLNodes.isNull(crs) {
                let name = YAMLNodes.value(of: "properties", in: crs).flatMap { YAMLNodes.value(of: "name", in: $0) }
                if YAMLNodes.value(of: "type", in: crs).flatMap(Self.string) == "name", let name,
                   let text = Self.string(name) {
                    out.crs = CoordinateReferenceSystem(text)
                    out.crsMark = name.mark
                } else {
                    report(crs.mark, "crs", "found a crs member of another form; expected "
                        + "{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::32748\"}} "
                        + "(a named CRS, as QGIS and GDAL write it) or no crs member (WGS 84 longitude/latitude)")
                }
            }
            guard let features = YAMLNodes.value(of: "features", in: root) else {
                report(root.mark, "features", "missing; expected a list of features")
                return out
            }
            guard case .sequence(let list) = features else {
                report(features.mark, "features", "found \(Self.describe(features)); expected a list of features")
                return out
            }
            for (index, node) in list.enumerated() {
                if let feature = self.feature(node, index: index) { out.features.append(feature) }
            }
            return out
        }

        mutating func feature(_ node: Node, index: Int) -> Feature? {
            let path = "features[\(index)]"
            guard case .mapping = node else {
                report(node.mark, path, "found \(Self.describe(node)); expected a Feature object")
                return nil
            }
            let type = YAMLNodes.value(of: "type", in: node)
            if type.flatMap(Self.string) != "Feature" {
                report(type?.mark ?? node.mark, path + ".type",
                       "found \(type.map(Self.describe) ?? "no type"); expected \"Feature\"")
            }
            var properties: [String: Property] = [:]
            if let props = YAMLNodes.value(of: "properties", in: node), !YAMLNodes.isNull(props) {
                if case .mapping(let mapping) = props {
                    for (key, value) in mapping {
                        guard let name = key.scalar?.string else { continue }
                        properties[name] = Property(value: Self.value(value), mark: value.mark)
                    }
                } else {
                    report(props.mark, path + ".properties", "found \(Self.describe(props)); expected an object or null")
                }
            }
            var feature = Feature(
                index: index, mark: node.mark, geometry: nil, geometryMark: nil, properties: properties,
                id: YAMLNodes.value(of: "id", in: node).map(Self.value))
            guard let geometry = YAMLNodes.value(of: "geometry", in: node) else {
                report(node.mark, path + ".geometry", "missing; expected a geometry object or null")
                return feature
            }
            if YAMLNodes.isNull(geometry) { return feature }
            feature.geometryMark = geometry.mark
            feature.geometry = shape(geometry, path + ".geometry")
            return feature
        }

        mutating func shape(_ node: Node, _ path: String) -> Shape? {
            guard case .mapping = node else {
                report(node.mark, path, "found \(Self.describe(node)); expected a geometry object or null")
                return nil
            }
            let typeNode = YAMLNodes.value(of: "type", in: node)
            let type = typeNode.flatMap(Self.string)
            let known = ["Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]
            guard let type, known.contains(type) else {
                report(typeNode?.mark ?? node.mark, path + ".type", "found \(typeNode.map(Self.describe) ?? "no type"); "
                    + "expected one of \(known.map { "\"\($0)\"" }.joined(separator: ", "))")
                return nil
            }
            guard let coordinates = YAMLNodes.value(of: "coordinates", in: node) else {
                report(node.mark, path + ".coordinates", "missing; expected the \(type)'s coordinates")
                return nil
            }
            let at = path + ".coordinates"
            switch type {
            case "Point":
                return position(coordinates, at).map { .point($0) }
            case "LineString":
                return line(coordinates, at).map { .lineString($0) }
            case "MultiLineString":
                return list(coordinates, at, "lines") { parser, node, path in parser.line(node, path) }
                    .map { .multiLineString($0) }
            case "Polygon":
                return polygon(coordinates, at).map { .polygon($0) }
            default:
                return list(coordinates, at, "polygons") { parser, node, path in parser.polygon(node, path) }
                    .map { .multiPolygon($0) }
            }
        }

        /// Each element of a JSON array read by `element`; `nil` when the node is not an array or an element fails.
        mutating func list<T>(
            _ node: Node, _ path: String, _ what: String, _ element: (inout Parser, Node, String) -> T?
        ) -> [T]? {
            guard case .sequence(let items) = node else {
                report(node.mark, path, "found \(Self.describe(node)); expected a list of \(what)")
                return nil
            }
            var out: [T] = []
            var failed = false
            for (i, item) in items.enumerated() {
                if let value = element(&self, item, "\(path)[\(i)]") { out.append(value) } else { failed = true }
            }
            return failed ? nil : out
        }

        mutating func position(_ node: Node, _ path: String) -> Point2D? {
            guard case .sequence(let items) = node, items.count >= 2,
                  let x = Self.number(items[0]), let y = Self.number(items[1])
            else {
                report(node.mark, path, "found \(Self.describe(node)); expected a position [x, y] of two numbers")
                return nil
            }
            return Point2D(x: x, y: y)
        }

        mutating func line(_ node: Node, _ path: String) -> [Point2D]? {
            guard let points = list(node, path, "positions", { $0.position($1, $2) }) else { return nil }
            guard points.count >= 2 else {
                report(node.mark, path, "found a line of \(points.count) position(s); expected at least 2")
                return nil
            }
            return points
        }

        mutating func polygon(_ node: Node, _ path: String) -> Polygon? {
            guard let rings = list(node, path, "rings", { parser, node, path in parser.ring(node, path) }) else {
                return nil
            }
            guard let exterior = rings.first else {
                report(node.mark, path, "found a polygon with no rings; expected an exterior ring and any holes")
                return nil
            }
            return Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
        }

        mutating func ring(_ node: Node, _ path: String) -> [Point2D]? {
            guard let points = list(node, path, "positions", { $0.position($1, $2) }) else { return nil }
            if let problem = GeometryEngine.ringProblem(points) {
                report(node.mark, path, "\(problem); expected a closed linear ring (RFC 7946 §3.1.6)")
                return nil
            }
            return points
        }
    }
}
