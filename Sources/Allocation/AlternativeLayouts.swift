import Foundation
import MIPModel
import GLPKBackend
import Estate

/// Finds distinct layouts whose score is within a fraction of the best, so that planners can see which choices
/// are forced and which are a matter of taste.
///
/// Starting from the solve's best layout, each step re-solves a copy of the scenario's ``Formulation`` model with
/// two kinds of extra rows, still maximising the score:
/// - a score floor: objective ≥ reference − within × |reference|;
/// - one no-good cut per layout found, over the assignment variables that are not fixed (fixed incumbents never
///   differ): Σ_{x[f,p] in L} x[f,p] − Σ_{x[f,p] not in L} x[f,p] ≤ |L| − 1. It removes exactly the layout L
///   (the plain form Σ_{in L} x ≤ |L| − 1 would also remove every layout that places the same firms as L on the
///   same plots plus some more, which may score within the floor too).
///
/// So the layouts come best first, and when GLPK proves the cut model infeasible there is no other layout above
/// the floor. Each layout found is decoded, verified by ``LayoutVerifier`` from the scenario alone, and its score
/// must equal the solver's objective and reach the floor; otherwise an ``AllocationError`` is thrown. The
/// formulation itself is not changed.
public struct AlternativeLayouts: Sendable {
    /// The GLPK options of each re-solve; its time limit is capped by what remains of the time budget. (When the
    /// floor and the cuts leave little freedom GLPK 5.0's presolver can abort; the backend catches that and
    /// re-solves without it.)
    public var options: GLPKOptions

    /// Makes a finder.
    public init(options: GLPKOptions = GLPKOptions()) {
        self.options = options
    }

    /// Up to `count` distinct layouts of `scenario` scoring at least `reference − within × |reference|`, where
    /// `reference` is `best`'s score; `best`'s layout is the first.
    ///
    /// - Parameters:
    ///   - count: layouts wanted, the best included; values below 1 count as 1.
    ///   - within: the fraction of the reference score a layout may lose (e.g. 0.01); negative counts as 0.
    ///   - best: the scenario's allocation result; it must hold a layout.
    ///   - timeBudget: seconds for all re-solves together (`nil`: only each solve's own time limit applies).
    ///   - interrupt: stops the search; the layouts found so far are returned with stop `interrupted`.
    ///   - progress: called on the calling thread during each re-solve (about once a second) with the number of
    ///     layouts found so far and the solve's progress.
    ///   - deadline: when the search must end (the run's deadline), together with `timeBudget`; the layouts found
    ///     by then are returned with stop `timeLimit`.
    /// - Returns: `nil` when `best` holds no layout (infeasible, or none found within the limit).
    /// - Throws: ``AllocationError`` when GLPK fails, or a layout it returns fails verification, scores other than
    ///   the solver says (``AllocationError/scoreMismatch(objective:score:)``), or falls below the floor or repeats
    ///   one already found (``AllocationError/inconsistentSolution(_:)``).
    public func find(
        in scenario: Scenario, count: Int, within: Double, best: AllocationResult, timeBudget: Double? = nil,
        interrupt: SolveInterrupt? = nil, deadline: Deadline = .never,
        progress: ((_ found: Int, _ solve: SolveProgress) -> Void)? = nil
    ) throws(AllocationError) -> AlternativeLayoutSet? {
        let deadline = deadline.capped(seconds: timeBudget)
        guard let first = best.layout, let firstReport = best.report else { return nil }
        let clock = ContinuousClock()
        let began = clock.now
        let wanted = max(1, count)
        let fraction = max(0, within)
        let reference = firstReport.score.total
        let floor = reference - fraction * abs(reference)
        let tolerance = 1e-6 * max(1, abs(reference))
        var entries = [AlternativeLayoutSet.Entry(layout: first, score: firstReport.score,
                                                  isProvenNext: best.status == .optimal)]
        var solves = 0
        func finish(_ stop: AlternativeLayoutSet.Stop) -> AlternativeLayoutSet {
            AlternativeLayoutSet(
                scenario: scenario, requested: wanted, within: fraction, reference: reference,
                referenceIsOptimal: best.status == .optimal, floor: floor, layouts: entries, stop: stop,
                solves: solves, seconds: Allocator.seconds(since: began, clock))
        }
        if wanted == 1 { return finish(.found) }

        // The best result's own program when it has one (the same scenario), else built again.
        guard let formulation = best.formulation
            ?? Formulation.build(scenario, deadline: deadline, interrupt: interrupt) else {
            return finish(interrupt?.isRequested == true ? .interrupted : .timeLimit)
        }
        let free = formulation.assignmentVariables.filter { !$0.isFixed }
        // With no free assignment the best layout is the only one.
        guard !free.isEmpty, formulation.structuralConflicts.isEmpty else { return finish(.exhausted) }
        var model = formulation.model
        var scoreRow = model.objective.expression
        let constant = scoreRow.constant
        scoreRow.constant = 0
        model.addConstraint("alt_score_floor", scoreRow, .greaterOrEqual(floor - constant - tolerance))
        let verifier = LayoutVerifier(scenario: scenario)

        while entries.count < wanted {
            cut(entries.last!.layout, from: &model, free: free, formulation: formulation, index: entries.count)
            let left = deadline.remaining
            if let left, left <= 0.05 { return finish(.timeLimit) }
            let o = TimePolicy.reSolveOptions(options, remaining: left)
            let result: SolveResult
            do {
                let found = entries.count
                let report: ((SolveProgress) -> Void)? = progress.map { p in
                    { s in
                        var shown = s
                        shown.elapsed = Allocator.seconds(since: began, clock)
                        p(found, shown)
                    }
                }
                result = try GLPKSolver(options: o).solve(model, progress: report, interrupt: interrupt, deadline: deadline)
            } catch {
                throw .solver(error)
            }
            solves += 1
            guard let values = result.values else {
                switch result.termination {
                case .infeasible, .infeasibleOrUnbounded: return finish(.exhausted)
                case .interrupted: return finish(.interrupted)
                default: return finish(.timeLimit)
                }
            }
            let layout = formulation.layout(from: values)
            let report = verifier.verify(layout)
            guard report.isFeasible else { throw .verificationFailed(violations: report.violations) }
            let score = report.score.total
            guard let objective = result.objective, abs(objective - score) <= 1e-6 * max(1, abs(objective)) else {
                throw .scoreMismatch(objective: result.objective ?? .nan, score: score)
            }
            guard score >= floor - tolerance else {
                throw .inconsistentSolution("alternative layout \(entries.count + 1) scores \(score), below the floor \(floor)")
            }
            guard !entries.contains(where: { $0.layout == layout }) else {
                throw .inconsistentSolution("alternative layout \(entries.count + 1) repeats a layout already cut off")
            }
            entries.append(.init(layout: layout, score: report.score, isProvenNext: result.termination == .optimal))
            if result.termination == .interrupted { return finish(.interrupted) }
        }
        return finish(.found)
    }

    /// Adds the no-good cut removing exactly `layout` (over the free assignment variables) to `model`.
    private func cut(_ layout: Layout, from model: inout Model, free: [AllocationModel.AssignmentVariable],
                     formulation: AllocationModel, index: Int) {
        var row = LinearExpression()
        var ones = 0
        for a in free {
            if layout.plot(of: formulation.firmIDs[a.firm]) == formulation.plotIDs[a.plot] {
                row.add(a.variable, 1)
                ones += 1
            } else {
                row.add(a.variable, -1)
            }
        }
        model.addConstraint("alt_nogood_\(index)", row, .lessOrEqual(Double(ones - 1)))
    }
}
