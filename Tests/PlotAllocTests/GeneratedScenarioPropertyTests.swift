import Foundation
import Testing
@testable import GLPKBackend
@testable import Estate
@testable import Allocation

/// Properties on random scenarios, bounded so the suite stays fast: generated estates (``ScenarioGenerator``, random
/// sizes and seeds) through the library, and seeded tiny scenarios (``RandomScenario``) through the built
/// executable, end to end.
@Suite struct GeneratedScenarioPropertyTests {
    /// A generated estate of random size (16–26 firms, 12–18 plots): the solve's layout passes the verifier, which
    /// recomputes its score from the scenario alone, equal to the solver's objective; the status is one of the
    /// documented ones, and `optimal` only with a zero gap.
    @Test(arguments: [UInt64(3), 17, 29])
    func generatedEstateLayoutIsVerifiedAndScoreIsTheObjective(seed: UInt64) throws {
        var g = RandomScenario.Generator(seed: seed)
        let firms = g.int(16...26), plots = g.int(12...18)
        let scenario = try ScenarioGenerator(firms: firms, plots: plots, seed: seed).generate().scenario
        let result = try Allocator(options: GLPKOptions(timeLimit: 10)).allocate(scenario)
        let label = "seed \(seed), \(firms) firms, \(plots) plots"
        #expect([.optimal, .feasible].contains(result.status), "\(label): \(result.status)")
        let layout = try #require(result.layout, "\(label): no layout")
        let report = LayoutVerifier(scenario: scenario).verify(layout)
        #expect(report.isFeasible, "\(label): \(report.violations.map(\.message))")
        let objective = try #require(result.objective)
        #expect(abs(report.score.total - objective) <= 1e-6 * max(1, abs(objective)),
                "\(label): verifier \(report.score.total), solver \(objective)")
        if result.status == .optimal { #expect((result.gap ?? 0) <= 1e-6, "\(label)") }
    }

    /// A seeded tiny scenario written as YAML and run through the executable: `solve` exits only with a documented
    /// status (0 layout, 3 infeasible, 4 none in time); with a layout, `score` of the layout file it wrote finds no
    /// broken rule and the same score, and GLPK's own reader on the exported MPS file finds minus that score.
    @Test(arguments: UInt64(101)...UInt64(108))
    func randomScenarioThroughTheExecutable(seed: UInt64) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = dir.appendingPathComponent("s.yaml").path, layout = dir.appendingPathComponent("l.json").path
        try ScenarioWriter(header: ["RandomScenario seed \(seed)"]).write(RandomScenario.make(seed: seed), toFile: yaml)
        let solved = try CLI.run(["solve", yaml, "--json", "--time-limit", "20", "--output", layout])
        #expect([0, 3, 4].contains(solved.status), "seed \(seed): status \(solved.status): \(solved.stderr)")
        let o = try CLI.object(solved.stdout)
        switch solved.status {
        case 3: #expect(o["status"] as? String == "infeasible")
        case 4: #expect(o["status"] as? String == "no_solution")
        default:
            let objective = try #require(o["objective"] as? Double, "seed \(seed)")
            let scored = try CLI.run(["score", yaml, layout, "--json"])
            #expect(scored.status == 0, "seed \(seed): \(scored.stderr)")
            let s = try CLI.object(scored.stdout)
            #expect((s["violations"] as? [Any])?.isEmpty == true, "seed \(seed): \(scored.stdout.prefix(400))")
            let score = try #require(s["objective"] as? Double)
            #expect(abs(score - objective) <= 1e-6 * max(1, abs(objective)), "seed \(seed): \(score) vs \(objective)")
            guard let glpsol = CLI.glpsol, o["status"] as? String == "optimal" else { return }
            let mps = dir.appendingPathComponent("m.mps").path
            let exported = try CLI.run(["export", yaml, "--mps", mps])
            #expect(exported.status == 0, "seed \(seed): \(exported.stderr)")
            let other = try #require(try ModelExportTests.glpsolOptimum(mps, arguments: ["--freemps", mps]),
                                     "seed \(seed): glpsol found no optimum (\(glpsol))")
            #expect(abs(-other - objective) <= 1e-6 * max(1, abs(objective)), "seed \(seed): glpsol \(other)")
        }
    }
}
