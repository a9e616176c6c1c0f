/// A model's linear objective: a sense and an expression, constant included.
public struct Objective: Sendable, Hashable {
    /// Minimise or maximise.
    public var sense: ObjectiveSense
    /// The expression; its constant is part of the objective value the solver reports.
    public var expression: LinearExpression

    /// Makes an objective.
    public init(sense: ObjectiveSense, expression: LinearExpression) {
        self.sense = sense
        self.expression = expression
    }
}
