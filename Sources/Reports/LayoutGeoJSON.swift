import Foundation
import Estate
import Geometry

/// A layout as GeoJSON (RFC 7946) for QGIS, geojson.io or any web map: one feature per plot, in WGS 84
/// longitude/latitude, with the firm on it, its score contribution, its neighbours and, for an empty plot, why.
///
/// Each plot feature's `properties`: `kind` (`plot`), `plot`, `zone`, `phase`, `area_m2`, `frontage`, `firm`, `name`, `sector` (`null` on
/// an empty plot), `score` (the plot's share of the layout's score: its firm's placement value, half of each rated
/// pair it forms with a firm on a neighbouring plot, minus the move penalty if an incumbent moved here; the shares
/// add up to the score), `neighbours` (`"A02 F012 E; A07 empty"`: each neighbouring plot, its firm and the pair's
/// rating letters, `-` when unrated) and `empty_because` (on an empty plot: no firm may take it, or how many may
/// and that each is placed elsewhere). The drawn wastewater treatment units (`site.treatment_from`) follow the plots,
/// one feature each with `kind` `treatment_unit`, `unit` (its id), `name` (its label) and, when
/// `rules.wastewater.units` has it, `capacity_m3_per_day`, `discharge_m3_per_day` (what the layout's firms on the
/// plots draining to it discharge) and `plots_draining`; their `plot`, `firm` and `sector` are `null`. The collection's `properties` hold `scenario`, `status`, `score` and
/// `unplaced` (each unplaced firm's id, name, sector and reason). Scores and areas are written with exactly 2
/// decimals (`12.00`, `1011.80`, never `1011.8000000000002`), so GDAL and QGIS type them Real in every file;
/// coordinates with at most 9 decimals (about 0.1 mm). Every plot is a Polygon, or every plot a MultiPolygon when
/// one of them is.
///
/// Only a drawn site (`site.plots_from`) is geo-referenced; a site typed in YAML has no place on Earth, and
/// ``render()`` throws for it.
public struct LayoutGeoJSON: Sendable {
    private let scenario: Scenario
    private let layout: Layout?
    private let status: String
    private let unplaced: [(firm: String, reason: String)]

    /// Why a layout cannot be written as GeoJSON.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The site is typed in YAML, not drawn: it has no coordinates on Earth.
        case notGeoreferenced
        /// PROJ could not transform the site back to WGS 84.
        case projection(GeometryError)

        /// One line.
        public var description: String {
            switch self {
            case .notGeoreferenced:
                "the site has no geographic coordinates; expected a site drawn in GeoJSON (site.plots_from) for "
                    + "--geojson"
            case .projection(let error): error.description
            }
        }
    }

    /// Prepares the GeoJSON of `layout` (or of the empty site when `nil`) with the run's `status` and the reasons
    /// unplaced firms are out (firm id, one line each).
    ///
    /// A layout that cuts raw land or merges plots is written on its effective site (``Scenario/applying(_:)``):
    /// each kavling and each merged run is one feature with its polygon (a run's plots' rectangles as one), `kind`
    /// `kavling` (with `block`, `start_m`, `end_m`, `width_m`) or `merged` (with `plots`, ids joined by `+`, and
    /// `width_m`), besides the `plot` (its id), `area_m2` and `firm` every feature has; reading the file back as a
    /// layout restores the cut (``LayoutDocument``).
    public init(scenario: Scenario, layout: Layout?, status: String, unplaced: [(firm: String, reason: String)]) {
        let effective = layout.map { $0.effective(on: scenario) }
        self.scenario = effective?.scenario ?? scenario
        self.layout = effective?.layout
        self.status = status
        self.unplaced = unplaced
    }

    /// The FeatureCollection as pretty-printed JSON, ending with a newline.
    ///
    /// - Throws: ``Failure`` when the site is not drawn or PROJ cannot transform it.
    public func render() throws(Failure) -> String {
        guard let drawing = scenario.site.drawing else { throw .notGeoreferenced }
        let toWGS84: Projection
        do { toWGS84 = try Projection(from: CoordinateReferenceSystem.wgs84, to: drawing.crs) } catch {
            throw .projection(error)
        }
        let plots = scenario.site.plots
        let firms = Dictionary(scenario.firms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let onPlot = layout?.firmsByPlot ?? [:]
        let geometry = SiteGeometry(scenario: scenario)
        let lookup = ClosenessLookup(chart: scenario.closeness)
        let weights = scenario.rules.ratingWeights
        let eligibility = Eligibility(scenario: scenario)

        /// The rating letters of a firm pair (sector rating, then firm rating) and their total weight.
        func rating(_ a: Firm, _ b: Firm) -> (letters: String, weight: Double) {
            var letters: [String] = [], weight = 0.0
            for r in [lookup.sectorRating(a.sector, b.sector), lookup.firmRating(a.id, b.id)].compactMap({ $0 }) {
                letters.append(r.rating.rawValue)
                weight += weights.weight(r.rating)
            }
            return (letters.isEmpty ? "-" : letters.joined(separator: "+"), weight)
        }

        // One geometry type for the layer (QGIS and GDAL like it uniform): MultiPolygon when any plot is one.
        let multi = plots.compactMap { scenario.site.shape(of: $0) }.contains { if case .multiPolygon = $0 { true } else { false } }
            || drawing.treatment.contains { if case .multiPolygon = $0.shape { true } else { false } }
        var features: [JSONText] = []
        var total = 0.0
        let hasDerived = plots.contains { $0.derived != nil }
        for (p, plot) in plots.enumerated() {
            let here = (onPlot[plot.id] ?? []).compactMap { firms[$0] }
            var properties: [String: JSONText] = [
                "kind": .text("plot"), "plot": .string(plot.id), "zone": .string(plot.zone), "phase": .string(plot.phase),
                "area_m2": .decimal(plot.area, places: Self.decimals), "frontage": .string(plot.frontage.rawValue),
            ]
            // The cut: a kavling's block and place on its frontage, a run's plots (null on other features, so that
            // every feature has the fields when the layout has derived sites).
            if hasDerived {
                for key in ["block", "start_m", "end_m", "width_m", "plots"] { properties[key] = .null }
                switch plot.derived {
                case .kavling(let k)?:
                    properties["kind"] = .text("kavling")
                    properties["block"] = .text(k.block)
                    properties["start_m"] = .decimal(k.start, places: Self.decimals)
                    properties["end_m"] = .decimal(k.end, places: Self.decimals)
                    properties["width_m"] = .decimal(k.width, places: Self.decimals)
                case .merged(let run)?:
                    properties["kind"] = .text("merged")
                    properties["plots"] = .text(run.plots.joined(separator: "+"))
                    properties["width_m"] = plot.width.map { .decimal($0, places: Self.decimals) } ?? .null
                case nil:
                    break
                }
            }
            let firm = here.first
            properties["firm"] = .string(firm?.id)
            properties["name"] = .string(firm?.name)
            properties["sector"] = .string(firm?.sector)
            var score = 0.0
            var neighbours: [String] = []
            for q in geometry.neighboursOf[p] {
                let others = (onPlot[plots[q].id] ?? []).compactMap { firms[$0] }
                guard let other = others.first else {
                    neighbours.append("\(plots[q].id) empty")
                    continue
                }
                if let firm {
                    let r = rating(firm, other)
                    score += r.weight / 2
                    neighbours.append("\(plots[q].id) \(other.id) \(r.letters)")
                } else {
                    neighbours.append("\(plots[q].id) \(other.id)")
                }
            }
            if let firm {
                score += scenario.rules.placementValue.value(of: firm)
                if let own = firm.incumbentPlot, own != plot.id { score -= scenario.rules.incumbents.movePenalty }
            }
            total += score
            properties["score"] = .decimal(score, places: Self.decimals)
            properties["neighbours"] = .string(neighbours.joined(separator: "; "))
            if firm == nil {
                let eligible = scenario.firms.filter { eligibility.mayTake(firm: $0, plot: plot) }
                properties["empty_because"] = .string(eligible.isEmpty
                    ? "no firm may take it (area, zone, frontage or rent)"
                    : "each of the \(eligible.count) firm\(eligible.count == 1 ? "" : "s") that may take it is placed "
                        + "elsewhere or left out by the optimum")
            } else {
                properties["empty_because"] = .null
            }
            let local = scenario.site.shape(of: plot) ?? .point(Point2D(x: plot.x, y: plot.y))
            let shape: Shape
            do {
                shape = try toWGS84.inverse(local.mapPositions {
                    Point2D(x: $0.x + drawing.origin.x, y: $0.y + drawing.origin.y)
                })
            } catch { throw .projection(error) }
            let uniform: Shape = if multi, case .polygon(let polygon) = shape { .multiPolygon([polygon]) } else { shape }
            features.append(.object(["type": .string("Feature"), "properties": .object(properties),
                                     "geometry": Self.geometry(uniform)]))
        }
        // The drawn treatment units (IPAL) after the plots, as drawn (areas, so the layer stays all polygons).
        let units = Dictionary((scenario.rules.wastewater?.units ?? []).map { ($0.id, $0) },
                               uniquingKeysWith: { a, _ in a })
        let discharge = WastewaterRule.discharge(in: scenario)
        let placedFirms = Dictionary(scenario.firms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let plotIndex = Dictionary(plots.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for place in drawing.treatment {
            var properties: [String: JSONText] = [
                "kind": .text("treatment_unit"), "unit": .text(place.id), "name": .string(place.label),
                "plot": .null, "firm": .null, "sector": .null,
            ]
            if let unit = units[place.id] {
                let drains = Set(WastewaterRule.plots(of: unit, in: scenario))
                let load = (layout?.assignments ?? [:]).reduce(0.0) { sum, entry in
                    guard let f = placedFirms[entry.key], let p = plotIndex[entry.value], drains.contains(p) else {
                        return sum
                    }
                    return sum + discharge[f]
                }
                properties["capacity_m3_per_day"] = .decimal(unit.capacityM3PerDay, places: Self.decimals)
                properties["discharge_m3_per_day"] = .decimal(load, places: Self.decimals)
                properties["plots_draining"] = .number(Double(drains.count))
            }
            let shape: Shape
            do {
                shape = try toWGS84.inverse(place.shape.mapPositions {
                    Point2D(x: $0.x + drawing.origin.x, y: $0.y + drawing.origin.y)
                })
            } catch { throw .projection(error) }
            let uniform: Shape = if multi, case .polygon(let polygon) = shape { .multiPolygon([polygon]) } else { shape }
            features.append(.object(["type": .string("Feature"), "properties": .object(properties),
                                     "geometry": Self.geometry(uniform)]))
        }
        let out = JSONText.object([
            "type": .string("FeatureCollection"),
            "properties": .object([
                "scenario": .string(scenario.metadata.name), "status": .string(status),
                "score": .decimal(total, places: Self.decimals),
                "unplaced": .array(unplaced.map { entry in
                    let firm = firms[entry.firm]
                    return .object(["firm": .string(entry.firm), "name": .string(firm?.name ?? entry.firm),
                                    "sector": .string(firm?.sector ?? ""), "reason": .string(entry.reason)])
                }),
            ]),
            "features": .array(features),
        ])
        return out.rendered() + "\n"
    }

    /// Decimals of the scores and areas written.
    static let decimals = 2

    /// A GeoJSON geometry object; positions rounded to 9 decimals.
    static func geometry(_ shape: Shape) -> JSONText {
        func position(_ p: Point2D) -> JSONText {
            .array([.number((p.x * 1e9).rounded() / 1e9), .number((p.y * 1e9).rounded() / 1e9)])
        }
        func ring(_ r: [Point2D]) -> JSONText { .array(r.map(position)) }
        func polygon(_ p: Polygon) -> JSONText { .array(p.rings.map(ring)) }
        let (type, coordinates): (String, JSONText) = switch shape {
        case .point(let p): ("Point", position(p))
        case .lineString(let l): ("LineString", ring(l))
        case .multiLineString(let ls): ("MultiLineString", .array(ls.map(ring)))
        case .polygon(let p): ("Polygon", polygon(p))
        case .multiPolygon(let ps): ("MultiPolygon", .array(ps.map(polygon)))
        }
        return .object(["type": .string(type), "coordinates": coordinates])
    }
}
