internal import CPROJ

/// A coordinate transformation between two CRSs, with PROJ (`proj_create_crs_to_crs`, then
/// `proj_normalize_for_visualization` so that geographic CRSs take longitude first, as GeoJSON does).
///
/// Owns its own PROJ context, so one `Projection` must stay on one thread at a time (it is not `Sendable`); make one
/// per thread or per owner. PROJ's own logging is turned off: failures come back as ``GeometryError`` values.
public final class Projection {
    /// The CRS coordinates come from.
    public let source: CoordinateReferenceSystem
    /// The CRS coordinates go to.
    public let target: CoordinateReferenceSystem
    private let context: OpaquePointer
    private let transformation: OpaquePointer

    /// Prepares the transformation from `source` to `target`.
    ///
    /// - Throws: ``GeometryError/unknownCRS(_:reason:)`` when PROJ does not know either CRS,
    ///   ``GeometryError/transformation(_:)`` when PROJ finds no operation between them.
    public init(from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem) throws(GeometryError) {
        self.source = source
        self.target = target
        guard let context = proj_context_create() else {
            throw .transformation("PROJ could not create a context")
        }
        proj_log_level(context, PJ_LOG_NONE)
        do {
            try Self.check(source, in: context)
            try Self.check(target, in: context)
        } catch {
            proj_context_destroy(context)
            throw error
        }
        guard let raw = proj_create_crs_to_crs(context, source.definition, target.definition, nil) else {
            let reason = Self.lastError(context)
            proj_context_destroy(context)
            throw .transformation("no operation from \(source) to \(target): \(reason)")
        }
        let normalized = proj_normalize_for_visualization(context, raw)
        proj_destroy(raw)
        guard let normalized else {
            let reason = Self.lastError(context)
            proj_context_destroy(context)
            throw .transformation("cannot normalise the axis order from \(source) to \(target): \(reason)")
        }
        self.context = context
        self.transformation = normalized
    }

    deinit {
        proj_destroy(transformation)
        proj_context_destroy(context)
    }

    /// Transforms one point from ``source`` to ``target``.
    ///
    /// - Throws: ``GeometryError/transformation(_:)`` when the point is not finite or PROJ cannot transform it
    ///   (e.g. outside the projection's domain).
    public func forward(_ point: Point2D) throws(GeometryError) -> Point2D {
        try transform(point, PJ_FWD)
    }

    /// Transforms one point from ``target`` back to ``source``.
    ///
    /// - Throws: as ``forward(_:)-(Point2D)``.
    public func inverse(_ point: Point2D) throws(GeometryError) -> Point2D {
        try transform(point, PJ_INV)
    }

    /// Transforms every position of `shape` from ``source`` to ``target``.
    ///
    /// - Throws: as ``forward(_:)-(Point2D)``, for the first position that fails.
    public func forward(_ shape: Shape) throws(GeometryError) -> Shape {
        try shape.mapPositions { (p: Point2D) throws(GeometryError) -> Point2D in try forward(p) }
    }

    /// Transforms every position of `shape` from ``target`` back to ``source``.
    ///
    /// - Throws: as ``forward(_:)-(Point2D)``, for the first position that fails.
    public func inverse(_ shape: Shape) throws(GeometryError) -> Shape {
        try shape.mapPositions { (p: Point2D) throws(GeometryError) -> Point2D in try inverse(p) }
    }

    private func transform(_ point: Point2D, _ direction: PJ_DIRECTION) throws(GeometryError) -> Point2D {
        guard point.isFinite else { throw .transformation("the point (\(point.x), \(point.y)) is not finite") }
        proj_errno_reset(transformation)
        let out = proj_trans(transformation, direction, proj_coord(point.x, point.y, 0, 0))
        let result = Point2D(x: out.xy.x, y: out.xy.y)
        guard result.isFinite, proj_errno(transformation) == 0 else {
            let (from, to) = direction == PJ_FWD ? (source, target) : (target, source)
            throw .transformation("(\(point.x), \(point.y)) from \(from) to \(to): \(Self.lastError(context))")
        }
        return result
    }

    /// What kind of coordinates `crs` has.
    ///
    /// - Throws: ``GeometryError/unknownCRS(_:reason:)`` when PROJ does not know it or it is not a CRS.
    public static func kind(of crs: CoordinateReferenceSystem) throws(GeometryError) -> CRSKind {
        guard let context = proj_context_create() else {
            throw .unknownCRS(crs.definition, reason: "PROJ could not create a context")
        }
        defer { proj_context_destroy(context) }
        proj_log_level(context, PJ_LOG_NONE)
        try check(crs, in: context)
        guard let object = proj_create(context, crs.definition) else {
            throw .unknownCRS(crs.definition, reason: lastError(context))
        }
        defer { proj_destroy(object) }
        switch proj_get_type(object) {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS:
            return .geographic
        case PJ_TYPE_PROJECTED_CRS:
            guard let cs = proj_crs_get_coordinate_system(context, object) else {
                throw .unknownCRS(crs.definition, reason: "PROJ gives it no coordinate system")
            }
            defer { proj_destroy(cs) }
            var factor = 0.0
            guard proj_cs_get_axis_info(context, cs, 0, nil, nil, nil, &factor, nil, nil, nil) != 0 else {
                throw .unknownCRS(crs.definition, reason: "PROJ gives no unit for its first axis")
            }
            return .projected(metresPerUnit: factor)
        default:
            return .other(proj_get_name(object).map { String(cString: $0) } ?? "unnamed")
        }
    }

    /// Throws unless PROJ can build `crs` and it is a CRS (not, say, a bare operation).
    private static func check(_ crs: CoordinateReferenceSystem, in context: OpaquePointer) throws(GeometryError) {
        guard !crs.definition.isEmpty else { throw .unknownCRS(crs.definition, reason: "the name is empty") }
        guard let object = proj_create(context, crs.definition) else {
            throw .unknownCRS(crs.definition, reason: lastError(context))
        }
        defer { proj_destroy(object) }
        guard proj_is_crs(object) != 0 else {
            throw .unknownCRS(crs.definition, reason: "PROJ knows it, but it is not a coordinate reference system")
        }
    }

    private static func lastError(_ context: OpaquePointer) -> String {
        let code = proj_context_errno(context)
        guard code != 0, let text = proj_context_errno_string(context, code) else { return "PROJ gave no reason" }
        return String(cString: text)
    }
}
