import Foundation
import Testing
@testable import Benchmarks
import Estate

/// The Swift benchmark target's baseline comparison and suites (`plotalloc-benchmarks`).
@Suite struct BenchmarkBaselineTests {
    static func entry(_ status: String, total: Double? = 10, gap: Double? = nil,
                      objective: Double? = 100) -> BenchmarkBaseline.Entry {
        var r = ScenarioRunRecord(error: "x", timing: .init(load: 0, formulate: 0, heuristic: 0, solve: total ?? 0,
                                                            verify: 0))
        r.status = status
        r.error = status == ScenarioRunRecord.errorStatus ? "x" : nil
        r.objective = status == "error" ? nil : objective
        r.gap = status == "optimal" ? 0 : gap
        r.bound = r.gap.flatMap { g in objective.map { $0 * (1 + g) } }
        return BenchmarkBaseline.Entry(ScenarioBenchmarkSummary(scenario: "s.yaml", name: "s", timeLimit: 60,
                                                                runs: [r]))
    }

    static func verdict(_ b: BenchmarkBaseline.Entry, _ c: BenchmarkBaseline.Entry) -> BaselineComparison.Verdict {
        let base = BenchmarkBaseline(created: "then", note: "", cases: ["s": b])
        let now = BenchmarkBaseline(created: "now", note: "", cases: ["s": c])
        return BaselineComparison.compare(current: now, baseline: base, order: ["s"])[0].verdict
    }

    @Test func proofsCompareTheirTimesBeyondTheTolerance() {
        #expect(Self.verdict(Self.entry("optimal", total: 10), Self.entry("optimal", total: 10.5)) == .same)
        #expect(Self.verdict(Self.entry("optimal", total: 10), Self.entry("optimal", total: 12)) == .worse)
        #expect(Self.verdict(Self.entry("optimal", total: 10), Self.entry("optimal", total: 8)) == .better)
    }

    @Test func aProofBeatsAStopAtTheLimitAndTimeLimitedRunsCompareGaps() {
        #expect(Self.verdict(Self.entry("feasible", gap: 0.01), Self.entry("optimal")) == .better)
        #expect(Self.verdict(Self.entry("optimal"), Self.entry("feasible", gap: 0.001)) == .worse)
        #expect(Self.verdict(Self.entry("feasible", gap: 0.0045), Self.entry("feasible", gap: 0.0050)) == .same)
        #expect(Self.verdict(Self.entry("feasible", gap: 0.0045), Self.entry("feasible", gap: 0.0062)) == .worse)
        #expect(Self.verdict(Self.entry("feasible", gap: 0.0242), Self.entry("feasible", gap: 0.009)) == .better)
        // A lost bound is a regression; a gained one an improvement.
        #expect(Self.verdict(Self.entry("feasible", gap: 0.01), Self.entry("feasible", gap: nil)) == .worse)
        #expect(Self.verdict(Self.entry("feasible", gap: nil), Self.entry("feasible", gap: 0.05)) == .better)
    }

    @Test func errorsAndOtherStatusesAreRanked() {
        #expect(Self.verdict(Self.entry("feasible", gap: 0.01), Self.entry("error")) == .worse)
        #expect(Self.verdict(Self.entry("error"), Self.entry("feasible", gap: 0.01)) == .better)
        #expect(Self.verdict(Self.entry("no_solution", gap: nil, objective: nil),
                             Self.entry("feasible", gap: nil)) == .better)
        #expect(Self.verdict(Self.entry("infeasible", gap: nil, objective: nil),
                             Self.entry("no_solution", gap: nil, objective: nil)) == .worse)
    }

    @Test func newAndMissingCasesAreNamedInTheOrderOfTheRun() {
        let base = BenchmarkBaseline(created: "then", note: "", cases: ["a": Self.entry("optimal"),
                                                                        "gone": Self.entry("optimal")])
        let now = BenchmarkBaseline(created: "now", note: "", cases: ["b": Self.entry("optimal"),
                                                                      "a": Self.entry("optimal")])
        let rows = BaselineComparison.compare(current: now, baseline: base, order: ["b", "a"])
        #expect(rows.map(\.name) == ["b", "a", "gone"])
        #expect(rows.map(\.verdict) == [.new, .same, .missing])
    }

    @Test func aBaselineRoundTripsThroughItsJSON() throws {
        let b = BenchmarkBaseline(created: "2026-12-05T17:00:00Z", note: "main abc, load 1.2",
                                  cases: ["expansion": Self.entry("feasible", total: 60, gap: 0.0045)])
        let data = try b.json()
        #expect(try BenchmarkBaseline.decode(data) == b)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"time_limit\" : 60"))
        #expect(text.contains("\"total\" : 60"))
        #expect(throws: DecodingError.self) { try BenchmarkBaseline.decode(Data(#"{"cases": 1}"#.utf8)) }
    }

    @Test func suitesNameTheIssueCasesOnceEach() throws {
        for suite in BenchmarkSuite.allCases {
            let names = suite.cases.map(\.name)
            #expect(Set(names).count == names.count, "\(suite): a repeated case")
        }
        let shapes = BenchmarkSuite.shapes.cases
        #expect(shapes.count == 11 && shapes[0] == BenchmarkSuite.expansionCase)
        #expect(shapes.dropFirst().map(\.source) == (1...10).map {
            .generated(firms: 140, plots: 96, seed: UInt64($0))
        })
        #expect(BenchmarkSuite.small.cases.filter { $0.name.hasPrefix("small-32x24-") }.count == 10)
        #expect(BenchmarkSuite.sizes.cases.map(\.source) == [.generated(firms: 800, plots: 549, seed: 1),
                                                             .generated(firms: 1_600, plots: 1_097, seed: 1)])
    }

    @Test func aGeneratedCaseIsWrittenAsTheEstateGenerateWrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-suite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let c = BenchmarkCase(name: "small-32x24-s9", source: .generated(firms: 32, plots: 24, seed: 9))
        let path = try c.scenarioFile(root: URL(fileURLWithPath: "/nowhere"), folder: folder)
        let loaded = try ScenarioLoader.load(path: path)
        let generated = try ScenarioGenerator(firms: 32, plots: 24, seed: 9).generate().scenario
        #expect(loaded.firms.count == generated.firms.count && loaded.site.plots.count == 24)
        #expect(c.label == "generate --firms 32 --plots 24 --seed 9")
        let bundled = try BenchmarkSuite.tutorial.scenarioFile(root: URL(fileURLWithPath: "/repo"), folder: folder)
        #expect(bundled == "/repo/scenarios/tutorial.yaml")
    }
}

/// `plotalloc-benchmarks` end to end on the tutorial (a fraction of a second): the report, a saved baseline and the
/// comparison with it, and a baseline that is not one.
@Test func benchmarkTargetSavesAndComparesABaseline() throws {
    let plotalloc = try #require(CLI.executable, "the plotalloc executable was not built")
    let exe = plotalloc.deletingLastPathComponent().appendingPathComponent("plotalloc-benchmarks")
    #expect(FileManager.default.isExecutableFile(atPath: exe.path), "plotalloc-benchmarks is built beside plotalloc")
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let base = dir.appendingPathComponent("base.json").path
    func run(_ arguments: [String]) throws -> CLI.Run {
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        try Data().write(to: out)
        try Data().write(to: err)
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        p.currentDirectoryURL = CLI.root
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return CLI.Run(status: p.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                       stderr: try String(contentsOf: err, encoding: .utf8))
    }
    let first = try run(["--suite", "bundled", "--case", "tutorial", "--time-limit", "10", "--save-baseline", base,
                         "--note", "test"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("== tutorial\nscenarios/tutorial.yaml (tutorial): 1 run, time limit 10 s"))
    #expect(first.stdout.contains("status: optimal (optimal 1)"))
    #expect(first.stdout.contains("objective: 148.5; bound: 148.5; gap: 0.00 %"))
    let saved = try BenchmarkBaseline.decode(Data(contentsOf: URL(fileURLWithPath: base)))
    #expect(saved.note == "test" && saved.cases["tutorial"]?.status == "optimal")
    #expect(saved.cases["tutorial"]?.objective == 148.5)

    let second = try run(["--suite", "bundled", "--case", "tutorial", "--time-limit", "10", "--baseline", base,
                          "--time-tolerance", "1000"])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("== against the baseline of \(saved.created) (test)"))
    #expect(second.stdout.contains("tutorial         same     time to proof"))
    #expect(second.stdout.contains("0 worse, 0 better, 1 other"))

    try Data("{}".utf8).write(to: URL(fileURLWithPath: base))
    let bad = try run(["--baseline", base])
    #expect(bad.status == 2)
    #expect(bad.errorLines == ["\(base): error: --baseline: not a baseline; expected the JSON --save-baseline writes"])
}
