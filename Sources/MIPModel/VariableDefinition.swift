/// Everything a model knows about one variable: its name, domain and bounds.
///
/// Bounds may be infinite (`-.infinity`, `.infinity`) for free or half-bounded variables. ``Model/validate()``
/// rejects NaN bounds, `lower > upper`, fractional bounds on integer variables and binary bounds outside [0, 1].
public struct VariableDefinition: Sendable, Hashable {
    /// A human-readable name, used in error messages and (sanitised) in exported LP/MPS files.
    public var name: String
    /// The variable's domain.
    public var kind: VariableKind
    /// The lower bound; `-.infinity` for none.
    public var lower: Double
    /// The upper bound; `.infinity` for none.
    public var upper: Double

    /// Makes a definition; nothing is checked until ``Model/validate()``.
    public init(name: String, kind: VariableKind, lower: Double, upper: Double) {
        self.name = name
        self.kind = kind
        self.lower = lower
        self.upper = upper
    }
}
