/// Whether a shape is valid in the OGC Simple Features sense, and if not, why.
public enum Validity: Sendable, Hashable {
    /// Valid: GEOS can compute with it and its area means what it says.
    case valid
    /// Invalid, with the reason: a ring that is open or has fewer than 4 positions (checked before GEOS is asked,
    /// since GEOS refuses to build such a ring), a non-finite coordinate, or GEOS's own reason from
    /// `GEOSisValidReason_r` (e.g. `Self-intersection[0.5 0.5]`, `Ring Self-intersection[…]`, `Too few points`).
    case invalid(String)

    /// Whether the shape is valid.
    public var isValid: Bool { self == .valid }
}
