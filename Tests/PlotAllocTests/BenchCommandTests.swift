import Foundation
import Testing

/// End-to-end tests of `plotalloc bench scenario` and `plotalloc bench estates` (the built executable; see
/// ``CLI``). Each run is a child process of the executable, so these also test the `--single` mode.

@Test func benchScenarioPrintsTheJSONFields() throws {
    let r = try CLI.run(["bench", "scenario", "scenarios/tutorial.yaml", "--runs", "2", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    let o = try CLI.object(String(lines[0]))
    #expect(o["scenario"] as? String == "scenarios/tutorial.yaml")
    #expect(o["name"] as? String == "Tutorial cluster")
    #expect(o["run_count"] as? Int == 2)
    #expect(o["status"] as? String == "optimal")
    #expect(o["statuses"] as? [String: Int] == ["optimal": 2])
    let seconds = try #require(o["seconds"] as? [String: [String: Any]])
    #expect(Set(seconds.keys) == ["load", "formulate", "heuristic", "solve", "verify", "total"])
    for (phase, spread) in seconds {
        let median = try #require(spread["median"] as? Double, "\(phase)")
        let low = try #require(spread["min"] as? Double), high = try #require(spread["max"] as? Double)
        #expect(spread["count"] as? Int == 2)
        #expect(low <= median && median <= high && low >= 0, "\(phase)")
    }
    #expect((o["objective"] as? [String: Any])?["median"] as? Double == 148.5)
    #expect((o["gap"] as? [String: Any])?["max"] as? Double == 0)
    #expect(o["nodes"] is [String: Any] && o["bound"] is [String: Any] && o["overhead_share"] is Double)
    let model = try #require(o["model"] as? [String: Int])
    #expect(model["variables"] == 17 && model["binaries"] == 14)
    let runs = try #require(o["runs"] as? [[String: Any]])
    #expect(runs.count == 2)
    for run in runs {
        #expect(run["status"] as? String == "optimal")
        #expect(run["termination"] as? String == "optimal")
        #expect(run["objective"] as? Double == 148.5)
        #expect(run["total_seconds"] is Double)
        #expect((run["seconds"] as? [String: Any])?.count == 5)
        if FileManager.default.fileExists(atPath: "/proc/self/status") {
            #expect((run["peak_memory_kib"] as? Int ?? 0) > 1024)
        }
    }
    #expect(r.errorLines.count == 2)
    #expect(r.errorLines.first?.hasPrefix("bench: scenarios/tutorial.yaml run 1/2: optimal 148.5") == true)
}

@Test func benchScenarioTextReport() throws {
    let r = try CLI.run(["bench", "scenarios/tutorial.yaml", "--runs", "1"])   // `scenario` is the default
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("scenarios/tutorial.yaml (Tutorial cluster): 1 run, the scenario's time limit\n"))
    #expect(r.stdout.contains("model: 17 variables (14 binary), 17 rows, 51 non-zeros"))
    #expect(r.stdout.contains("\ntotal "))
    #expect(r.stdout.contains("status: optimal (optimal 1)"))
    #expect(r.stdout.contains("objective: 148.5; bound: 148.5; gap: 0.00 %"))
}

@Test func benchScenarioRefusesABadFileBeforeRunning() throws {
    let path = "Tests/PlotAllocTests/Fixtures/syntax-error.yaml"
    let r = try CLI.run(["bench", "scenario", "scenarios/tutorial.yaml", path])
    #expect(r.status == 2)
    #expect(r.errorLines.first?.hasPrefix("\(path):5:3: error: syntax:") == true)
    #expect(r.stdout.isEmpty)
}

@Test func benchScenarioRefusesBadOptions() throws {
    let r = try CLI.run(["bench", "scenario", "scenarios/tutorial.yaml", "--runs", "0"])
    #expect(r.status == 64)
    #expect(r.errorLines == ["plotalloc bench: error: --runs: found 0; expected 1…1000 (see 'plotalloc bench --help')"])
}

@Test func benchEstatesRunsTheSmallestSize() throws {
    let r = try CLI.run(["bench", "estates", "--sizes", "50", "--time-limit", "5", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    let o = try CLI.object(String(lines[0]))
    #expect(o["firms"] as? Int == 50)
    #expect(o["plots"] as? Int == 34)
    #expect(o["seed"] as? Int == 1)
    #expect(o["time_limit"] as? Double == 5)
    #expect(o["scenario_file"] is NSNull)
    let run = try #require(o["run"] as? [String: Any])
    let status = try #require(run["status"] as? String)
    #expect(status == "optimal" || status == "feasible", "\(run)")
    #expect(run["objective"] is Double && run["bound"] is Double && run["gap"] is Double)
    let model = try #require(run["model"] as? [String: Int])
    #expect((model["binaries"] ?? 0) > 0 && (model["nonzeros"] ?? 0) > (model["constraints"] ?? 0))
    #expect(run["total_seconds"] is Double)
}

@Test func benchEstatesRefusesASizeOutOfRange() throws {
    let r = try CLI.run(["bench", "estates", "--sizes", "50,10"])
    #expect(r.status == 64)
    #expect(r.errorLines == ["plotalloc bench: error: --sizes: found 10; expected a number of firms 16…20000 "
        + "(see 'plotalloc bench --help')"])
    #expect(r.stdout.isEmpty)
}

/// `--cuts` is parsed by one type for `bench gap` and `solve`: an unknown name is a usage error naming it (it used to
/// be dropped by `bench`'s own parser), and `all` is accepted by both.
@Test func cutsRefuseUnknownNamesEverywhere() throws {
    for args in [["bench", "gap", "--cuts", "gomory,mirr", "x.txt"],
                 ["solve", "scenarios/tutorial.yaml", "--cuts", "gomory, mirr"]] {
        let r = try CLI.run(args)
        #expect(r.status == 64, "\(args)")
        #expect(r.stderr.contains("found \"mirr\"; expected gomory, mir, cover, clique, all or none"), "\(r.stderr)")
    }
    let all = try CLI.run(["solve", "scenarios/tutorial.yaml", "--cuts", "all", "--json"])
    #expect(all.status == 0, "\(all.stderr)")
}
