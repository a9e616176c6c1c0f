internal import CGEOS

/// Measures and combines ``Shape`` values with GEOS's reentrant C API: area, length, centroid, validity, distance,
/// shared boundary, overlap and buffer.
///
/// Each engine owns one GEOS context handle (`GEOS_init_r`), freed when the engine goes. GEOS context handles must
/// not be used from two threads at once, so an engine is not `Sendable`: make one per thread or per owner (they
/// are cheap). Every GEOS geometry is built, used and destroyed inside one call; no C type leaves this type.
/// Shapes are checked for structure (closed rings of at least 4 positions, lines of at least 2, finite coordinates)
/// before GEOS sees them, so GEOS never gets a ring it would refuse to build.
public final class GeometryEngine {
    private let handle: OpaquePointer
    private let messages = MessageBox()

    /// The last error message GEOS reported through its handler.
    private final class MessageBox {
        var last: String?
    }

    /// Makes an engine with its own GEOS context.
    public init() {
        // GEOS_init_r only fails when it cannot allocate a few bytes: nothing sensible is left to do then.
        guard let handle = GEOS_init_r() else { fatalError("GEOS_init_r could not allocate a context") }
        self.handle = handle
        GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            Unmanaged<MessageBox>.fromOpaque(userData).takeUnretainedValue().last = String(cString: message)
        }, Unmanaged.passUnretained(messages).toOpaque())
    }

    deinit {
        GEOS_finish_r(handle)
    }

    // MARK: Validity

    /// Whether `shape` is a valid geometry, and if not why (see ``Validity``).
    ///
    /// Structure is checked first (each ring closed with at least 4 positions, each line at least 2 positions, all
    /// coordinates finite, a multipolygon not empty); then GEOS's `GEOSisValidReason_r` (self-intersections, holes
    /// outside the shell, overlapping parts of a multipolygon, …).
    public func validity(of shape: Shape) -> Validity {
        if let problem = Self.structuralProblem(shape) { return .invalid(problem) }
        let geometry: OpaquePointer
        do { geometry = try build(shape) } catch { return .invalid(error.description) }
        defer { GEOSGeom_destroy_r(handle, geometry) }
        guard let reason = GEOSisValidReason_r(handle, geometry) else {
            return .invalid("GEOS could not decide validity: \(lastMessage())")
        }
        defer { GEOSFree_r(handle, reason) }
        let text = String(cString: reason)
        return text == "Valid Geometry" ? .valid : .invalid(text)
    }

    // MARK: Measures

    /// The area of `shape` in square units of its coordinates (0 for points and lines).
    ///
    /// - Throws: ``GeometryError/invalidShape(_:)`` on a structurally broken shape. An invalid but buildable polygon
    ///   (e.g. a bow-tie) gets GEOS's area, which is not meaningful: check ``validity(of:)`` first.
    public func area(of shape: Shape) throws(GeometryError) -> Double {
        try measure(shape) { GEOSArea_r(handle, $0, $1) }
    }

    /// The length of `shape`: a line's length, a polygon's perimeter (holes included), 0 for a point.
    ///
    /// - Throws: ``GeometryError/invalidShape(_:)`` on a structurally broken shape.
    public func length(of shape: Shape) throws(GeometryError) -> Double {
        try measure(shape) { GEOSLength_r(handle, $0, $1) }
    }

    /// The centroid of `shape` (for a polygon, its centre of area, which may lie outside an L- or U-shaped plot).
    ///
    /// - Throws: ``GeometryError/invalidShape(_:)`` on a structurally broken or empty shape.
    public func centroid(of shape: Shape) throws(GeometryError) -> Point2D {
        let geometry = try build(shape)
        defer { GEOSGeom_destroy_r(handle, geometry) }
        let centroid = try result(GEOSGetCentroid_r(handle, geometry), "centroid")
        defer { GEOSGeom_destroy_r(handle, centroid) }
        var x = 0.0, y = 0.0
        guard GEOSisEmpty_r(handle, centroid) == 0, GEOSGeomGetX_r(handle, centroid, &x) == 1,
              GEOSGeomGetY_r(handle, centroid, &y) == 1
        else { throw .invalidShape("an empty shape has no centroid") }
        return Point2D(x: x, y: y)
    }

    /// The shortest distance between `a` and `b` (0 when they touch or overlap).
    ///
    /// - Throws: ``GeometryError/invalidShape(_:)`` on a structurally broken shape.
    public func distance(_ a: Shape, _ b: Shape) throws(GeometryError) -> Double {
        try binaryMeasure(a, b) { GEOSDistance_r(handle, $0, $1, $2) }
    }

    /// The length of the boundary the two shapes share: the part of `a`'s boundary that lies on `b`'s boundary
    /// (`tolerance` 0) or within `tolerance` of it.
    ///
    /// With `tolerance` 0 this is the length of the intersection of the two boundaries, so only exactly coincident
    /// edges count; drawn plots rarely share edges to the last bit, so pass a small tolerance (e.g. 0.05 m). With a
    /// tolerance, a piece of `a`'s boundary up to `tolerance` long may count at each corner where an edge of `a`
    /// meets `b`'s boundary at an angle. Two shapes that only touch at a corner share about 0 m.
    ///
    /// - Throws: ``GeometryError/invalidShape(_:)`` on a structurally broken shape or a negative tolerance,
    ///   ``GeometryError/geos(_:)`` when GEOS fails (e.g. a topology error on an invalid polygon).
    public func sharedBoundaryLength(_ a: Shape, _ b: Shape, tolerance: Double = 0) throws(GeometryError) -> Double {
        guard tolerance >= 0, tolerance.isFinite else {
            throw .invalidShape("the tolerance \(tolerance) must be a finite number ≥ 0")
        }
        let ga = try build(a)
        defer { GEOSGeom_destroy_r(handle, ga) }
        let gb = try build(b)
        defer { GEOSGeom_destroy_r(handle, gb) }
        let boundaryA = try result(GEOSBoundary_r(handle, ga), "boundary")
        defer { GEOSGeom_destroy_r(handle, boundaryA) }
        let boundaryB = try result(GEOSBoundary_r(handle, gb), "boundary")
        defer { GEOSGeom_destroy_r(handle, boundaryB) }
        let near: OpaquePointer
        if tolerance == 0 {
            near = try result(GEOSIntersection_r(handle, boundaryA, boundaryB), "boundary intersection")
        } else {
            let band = try result(GEOSBuffer_r(handle, boundaryB, tolerance, 8), "buffer")
            defer { GEOSGeom_destroy_r(handle, band) }
            near = try result(GEOSIntersection_r(handle, boundaryA, band), "boundary intersection")
        }
        defer { GEOSGeom_destroy_r(handle, near) }
        var length = 0.0
        guard GEOSLength_r(handle, near, &length) == 1 else { throw .geos("length: \(lastMessage())") }
        return length
    }

    /// The area `a` and `b` have in common (0 when they only touch).
    ///
    /// - Throws: ``GeometryError/invalidShape(_:)`` on a structurally broken shape, ``GeometryError/geos(_:)`` when
    ///   the overlay fails (GEOS's TopologyException on invalid polygons: check ``validity(of:)`` first).
    public func intersectionArea(_ a: Shape, _ b: Shape) throws(GeometryError) -> Double {
        try overlayArea(a, b, "intersection") { GEOSIntersection_r(handle, $0, $1) }
    }

    /// The area of the part of `a` that lies outside `b` (e.g. how much of a plot lies outside the site boundary).
    ///
    /// - Throws: as ``intersectionArea(_:_:)``.
    public func areaOutside(_ a: Shape, _ b: Shape) throws(GeometryError) -> Double {
        try overlayArea(a, b, "difference") { GEOSDifference_r(handle, $0, $1) }
    }

    /// The shape grown by `distance` (shrunk when negative): every point within `distance` of `shape`, with round
    /// joins and ends approximated by `segmentsPerQuarter` segments per quarter circle.
    ///
    /// - Returns: a polygon or multipolygon (an empty multipolygon when a negative buffer eats the whole shape).
    /// - Throws: ``GeometryError/invalidShape(_:)`` on a structurally broken shape or a non-finite distance.
    public func buffer(_ shape: Shape, by distance: Double, segmentsPerQuarter: Int = 8) throws(GeometryError) -> Shape {
        guard distance.isFinite else { throw .invalidShape("the buffer distance \(distance) is not finite") }
        let geometry = try build(shape)
        defer { GEOSGeom_destroy_r(handle, geometry) }
        let grown = try result(GEOSBuffer_r(handle, geometry, distance, Int32(max(1, segmentsPerQuarter))), "buffer")
        defer { GEOSGeom_destroy_r(handle, grown) }
        return try read(grown)
    }

    // MARK: Plumbing

    private func lastMessage() -> String {
        defer { messages.last = nil }
        return messages.last ?? "no message"
    }

    private func result(_ geometry: OpaquePointer?, _ operation: String) throws(GeometryError) -> OpaquePointer {
        guard let geometry else { throw .geos("\(operation): \(lastMessage())") }
        return geometry
    }

    private func measure(_ shape: Shape, _ call: (OpaquePointer, UnsafeMutablePointer<Double>) -> Int32)
        throws(GeometryError) -> Double {
        let geometry = try build(shape)
        defer { GEOSGeom_destroy_r(handle, geometry) }
        var value = 0.0
        guard call(geometry, &value) == 1 else { throw .geos(lastMessage()) }
        return value
    }

    private func binaryMeasure(
        _ a: Shape, _ b: Shape, _ call: (OpaquePointer, OpaquePointer, UnsafeMutablePointer<Double>) -> Int32
    ) throws(GeometryError) -> Double {
        let ga = try build(a)
        defer { GEOSGeom_destroy_r(handle, ga) }
        let gb = try build(b)
        defer { GEOSGeom_destroy_r(handle, gb) }
        var value = 0.0
        guard call(ga, gb, &value) == 1 else { throw .geos(lastMessage()) }
        return value
    }

    private func overlayArea(
        _ a: Shape, _ b: Shape, _ operation: String, _ call: (OpaquePointer, OpaquePointer) -> OpaquePointer?
    ) throws(GeometryError) -> Double {
        let ga = try build(a)
        defer { GEOSGeom_destroy_r(handle, ga) }
        let gb = try build(b)
        defer { GEOSGeom_destroy_r(handle, gb) }
        let overlay = try result(call(ga, gb), operation)
        defer { GEOSGeom_destroy_r(handle, overlay) }
        var value = 0.0
        guard GEOSArea_r(handle, overlay, &value) == 1 else { throw .geos("area: \(lastMessage())") }
        return value
    }

    /// Why `points` is not a closed linear ring GEOS can build (`nil` when it is): a non-finite coordinate, fewer
    /// than 4 positions, or a last position that differs from the first. `what` names the ring in the message.
    public static func ringProblem(_ points: [Point2D], named what: String = "the ring") -> String? {
        if let problem = finiteProblem(points, what) { return problem }
        guard points.count >= 4 else {
            return "\(what) has \(points.count) position\(points.count == 1 ? "" : "s"); "
                + "a closed ring needs at least 4 (the first repeated as the last)"
        }
        let (f, l) = (points[0], points[points.count - 1])
        guard f == l else {
            return "\(what) is not closed: it starts at (\(f.x), \(f.y)) and ends at (\(l.x), \(l.y))"
        }
        return nil
    }

    /// Why `shape` cannot be built as a GEOS geometry, or `nil` when it can.
    /// Which position of `points` is not finite, if any.
    private static func finiteProblem(_ points: [Point2D], _ what: String) -> String? {
        guard let bad = points.firstIndex(where: { !$0.isFinite }) else { return nil }
        return "\(what) position \(bad) (\(points[bad].x), \(points[bad].y)) is not finite"
    }

    static func structuralProblem(_ shape: Shape) -> String? {
        func ring(_ points: [Point2D], _ what: String) -> String? { ringProblem(points, named: what) }
        func polygon(_ p: Polygon, _ prefix: String) -> String? {
            if let problem = ring(p.exterior, "\(prefix)exterior ring") { return problem }
            for (i, hole) in p.holes.enumerated() {
                if let problem = ring(hole, "\(prefix)hole \(i + 1)") { return problem }
            }
            return nil
        }
        func line(_ points: [Point2D], _ what: String) -> String? {
            if let problem = finiteProblem(points, what) { return problem }
            return points.count >= 2 ? nil : "\(what) has \(points.count) position(s); a line needs at least 2"
        }
        switch shape {
        case .point(let p):
            return p.isFinite ? nil : "the point (\(p.x), \(p.y)) is not finite"
        case .lineString(let points):
            return line(points, "the line")
        case .multiLineString(let lines):
            guard !lines.isEmpty else { return "the multilinestring has no lines" }
            for (i, points) in lines.enumerated() {
                if let problem = line(points, "line \(i + 1)") { return problem }
            }
            return nil
        case .polygon(let p):
            return polygon(p, "")
        case .multiPolygon(let polygons):
            guard !polygons.isEmpty else { return "the multipolygon has no polygons" }
            for (i, p) in polygons.enumerated() {
                if let problem = polygon(p, "polygon \(i + 1): ") { return problem }
            }
            return nil
        }
    }

    /// Builds a GEOS geometry the caller must destroy.
    private func build(_ shape: Shape) throws(GeometryError) -> OpaquePointer {
        if let problem = Self.structuralProblem(shape) { throw .invalidShape(problem) }
        switch shape {
        case .point(let p):
            return try result(GEOSGeom_createPointFromXY_r(handle, p.x, p.y), "point")
        case .lineString(let points):
            return try result(GEOSGeom_createLineString_r(handle, try sequence(points)), "line")
        case .multiLineString(let lines):
            var parts: [OpaquePointer?] = []
            for points in lines {
                do { parts.append(try result(GEOSGeom_createLineString_r(handle, try sequence(points)), "line")) } catch {
                    parts.forEach { GEOSGeom_destroy_r(handle, $0) }
                    throw error
                }
            }
            return try collection(GEOS_MULTILINESTRING, parts)
        case .polygon(let p):
            return try polygon(p)
        case .multiPolygon(let polygons):
            var parts: [OpaquePointer?] = []
            for p in polygons {
                do { parts.append(try polygon(p)) } catch {
                    parts.forEach { GEOSGeom_destroy_r(handle, $0) }
                    throw error
                }
            }
            return try collection(GEOS_MULTIPOLYGON, parts)
        }
    }

    private func collection(_ type: GEOSGeomTypes, _ parts: [OpaquePointer?]) throws(GeometryError) -> OpaquePointer {
        var parts = parts
        let made = parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(handle, Int32(type.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let made else {
            parts.forEach { GEOSGeom_destroy_r(handle, $0) }
            throw .geos("collection: \(lastMessage())")
        }
        return made
    }

    private func sequence(_ points: [Point2D]) throws(GeometryError) -> OpaquePointer {
        let flat = points.flatMap { [$0.x, $0.y] }
        let made = flat.withUnsafeBufferPointer {
            GEOSCoordSeq_copyFromBuffer_r(handle, $0.baseAddress, UInt32(points.count), 0, 0)
        }
        return try result(made, "coordinates")
    }

    private func ring(_ points: [Point2D]) throws(GeometryError) -> OpaquePointer {
        try result(GEOSGeom_createLinearRing_r(handle, try sequence(points)), "ring")
    }

    private func polygon(_ p: Polygon) throws(GeometryError) -> OpaquePointer {
        let shell = try ring(p.exterior)
        var holes: [OpaquePointer?] = []
        for hole in p.holes {
            do { holes.append(try ring(hole)) } catch {
                GEOSGeom_destroy_r(handle, shell)
                holes.forEach { GEOSGeom_destroy_r(handle, $0) }
                throw error
            }
        }
        let made = holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(handle, shell, $0.baseAddress, UInt32($0.count))
        }
        return try result(made, "polygon")
    }

    /// Reads a GEOS polygon, multipolygon, point or line(s) back into a ``Shape``.
    private func read(_ geometry: OpaquePointer) throws(GeometryError) -> Shape {
        let type = GEOSGeomTypeId_r(handle, geometry)
        switch type {
        case Int32(GEOS_POINT.rawValue):
            var x = 0.0, y = 0.0
            guard GEOSGeomGetX_r(handle, geometry, &x) == 1, GEOSGeomGetY_r(handle, geometry, &y) == 1 else {
                throw .geos("an empty point")
            }
            return .point(Point2D(x: x, y: y))
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            return .lineString(try points(of: geometry))
        case Int32(GEOS_POLYGON.rawValue):
            if GEOSisEmpty_r(handle, geometry) == 1 { return .multiPolygon([]) }
            return .polygon(try readPolygon(geometry))
        case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_MULTILINESTRING.rawValue):
            var parts: [OpaquePointer] = []
            for i in 0 ..< max(0, GEOSGetNumGeometries_r(handle, geometry)) {
                guard let part = GEOSGetGeometryN_r(handle, geometry, i) else { throw .geos(lastMessage()) }
                parts.append(part)
            }
            if type == Int32(GEOS_MULTIPOLYGON.rawValue) {
                var polygons: [Polygon] = []
                for part in parts { polygons.append(try readPolygon(part)) }
                return .multiPolygon(polygons)
            }
            var lines: [[Point2D]] = []
            for part in parts { lines.append(try points(of: part)) }
            return .multiLineString(lines)
        default:
            throw .geos("GEOS returned a geometry of type \(type), which plotalloc does not read")
        }
    }

    private func readPolygon(_ geometry: OpaquePointer) throws(GeometryError) -> Polygon {
        guard let shell = GEOSGetExteriorRing_r(handle, geometry) else { throw .geos(lastMessage()) }
        var holes: [[Point2D]] = []
        for i in 0 ..< max(0, GEOSGetNumInteriorRings_r(handle, geometry)) {
            guard let hole = GEOSGetInteriorRingN_r(handle, geometry, i) else { throw .geos(lastMessage()) }
            holes.append(try points(of: hole))
        }
        return Polygon(exterior: try points(of: shell), holes: holes)
    }

    private func points(of line: OpaquePointer) throws(GeometryError) -> [Point2D] {
        guard let sequence = GEOSGeom_getCoordSeq_r(handle, line) else { throw .geos(lastMessage()) }
        var count: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(handle, sequence, &count) == 1 else { throw .geos(lastMessage()) }
        var flat = [Double](repeating: 0, count: Int(count) * 2)
        let copied = flat.withUnsafeMutableBufferPointer {
            GEOSCoordSeq_copyToBuffer_r(handle, sequence, $0.baseAddress, 0, 0)
        }
        guard copied == 1 else { throw .geos(lastMessage()) }
        return (0 ..< Int(count)).map { Point2D(x: flat[2 * $0], y: flat[2 * $0 + 1]) }
    }
}
