import Foundation
import Testing
@testable import Estate

/// Identical input and options give an identical report (timings aside), also with the block-bound thread, whose
/// progress when the run ends depends on the clock: `plotalloc solve --json` is run several times at once (so the
/// runs contend for the processors, as on a loaded machine) and the outputs are compared byte for byte once the
/// clock-dependent parts are removed (``Reproducibility/withoutTimings(_:)``). The time limit is raised to 600 s so
/// that the user's wall-clock limit (which is not reproducible, and says so) cannot end a debug build's run on a
/// machine as loaded as the one these tests run on (load average above 20 was seen); every run must end by work or
/// by a proof.
@Suite struct ReproducibilityTests {
    /// Runs `arguments` `count` times concurrently (on threads of their own, not the test's task pool); returns
    /// each run's standard output.
    static func outputs(_ arguments: [String], count: Int) throws -> [String] {
        let box = Box(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in box.set(i, Result { try CLI.run(arguments) }) }
        return try box.results.map { r in
            let run = try #require(r).get()
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            return run.stdout
        }
    }

    /// The runs' results, filled from several threads.
    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Result<CLI.Run, any Error>?]
        init(count: Int) { stored = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<CLI.Run, any Error>) {
            lock.lock()
            stored[i] = r
            lock.unlock()
        }
        var results: [Result<CLI.Run, any Error>?] {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
    }

    @Test func tutorialFiveTimesGivesIdenticalJSON() throws {
        let texts = try Self.outputs(["solve", "scenarios/tutorial.yaml", "--json", "--time-limit", "600"], count: 5)
            .map(Reproducibility.withoutTimings)
        #expect(Set(texts).count == 1)
        #expect(texts[0].contains("\"assignments\""))
    }

    @Test func phase1FiveTimesGivesIdenticalJSON() throws {
        let texts = try Self.outputs(["solve", "scenarios/bekasi-phase1.yaml", "--json", "--time-limit", "600"], count: 5)
            .map(Reproducibility.withoutTimings)
        #expect(Set(texts).count == 1, "the five runs differ")
        #expect(texts[0].contains("\"status\" : \"optimal\""))
        // Phase 1 as solved is the standing layout of the bundled expansion.
        let assignments = try #require(try CLI.object(texts[0])["assignments"] as? [[String: String]])
        let layout = Dictionary(uniqueKeysWithValues: assignments.map { ($0["firm"]!, $0["plot"]!) })
        #expect(layout == ScenarioGenerator.bekasiPhase1Solved.assignments)
    }
}

/// The clock-dependent parts of a solve report.
enum Reproducibility {
    /// `json` (an object from `solve --json`) re-serialised with sorted keys, without `timing` and `block_bound`
    /// (how far the second thread got when the run ended) — the parts `docs/reproducibility.md` names as timings.
    static func withoutTimings(_ json: String) throws -> String {
        var object = try CLI.object(json)
        object["timing"] = nil
        object["block_bound"] = nil
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }
}
