import MIPModel
import GLPKBackend
import Estate

/// Decides whether a scenario has any feasible layout, and optimises simple linear figures over its feasible
/// layouts, with real GLPK solves of the scenario's ``Formulation`` model.
///
/// A feasibility check drops the objective to zero (GLPK stops at the first integer solution, which is then
/// proven optimal) and verifies the layout it finds with ``LayoutVerifier`` on the checked scenario. A model with
/// a structural conflict (``AllocationModel/structuralConflicts``) is infeasible without solving: it holds an empty
/// row `0 = 1`.
public struct FeasibilityCheck: Sendable {
    /// The GLPK options of every check; a time limit turns undecided checks into ``Feasibility/unknown``.
    public var options: GLPKOptions
    /// When every check must end (the run's deadline, e.g. `solve --time-limit`): a check that meets it, while
    /// formulating or solving, is ``Feasibility/unknown``; once it has passed every check returns at once.
    public var deadline: Deadline
    /// Stops every check (e.g. Ctrl-C): a check it stops is ``Feasibility/unknown``.
    public var interrupt: SolveInterrupt?

    /// Makes a checker.
    public init(options: GLPKOptions = GLPKOptions(timeLimit: 20), deadline: Deadline = .never,
                interrupt: SolveInterrupt? = nil) {
        self.options = options
        self.deadline = deadline
        self.interrupt = interrupt
    }

    /// Whether the deadline has passed or the interrupt was requested: checks from now on are undecided.
    var isCutShort: Bool { deadline.hasPassed || interrupt?.isRequested == true }

    /// Whether `scenario` has a feasible layout.
    ///
    /// - Throws: ``AllocationError/solver(_:)`` when GLPK fails, ``AllocationError/verificationFailed(violations:)``
    ///   when the layout GLPK found breaks a rule of `scenario` (never reported as feasible).
    public func check(_ scenario: Scenario) throws(AllocationError) -> Feasibility {
        guard let formulation = Formulation.build(scenario, deadline: deadline, interrupt: interrupt) else { return .unknown }
        guard formulation.structuralConflicts.isEmpty else { return .infeasible }
        var model = formulation.model
        model.setObjective(.maximize, LinearExpression())
        let result = try solveResult(model)
        guard let values = result.values else {
            switch result.termination {
            case .infeasible, .infeasibleOrUnbounded: return .infeasible
            default: return .unknown
            }
        }
        let layout = formulation.layout(from: values)
        let report = LayoutVerifier(scenario: scenario).verify(layout)
        guard report.isFeasible else { throw .verificationFailed(violations: report.violations) }
        return .feasible(layout)
    }

    /// The best value of a linear figure over `scenario`'s feasible layouts, with the layout that attains it.
    ///
    /// `figure` builds the expression from the scenario's model (e.g. the kVA placed on one block's plots, from
    /// ``AllocationModel/assignmentVariables``). Returns `nil` when the scenario is infeasible or the solve stopped
    /// at the limit without proving the optimum (a figure is only reported when proven).
    /// - Throws: as ``check(_:)``.
    public func optimum(
        _ scenario: Scenario, _ sense: ObjectiveSense, of figure: (AllocationModel) -> LinearExpression
    ) throws(AllocationError) -> (value: Double, layout: Layout)? {
        guard let formulation = Formulation.build(scenario, deadline: deadline, interrupt: interrupt) else { return nil }
        guard formulation.structuralConflicts.isEmpty else { return nil }
        var model = formulation.model
        let expression = figure(formulation)
        model.setObjective(sense, expression)
        let result = try solveResult(model)
        guard result.termination == .optimal, let values = result.values else { return nil }
        let layout = formulation.layout(from: values)
        let report = LayoutVerifier(scenario: scenario).verify(layout)
        guard report.isFeasible else { throw .verificationFailed(violations: report.violations) }
        return (expression.evaluate(values), layout)
    }

    // MARK: - Solving

    private func solveResult(_ model: Model) throws(AllocationError) -> SolveResult {
        // Nothing to choose: the empty layout is the only one (GLPK rejects an empty model).
        if let decided = model.resultWithoutVariables() { return decided }
        do {
            return try GLPKSolver(options: options).solve(model, interrupt: interrupt, deadline: deadline)
        } catch {
            throw .solver(error)
        }
    }
}
