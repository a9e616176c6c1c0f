import Foundation
import Testing
@testable import Estate
@testable import Allocation

/// The tutorial scenario shows what it claims when solved with real GLPK: the power block binds, the X pair stays
/// apart, the incumbent keeps its plot, the quota holds; the score can be checked by hand.
@Suite struct TutorialScenarioTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/tutorial.yaml").path

    @Test func optimumMatchesTheHandCalculation() throws {
        let scenario = try ScenarioLoader.load(path: Self.path)
        let result = try Allocator().allocate(scenario)
        #expect(result.status == .optimal)
        let layout = try #require(result.layout)
        // Placement: F1 40 + F2 26 + F4 35 + F7 27.5 + S1 10 = 138.5;
        // closeness: F2–F1 on P2–P3 (machining–foundry, A) 8 + F4–F2 on P1–P2 (assembly–machining, I) 2 = 10.
        #expect(result.objective == 148.5)
        #expect(layout.assignments == ["F1": "P3", "F2": "P2", "F4": "P1", "F7": "P4", "S1": "P5"])
        let report = try #require(result.report)
        #expect(report.isFeasible)
        #expect(report.score.placement == 138.5)
        #expect(report.score.closeness == 10)
    }

    /// Block B2 binds: the foundry (90 kVA) on P3 leaves 30 kVA, too little for the plater (40) or a machinist (35)
    /// on P6. With more capacity the optimum places one more firm there.
    @Test func powerBlockB2Binds() throws {
        var scenario = try ScenarioLoader.load(path: Self.path)
        let tight = try #require(try Allocator().allocate(scenario).objective)
        scenario.site.powerBlocks[1].capacityKVA = 200
        let loose = try Allocator().allocate(scenario)
        #expect(loose.status == .optimal)
        #expect(try #require(loose.objective) >= tight + 20)
        #expect(loose.layout?.firmsByPlot["P6"] != nil)
    }
}
