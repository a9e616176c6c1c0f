/// Which features of a GeoJSON file a source takes: those whose property `property` equals `equals`
/// (e.g. `{property: Layer, equals: KAVLING}` for the AutoCAD layer of the plots, after `ogr2ogr` from DXF).
///
/// A string property matches its text; a number property matches its shortest decimal form (`7`, `7.5`).
public struct FeatureFilter: Sendable, Hashable, Codable {
    /// The property to compare.
    public var property: String
    /// The value a feature's property must have.
    public var equals: String

    /// Makes a filter.
    public init(property: String, equals: String) {
        self.property = property
        self.equals = equals
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case property, equals }
}

/// `site.plots_from`: the plots as polygons in a GeoJSON file, with the feature properties that give each plot
/// field and the values used when a feature lacks the property (``PlotDefaults``).
///
/// The polygon gives the area and centroid. Frontage comes from the `frontage` property, else from the roads
/// (`site.roads_from`: a plot within 1 m of a `main` road fronts it), else from the defaults.
public struct PlotSource: Sendable, Hashable, Codable {
    /// The GeoJSON file, relative to the scenario file.
    public var file: String
    /// Only the features this filter accepts; all when `nil`.
    public var filter: FeatureFilter?
    /// The property holding the plot id (a string or a whole number), e.g. `KAV_NO`.
    public var id: String
    /// The property holding the phase id.
    public var phase: String?
    /// The property holding the zone id, e.g. `ZONA`.
    public var zone: String?
    /// The property holding the power block id.
    public var powerBlock: String?
    /// The property holding `main` or `local`.
    public var frontage: String?
    /// The property holding the rent (IDR per m² per year).
    public var rent: String?
    /// The property holding a declared area (m²): only checked against the polygon's (more than 2 % apart is a
    /// warning naming the plot); the polygon's area is the one used.
    public var area: String?
    /// Values for features that lack a mapped property, or whose field has no property.
    public var defaults: PlotDefaults?

    /// Makes a source.
    public init(
        file: String, filter: FeatureFilter? = nil, id: String, phase: String? = nil, zone: String? = nil,
        powerBlock: String? = nil, frontage: String? = nil, rent: String? = nil, area: String? = nil,
        defaults: PlotDefaults? = nil
    ) {
        self.file = file
        self.filter = filter
        self.id = id
        self.phase = phase
        self.zone = zone
        self.powerBlock = powerBlock
        self.frontage = frontage
        self.rent = rent
        self.area = area
        self.defaults = defaults
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case file, filter = "where", id, phase, zone, powerBlock = "power_block", frontage, rent, area, defaults
    }
}

/// `site.plots_from.defaults`: plot fields for features that lack the mapped property.
public struct PlotDefaults: Sendable, Hashable, Codable {
    /// The phase id.
    public var phase: String?
    /// The zone id.
    public var zone: String?
    /// The power block id.
    public var powerBlock: String?
    /// The frontage, when neither a property nor the roads give it.
    public var frontage: RoadFrontage?
    /// The rent (IDR per m² per year).
    public var rent: Double?

    /// Makes defaults.
    public init(
        phase: String? = nil, zone: String? = nil, powerBlock: String? = nil, frontage: RoadFrontage? = nil,
        rent: Double? = nil
    ) {
        self.phase = phase
        self.zone = zone
        self.powerBlock = powerBlock
        self.frontage = frontage
        self.rent = rent
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case phase, zone, powerBlock = "power_block", frontage, rent
    }
}

/// `site.roads_from`: roads as centre lines (`LineString`, `MultiLineString`) or surfaces (`Polygon`,
/// `MultiPolygon`) in a GeoJSON file, each of class `main` or `local`.
///
/// A centre line with a width (the `width` property, else `default_width`) stands for the strip `width / 2` either
/// side of it; without one, for the line itself.
public struct RoadSource: Sendable, Hashable, Codable {
    /// The GeoJSON file, relative to the scenario file.
    public var file: String
    /// Only the features this filter accepts; all when `nil`.
    public var filter: FeatureFilter?
    /// The property holding `main` or `local`, e.g. `KELAS`.
    public var roadClass: String?
    /// The class of roads without the property; `local` when `nil`.
    public var defaultClass: RoadFrontage?
    /// The property holding a centre line's width (m), e.g. `LEBAR`.
    public var width: String?
    /// The width (m) of centre lines without the property.
    public var defaultWidth: Double?

    /// Makes a source.
    public init(
        file: String, filter: FeatureFilter? = nil, roadClass: String? = nil, defaultClass: RoadFrontage? = nil,
        width: String? = nil, defaultWidth: Double? = nil
    ) {
        self.file = file
        self.filter = filter
        self.roadClass = roadClass
        self.defaultClass = defaultClass
        self.width = width
        self.defaultWidth = defaultWidth
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case file, filter = "where", roadClass = "class", defaultClass = "default_class", width
        case defaultWidth = "default_width"
    }
}

/// `site.boundary_from`, `site.green_from`: areas (polygons or multipolygons) in a GeoJSON file.
public struct AreaSource: Sendable, Hashable, Codable {
    /// The GeoJSON file, relative to the scenario file.
    public var file: String
    /// Only the features this filter accepts; all when `nil`.
    public var filter: FeatureFilter?

    /// Makes a source.
    public init(file: String, filter: FeatureFilter? = nil) {
        self.file = file
        self.filter = filter
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case file, filter = "where" }
}

/// `site.sensitive_from`, `site.treatment_from`: named places in a GeoJSON file, each feature one place with an id
/// (and optionally a label) from its properties. Sensitive places (housing, a school, a river) may be Points,
/// LineStrings, Polygons or their Multi- forms; treatment units (IPAL) are Polygons or MultiPolygons (their
/// footprint).
///
/// `rules.buffers[i]` without `points` takes the shape of the sensitive place whose id is its own;
/// `rules.wastewater.units[i]` is drawn as the treatment unit whose id is its own.
public struct PlaceSource: Sendable, Hashable, Codable {
    /// The GeoJSON file, relative to the scenario file.
    public var file: String
    /// Only the features this filter accepts; all when `nil`.
    public var filter: FeatureFilter?
    /// The property holding the place's id (a string or a whole number), e.g. `NAMA`.
    public var id: String
    /// The property holding what the place is, e.g. `JENIS` ("school"); optional.
    public var label: String?

    /// Makes a source.
    public init(file: String, filter: FeatureFilter? = nil, id: String, label: String? = nil) {
        self.file = file
        self.filter = filter
        self.id = id
        self.label = label
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case file, filter = "where", id, label }
}
