/// A linear expression `Σ coefficient × variable + constant`.
///
/// Terms are kept in insertion order and may repeat a variable; ``normalized()`` merges repeats and drops zero
/// coefficients, and the GLPK backend always normalises before loading (GLPK aborts on a repeated column index).
public struct LinearExpression: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// One term of the expression.
    public struct Term: Sendable, Hashable {
        /// The variable.
        public var variable: Variable
        /// Its coefficient; must be finite for the model to validate.
        public var coefficient: Double

        /// Makes a term.
        public init(_ variable: Variable, _ coefficient: Double) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    /// The terms, in insertion order, possibly repeating a variable.
    public var terms: [Term]
    /// A constant added to the expression. Constraints fold it into their bounds; the objective keeps it.
    public var constant: Double

    /// Makes the empty expression, 0.
    public init() {
        self.terms = []
        self.constant = 0
    }

    /// Makes an expression from terms and a constant.
    public init(terms: [Term], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    /// Makes an expression from `(variable, coefficient)` pairs.
    public init(arrayLiteral elements: (Variable, Double)...) {
        self.terms = elements.map { Term($0.0, $0.1) }
        self.constant = 0
    }

    /// The sum of the given variables, each with coefficient 1.
    public static func sum<S: Sequence>(_ variables: S) -> LinearExpression where S.Element == Variable {
        LinearExpression(terms: variables.map { Term($0, 1) })
    }

    /// Appends `coefficient × variable`.
    public mutating func add(_ variable: Variable, _ coefficient: Double = 1) {
        terms.append(Term(variable, coefficient))
    }

    /// Appends every term of `other` and adds its constant.
    public mutating func add(_ other: LinearExpression, times factor: Double = 1) {
        terms.reserveCapacity(terms.count + other.terms.count)
        for term in other.terms { terms.append(Term(term.variable, term.coefficient * factor)) }
        constant += other.constant * factor
    }

    /// The same expression with repeated variables merged, zero coefficients dropped and terms sorted by variable.
    ///
    /// NaN and infinite coefficients are kept, so that validation can name them.
    public func normalized() -> LinearExpression {
        var sorted = terms
        sorted.sort { $0.variable.index < $1.variable.index }
        var merged: [Term] = []
        merged.reserveCapacity(sorted.count)
        for term in sorted {
            if let last = merged.last, last.variable == term.variable {
                merged[merged.count - 1].coefficient += term.coefficient
            } else {
                merged.append(term)
            }
        }
        merged.removeAll { $0.coefficient == 0 }
        return LinearExpression(terms: merged, constant: constant)
    }

    /// The expression's value at `values` (indexed by variable index).
    ///
    /// - Precondition: every variable's index is within `values`.
    public func evaluate(_ values: [Double]) -> Double {
        var total = constant
        for term in terms { total += term.coefficient * values[term.variable.index] }
        return total
    }
}
