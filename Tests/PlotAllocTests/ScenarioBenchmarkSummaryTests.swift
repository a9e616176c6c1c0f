import Foundation
import Testing
@testable import Allocation
@testable import Benchmarks

private func record(_ status: String, total solve: Double, objective: Double?, nodes: Int,
                    memory: Int?) -> ScenarioRunRecord {
    var r = ScenarioRunRecord(error: "x", timing: .init(load: 0.5, formulate: 0.25, heuristic: 0, solve: solve,
                                                        verify: 0.25), peakMemoryKiB: memory)
    r.status = status
    r.error = nil
    r.objective = objective
    r.bound = objective.map { $0 + 1 }
    r.nodes = nodes
    r.model = try? JSONDecoder().decode(AllocationResult.ModelSize.self, from: Data(
        #"{"variables": 10, "binaries": 8, "constraints": 5, "nonzeros": 30}"#.utf8))
    return r
}

@Test func scenarioRunRecordRoundTripsThroughItsJSONLine() throws {
    let r = record("feasible", total: 2, objective: 41.5, nodes: 17, memory: 2048)
    let line = r.jsonLine
    #expect(!line.contains("\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["total_seconds"] as? Double == 3)
    #expect(object["peak_memory_kib"] as? Int == 2048)
    #expect((object["seconds"] as? [String: Any])?.keys.sorted()
        == ["formulate", "heuristic", "load", "solve", "verify"])
    #expect(try ScenarioRunRecord.decode(jsonLine: line) == r)
    #expect(throws: DecodingError.self) { try ScenarioRunRecord.decode(jsonLine: #"{"status":"optimal"}"#) }
}

@Test func scenarioSummaryTakesMediansOverCompletedRunsOnly() throws {
    let runs = [
        record("optimal", total: 1, objective: 10, nodes: 5, memory: 1000),
        record("optimal", total: 5, objective: 10, nodes: 9, memory: 3000),
        record("optimal", total: 2, objective: 10, nodes: 7, memory: 2000),
        ScenarioRunRecord(error: "the benchmark run ended without a result (killed by signal 9)"),
    ]
    let s = ScenarioBenchmarkSummary(scenario: "a.yaml", name: "A", timeLimit: 5, runs: runs)
    #expect(s.completed.count == 3)
    #expect(s.status == "mixed")
    #expect(s.statusCounts == ["optimal": 3, "error": 1])
    let solve = try #require(s.seconds(.solve))
    #expect(solve.median == 2 && solve.minimum == 1 && solve.maximum == 5 && solve.count == 3)
    #expect(s.seconds(.total)?.median == 3)
    #expect(s.seconds(.load)?.range == 0)
    #expect(s.nodes?.median == 7)
    #expect(s.peakMemoryKiB?.maximum == 3000)
    #expect(s.objective?.median == 10)
    #expect(s.overheadShare == 1.0 / 3.0)
    #expect(s.model?.nonzeros == 30)

    let object = try #require(try JSONSerialization.jsonObject(with: Data(s.jsonLine.utf8)) as? [String: Any])
    #expect(object["run_count"] as? Int == 4)
    #expect((object["runs"] as? [Any])?.count == 4)
    let seconds = try #require(object["seconds"] as? [String: [String: Any]])
    #expect(Set(seconds.keys) == Set(BenchmarkPhase.allCases.map(\.rawValue)))
    #expect(seconds["solve"]?["median"] as? Double == 2)
}

@Test func scenarioSummaryWithoutRuns() {
    let s = ScenarioBenchmarkSummary(scenario: "a.yaml", name: "A", timeLimit: nil, runs: [])
    #expect(s.status == "none")
    #expect(s.seconds(.total) == nil && s.overheadShare == nil && s.model == nil)
    let all = ScenarioBenchmarkSummary(scenario: "a.yaml", name: "A", timeLimit: nil,
                                       runs: [ScenarioRunRecord(error: "boom")])
    #expect(all.status == "error")
    #expect(all.seconds(.solve) == nil)
}
