/// The allowed range of a constraint's linear expression.
public enum ConstraintBounds: Sendable, Hashable {
    /// `expression ≤ value`.
    case lessOrEqual(Double)
    /// `expression ≥ value`.
    case greaterOrEqual(Double)
    /// `expression = value`.
    case equal(Double)
    /// `lower ≤ expression ≤ upper`; validation requires `lower ≤ upper`, both finite.
    case range(Double, Double)

    /// The lower limit, `-.infinity` when there is none.
    public var lower: Double {
        switch self {
        case .lessOrEqual: -.infinity
        case .greaterOrEqual(let v), .equal(let v): v
        case .range(let l, _): l
        }
    }

    /// The upper limit, `.infinity` when there is none.
    public var upper: Double {
        switch self {
        case .greaterOrEqual: .infinity
        case .lessOrEqual(let v), .equal(let v): v
        case .range(_, let u): u
        }
    }

    /// The same bounds moved by `-offset`, used to fold an expression's constant into its bounds.
    public func shifted(by offset: Double) -> ConstraintBounds {
        switch self {
        case .lessOrEqual(let v): .lessOrEqual(v - offset)
        case .greaterOrEqual(let v): .greaterOrEqual(v - offset)
        case .equal(let v): .equal(v - offset)
        case .range(let l, let u): .range(l - offset, u - offset)
        }
    }
}
