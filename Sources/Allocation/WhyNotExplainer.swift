import MIPModel
import GLPKBackend
import Estate

/// Answers "why not this firm?": re-solves the scenario with the firm required (a copy with `required = true`)
/// and compares the result with the baseline layout.
///
/// With the firm required and solved to optimality, a second GLPK solve picks, among the layouts of that optimal
/// score, one that keeps the most baseline assignments, so that the firms reported displaced or moved are the
/// ones that must be, not an artefact of ties. If requiring the firm is infeasible, ``InfeasibilityDiagnoser``
/// says why (with `required` un-relaxed last, so the conflict is the one the firm's requirement causes).
public struct WhyNotExplainer: Sendable {
    /// Solves the baseline (when not given) and the scenario with the firm required.
    public var allocator: Allocator
    /// Explains an infeasible result.
    public var diagnoser: InfeasibilityDiagnoser

    /// Makes an explainer.
    public init(allocator: Allocator = Allocator(), diagnoser: InfeasibilityDiagnoser = InfeasibilityDiagnoser()) {
        self.allocator = allocator
        self.diagnoser = diagnoser
    }

    /// Explains why `firmID` is (or is not) in `scenario`'s optimal layout.
    ///
    /// - Parameters:
    ///   - baseline: the scenario's allocation result when already computed (e.g. by `plotalloc solve`); `nil` to
    ///     solve it here.
    ///   - deadline: when the explanation must end (the diagnoser's checks have their own, see
    ///     ``FeasibilityCheck/deadline``); a re-solve it stops answers "undecided" or "feasible, not proven".
    ///   - interrupt: stops the re-solves likewise (e.g. Ctrl-C).
    /// - Throws: ``WhyNotError/unknownFirm(_:suggestion:)`` for an id the scenario does not have;
    ///   ``WhyNotError/allocation(_:)`` when a solve fails or a layout does not verify.
    public func explain(firm firmID: String, in scenario: Scenario, baseline: AllocationResult? = nil,
                        deadline: Deadline? = nil, interrupt: SolveInterrupt? = nil)
        throws(WhyNotError) -> WhyNotExplanation
    {
        guard let index = scenario.firms.firstIndex(where: { $0.id == firmID }) else {
            throw .unknownFirm(firmID, suggestion: DidYouMean.suggestion(for: firmID, among: scenario.firms.map(\.id)))
        }
        func answer(_ o: WhyNotExplanation.Outcome) -> WhyNotExplanation { WhyNotExplanation(firm: firmID, outcome: o) }
        do throws(AllocationError) {
            let base: AllocationResult
            if let baseline { base = baseline } else { base = try allocator.allocate(scenario, interrupt: interrupt, deadline: deadline) }
            guard let before = base.layout, let beforeReport = base.report else {
                if base.status == .infeasible { return answer(.scenarioInfeasible(try diagnoser.diagnose(scenario))) }
                return answer(.undecided("the scenario's own solve found no layout within the time limit"))
            }
            if let plot = before.plot(of: firmID) { return answer(.alreadyPlaced(plot: plot)) }
            let firm = scenario.firms[index]
            let eligibility = Eligibility(scenario: scenario)
            // Raw land and merging: a firm no pre-cut plot fits may still fit a kavling or a run.
            if !scenario.site.plots.contains(where: { eligibility.mayTake(firm: firm, plot: $0) }),
               !RawFrontage(scenario: scenario, layout: before).couldTakeADerivedSite(firm) {
                let reason = UnplacedExplainer(scenario: scenario).explain(firm: firmID, in: before)
                    ?? UnplacedReason(firm: firmID, kind: .noEligiblePlot, message: "no plot passes its tests")
                return answer(.noEligiblePlot(reason))
            }

            var required = scenario
            required.firms[index].required = true
            let solved = try allocator.allocate(required, interrupt: interrupt, deadline: deadline)
            switch solved.status {
            case .infeasible:
                // Incumbents first, required firms last, the other kinds in catalogue order between.
                let order: [RuleGroup] = [.incumbents]
                    + RuleGroup.relaxable.filter { $0 != .incumbents && $0 != .required } + [.required]
                return answer(.infeasibleWhenRequired(try diagnoser.diagnose(required, order: order)))
            case .noSolution:
                return answer(.undecided("the solve with \(firmID) required found no layout within the time limit"))
            case .optimal, .feasible:
                break
            }
            var after = solved.layout!
            var leastDisruptive = false
            if solved.status == .optimal, let target = solved.objective,
               let kept = try keepMost(of: before, in: required, formulation: solved.formulation, score: target,
                                       start: after, deadline: deadline ?? .never) {
                after = kept.layout
                leastDisruptive = kept.proven
            }
            let verifier = LayoutVerifier(scenario: scenario)
            let afterReport = verifier.verify(after)
            guard afterReport.isFeasible else { throw .verificationFailed(violations: afterReport.violations) }
            return answer(.wouldBePlaced(change(
                firm: firmID, scenario: scenario, before: before, beforeScore: beforeReport.score, after: after,
                afterScore: afterReport.score,
                proven: base.status == .optimal && solved.status == .optimal, leastDisruptive: leastDisruptive)))
        } catch {
            throw .allocation(error)
        }
    }

    /// Among `scenario`'s layouts scoring at least `score` (its optimum), one keeping the most assignments of
    /// `baseline`, searched from `start` (a layout of that score) for at most ``TimePolicy/keepMostCap`` seconds; `proven` when GLPK proved it
    /// keeps the most. `nil` when no layout verifies at that score. `built` is `scenario`'s program when the solve
    /// kept it (``AllocationResult/formulation``); it is built again otherwise.
    private func keepMost(of baseline: Layout, in scenario: Scenario, formulation built: AllocationModel?,
                          score: Double, start: Layout,
                          deadline: Deadline) throws(AllocationError) -> (layout: Layout, proven: Bool)?
    {
        guard let formulation = built ?? Formulation.build(scenario, deadline: deadline) else { return nil }
        guard formulation.structuralConflicts.isEmpty else { return nil }
        var model = formulation.model
        let tolerance = 1e-6 * max(1, abs(score))
        var floor = model.objective.expression
        let constant = floor.constant
        floor.constant = 0
        model.addConstraint("score_floor", floor, .greaterOrEqual(score - constant - tolerance))
        let plotIndex = Dictionary(formulation.plotIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var keep = LinearExpression()
        for (f, id) in formulation.firmIDs.enumerated() {
            guard let pid = baseline.plot(of: id), let p = plotIndex[pid],
                  let v = formulation.variable(firm: f, plot: p) else { continue }
            keep.add(v)
        }
        guard !keep.terms.isEmpty else { return nil }
        model.setObjective(.maximize, keep)
        let solver = GLPKSolver(options: TimePolicy.keepMostOptions(allocator.options))
        let result: SolveResult
        do {
            let vector = formulation.startVector(for: start)
            if let vector, model.firstViolation(of: vector) == nil {
                result = try solver.solve(model, start: vector, deadline: deadline)
            } else {
                result = try solver.solve(model, deadline: deadline)
            }
        } catch {
            throw .solver(error)
        }
        guard let values = result.values else { return nil }
        let layout = formulation.layout(from: values)
        let report = LayoutVerifier(scenario: scenario).verify(layout)
        guard report.isFeasible, report.score.total >= score - tolerance else { return nil }
        return (layout, result.termination == .optimal)
    }

    private func change(
        firm: String, scenario: Scenario, before: Layout, beforeScore: ScoreBreakdown, after: Layout,
        afterScore: ScoreBreakdown, proven: Bool, leastDisruptive: Bool
    ) -> WhyNotExplanation.Change {
        var displaced: [WhyNotExplanation.Placement] = []
        var moved: [WhyNotExplanation.Move] = []
        var joined: [WhyNotExplanation.Placement] = []
        for f in scenario.firms where f.id != firm {
            switch (before.plot(of: f.id), after.plot(of: f.id)) {
            case (let b?, nil): displaced.append(.init(firm: f.id, plot: b))
            case (nil, let a?): joined.append(.init(firm: f.id, plot: a))
            case (let b?, let a?) where a != b: moved.append(.init(firm: f.id, from: b, to: a))
            default: break
            }
        }
        return WhyNotExplanation.Change(
            plot: after.plot(of: firm) ?? "?", before: beforeScore, after: afterScore, displaced: displaced,
            moved: moved, joined: joined, layout: after, isProven: proven, isLeastDisruptive: leastDisruptive)
    }
}
