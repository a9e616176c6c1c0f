import Foundation
import Testing
@testable import Estate
import PlotAllocSupport

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

    /// The expansion (140 firms, 96 plots), three times at once under the same small work limit: the construction's
    /// fixed trials, 3 search sub-problems and 3 branch-and-bound nodes (about 11 s per run in a debug build at load
    /// average 25; the limit keeps it bounded by work, not time). `scripts/reproducible-expansion.sh` does the same
    /// with a larger limit on the release build.
    @Test func expansionThreeTimesUnderAWorkLimitGivesIdenticalJSON() throws {
        let texts = try Self.outputs(["solve", "scenarios/bekasi-expansion.yaml", "--json", "--work-limit", "3",
                                      "--time-limit", "600"], count: 3)
            .map(Reproducibility.withoutTimings)
        #expect(Set(texts).count == 1, "the three runs differ")
        #expect(texts[0].contains("\"termination\" : \"work_limit\""))
        #expect(texts[0].contains("\"stopped_by\" : \"work_limit\""))
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

/// The receipt: the input's SHA-256 (FIPS 180-4 vectors, and the system's sha256sum on the bundled file), the
/// version, the seed and what ended the run.
@Suite struct ReceiptTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func solveJSONCarriesTheReceipt() throws {
        let run = try CLI.run(["solve", "scenarios/tutorial.yaml", "--json", "--seed", "7", "--work-limit", "50"])
        #expect(run.status == 0, "\(run.stderr)")
        let receipt = try #require(try CLI.object(run.stdout)["receipt"] as? [String: Any])
        let data = try Data(contentsOf: CLI.root.appendingPathComponent("scenarios/tutorial.yaml"))
        #expect(receipt["input_sha256"] as? String == SHA256.hex(data))
        #expect(receipt["version"] as? String == PlotAllocVersion.current)
        #expect(receipt["seed"] as? Int == 7)
        #expect(receipt["work_limit"] as? Int == 50)
        #expect(receipt["stopped_by"] as? String == "proof")
        let text = try CLI.run(["solve", "scenarios/tutorial.yaml"]).stdout
        #expect(text.contains("Receipt: scenarios/tutorial.yaml sha256 \(SHA256.hex(data))"))
    }
}
