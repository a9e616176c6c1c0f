import Geometry

/// The site as drawn: the shapes the loader read from the GeoJSON files `site.plots_from`, `site.roads_from`,
/// `site.boundary_from`, `site.green_from`, `site.sensitive_from` and `site.treatment_from` name, in local metres.
///
/// Local metres are the working CRS's metres (``crs``) minus ``origin``, the south-west corner of the drawn plots'
/// bounding box rounded down to whole metres, so that plot centroids (`Plot.x`, `Plot.y`) stay small numbers as in
/// a YAML site. Add ``origin`` back and transform from ``crs`` to get the drawing's real coordinates.
public struct SiteDrawing: Sendable, Hashable {
    /// A road feature.
    public struct Road: Sendable, Hashable {
        /// Its class, from the class property or the default.
        public var roadClass: RoadFrontage
        /// Its surface: the polygon drawn, or the centre line grown by half its width (the line itself when no width
        /// is known), in local metres.
        public var shape: Shape
    }

    /// A named drawn place: a sensitive place (`site.sensitive_from`) or a wastewater treatment unit
    /// (`site.treatment_from`).
    public struct Place: Sendable, Hashable {
        /// Its id, from the id property; `rules.buffers[].id` or `rules.wastewater.units[].id` refer to it.
        public var id: String
        /// What it is, from the label property (e.g. "school"), when mapped and given.
        public var label: String?
        /// Its shape in local metres: a point, line or area for a sensitive place, an area for a treatment unit.
        public var shape: Shape

        /// Makes a place.
        public init(id: String, label: String? = nil, shape: Shape) {
            self.id = id
            self.label = label
            self.shape = shape
        }

        /// "school (S1)", or the id alone without a label.
        public var name: String { label.map { "\($0) (\(id))" } ?? id }
    }

    /// The projected CRS (metres) the site is measured in.
    public var crs: CoordinateReferenceSystem
    /// The working-CRS coordinates of the local origin.
    public var origin: Point2D
    /// Each drawn plot's polygon (or multipolygon) in local metres, by plot id.
    public var plots: [String: Shape]
    /// The roads, in file order.
    public var roads: [Road]
    /// The site boundary, when drawn.
    public var boundary: Shape?
    /// The green areas, in file order.
    public var green: [Shape]
    /// The sensitive places (housing, a school, a river), in file order.
    public var sensitive: [Place] = []
    /// The wastewater treatment units (IPAL), in file order.
    public var treatment: [Place] = []
    /// Problems that do not stop the load (a declared area more than 2 % from the polygon's), one line each.
    public var warnings: [ScenarioDiagnostic]

    /// Makes a drawing.
    public init(
        crs: CoordinateReferenceSystem, origin: Point2D, plots: [String: Shape], roads: [Road] = [],
        boundary: Shape? = nil, green: [Shape] = [], warnings: [ScenarioDiagnostic] = []
    ) {
        self.crs = crs
        self.origin = origin
        self.plots = plots
        self.roads = roads
        self.boundary = boundary
        self.green = green
        self.warnings = warnings
    }
}
