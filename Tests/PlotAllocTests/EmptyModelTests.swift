import Testing
@testable import MIPModel
@testable import Estate
@testable import Allocation

/// A scenario whose formulation has no variable at all (no firm fits any block's power) is decided without GLPK,
/// which rejects empty models: the empty layout, optimal, scoring the objective's constant.
@Suite struct EmptyModelTests {
    static let yaml = """
        metadata: {name: nothing fits}
        site:
          phases: [{id: p, area: 1000}]
          zones: [{id: g}]
          power_blocks: [{id: B, capacity_kva: 20}]
          plots:
          - {id: P1, phase: p, area: 200, x: 0, y: 0, zone: g, frontage: local, power_block: B}
          - {id: P2, phase: p, area: 200, x: 15, y: 0, zone: g, frontage: local, power_block: B}
        sectors: [{id: s, label: S, zones: [g]}]
        firms:
        - {id: F1, sector: s, area: {min: 100, max: 300}, power_kva: 30}
        - {id: F2, sector: s, area: {min: 100, max: 300}, power_kva: 30}
        rules: {adjacency_distance: 20, separation_distance: 30}
        """

    @Test(arguments: [true, false])
    func noVariableScenarioIsOptimalWithTheEmptyLayout(warmStart: Bool) throws {
        let scenario = try ScenarioLoader.load(yaml: Self.yaml, file: "nothing-fits.yaml")
        #expect(Formulation.build(scenario).model.variables.isEmpty)
        let result = try Allocator(warmStart: warmStart).allocate(scenario)
        #expect(result.status == .optimal)
        #expect(result.objective == 0)
        #expect(result.layout == Layout())
    }

    @Test func modelWithoutVariablesIsDecidedWithoutASolver() {
        var feasible = Model()
        feasible.objective.expression.constant = 7
        #expect(feasible.resultWithoutVariables()?.termination == .optimal)
        #expect(feasible.resultWithoutVariables()?.objective == 7)
        var infeasible = Model()
        infeasible.addConstraint("conflict", LinearExpression(), .equal(1))
        #expect(infeasible.resultWithoutVariables()?.termination == .infeasible)
        var withVariable = Model()
        withVariable.addVariable("x", .binary)
        #expect(withVariable.resultWithoutVariables() == nil)
    }
}
