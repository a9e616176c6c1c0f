import Estate

/// Explains an infeasible scenario by relaxing rule groups (``RuleGroup``) and members (``RuleMember``) and
/// solving each relaxed copy with GLPK (``FeasibilityCheck``).
///
/// 1. A deletion filter over groups: start with every group relaxed (always feasible: the empty layout), then,
///    in `order`, keep each group un-relaxed when the scenario stays feasible. What remains relaxed is a minimal
///    set whose relaxation restores feasibility (relaxations are monotone, so keeping any one of them breaks it).
/// 2. For each group `g` of that set, with the set's other groups still relaxed: the other enforced groups that
///    take part in `g`'s conflict (those whose relaxation alone dissolves it), then a deletion filter over the
///    members of `g` and of those groups down to a minimal conflicting set (at most ``memberCheckBudget`` solves
///    per conflict; beyond that the remaining members are kept and the conflict is marked not minimal).
/// 3. Each conflict is put in plain terms by ``ConflictDescriber``.
///
/// A check that stops at its time limit counts as "not shown feasible": the result stays a valid relaxation but
/// is marked not minimal.
public struct InfeasibilityDiagnoser: Sendable {
    /// The feasibility checks (GLPK options, time limit per check).
    public var check: FeasibilityCheck
    /// Most member-level solves per conflict.
    public var memberCheckBudget: Int

    /// The note of a diagnosis the run's time limit cut short.
    static let limitNote = "the time limit (or Ctrl-C) ended the diagnosis: checks it could not finish count as undecided, "
        + "so the relaxed set may not be minimal"

    /// Makes a diagnoser.
    public init(check: FeasibilityCheck = FeasibilityCheck(), memberCheckBudget: Int = 60) {
        self.check = check
        self.memberCheckBudget = memberCheckBudget
    }

    /// Diagnoses `scenario`.
    ///
    /// - Parameter order: the order in which groups are un-relaxed; the groups late in it are the ones reported
    ///   when several minimal sets exist (``WhyNotExplainer`` puts `required` last). Groups it omits are appended.
    /// - Returns: status ``InfeasibilityDiagnosis/Status/feasible`` when the scenario has a layout,
    ///   ``InfeasibilityDiagnosis/Status/undetermined`` when its own check or the fully relaxed one is undecided.
    /// - Throws: ``AllocationError`` when GLPK fails or a layout it finds does not verify.
    public func diagnose(_ scenario: Scenario, order: [RuleGroup] = RuleGroup.relaxable)
        throws(AllocationError) -> InfeasibilityDiagnosis
    {
        var checks = 0
        func run(_ r: ScenarioRelaxation) throws(AllocationError) -> Feasibility {
            checks += 1
            return try check.check(r.apply(to: scenario))
        }
        let order = order + RuleGroup.relaxable.filter { !order.contains($0) }
        switch try run(ScenarioRelaxation()) {
        case .feasible: return InfeasibilityDiagnosis(status: .feasible, checks: checks)
        case .unknown:
            return InfeasibilityDiagnosis(status: .undetermined, checks: checks,
                                          note: check.isCutShort ? Self.limitNote
                                            : "the scenario's own check stopped at its time limit")
        case .infeasible: break
        }
        guard try run(ScenarioRelaxation(groups: Set(order))).isFeasible else {
            return InfeasibilityDiagnosis(status: .undetermined, checks: checks,
                                          note: check.isCutShort ? Self.limitNote
                                            : "with every rule group relaxed no layout was shown feasible")
        }
        var relaxed = Set(order)
        var minimal = true
        for g in order {
            var trial = relaxed
            trial.remove(g)
            switch try run(ScenarioRelaxation(groups: trial)) {
            case .feasible: relaxed = trial
            case .infeasible: break
            case .unknown: minimal = false
            }
        }
        let groups = RuleGroup.relaxable.filter { relaxed.contains($0) }
        var conflicts: [RuleConflict] = []
        for g in groups {
            let c = try conflict(of: g, relaxed: relaxed, in: scenario, run: run)
            minimal = minimal && c.isMinimal
            conflicts.append(c)
        }
        return InfeasibilityDiagnosis(status: .infeasible, relaxedGroups: groups, isMinimal: minimal,
                                      conflicts: conflicts, checks: checks,
                                      note: check.isCutShort ? Self.limitNote : nil)
    }

    private func conflict(
        of g: RuleGroup, relaxed: Set<RuleGroup>, in scenario: Scenario,
        run: (ScenarioRelaxation) throws(AllocationError) -> Feasibility
    ) throws(AllocationError) -> RuleConflict {
        var context = ScenarioRelaxation(groups: relaxed.subtracting([g]))
        var minimal = true
        // Enforced groups taking part: those whose relaxation alone dissolves g's conflict.
        var taking = [g]
        for b in RuleGroup.relaxable where !relaxed.contains(b) {
            var trial = context
            trial.groups.insert(b)
            switch try run(trial) {
            case .infeasible: context = trial
            case .feasible: taking.append(b)
            case .unknown:
                taking.append(b)
                minimal = false
            }
        }
        taking.sort()
        // Members: deletion filter down to a minimal conflicting set.
        var budget = memberCheckBudget
        for b in taking {
            for m in RuleMember.members(of: b, in: scenario) {
                guard budget > 0 else {
                    minimal = false
                    break
                }
                budget -= 1
                var trial = context
                trial.members.insert(m)
                switch try run(trial) {
                case .infeasible: context = trial
                case .feasible: break
                case .unknown: minimal = false
                }
            }
        }
        let members = taking.flatMap { RuleMember.members(of: $0, in: scenario) }.filter { !context.relaxes($0) }
        // Is keeping the incumbents on their own plots the point, or placing them at all?
        var movableDissolves = false
        if case .fixed = scenario.rules.incumbents, members.contains(where: { $0.group == .incumbents }) {
            var trial = context
            trial.movableIncumbents = true
            movableDissolves = try run(trial).isFeasible
        }
        let core = context.apply(to: scenario)
        let (message, details) = try ConflictDescriber(scenario: core, original: scenario, check: check).describe(
            groups: taking, members: members, movableDissolves: movableDissolves)
        var lines = details
        lines.append("rules in conflict: " + members.map { $0.label(in: scenario) }.joined(separator: ", "))
        if movableDissolves {
            lines.append("if the incumbents could move to other plots (at no penalty), this conflict would disappear")
        }
        if taking.count > 1 {
            lines.append("relaxing any one of " + taking.map(\.label).joined(separator: ", ")
                + " dissolves this conflict")
        }
        return RuleConflict(group: g, groups: taking, members: members, isMinimal: minimal, message: message,
                            details: lines)
    }
}
