import Foundation
import Testing
@testable import MIPModel

/// End-to-end tests of the `plotalloc` executable: each runs the built binary as a child process, from the
/// repository root, and checks its exit status, standard output and standard error.
///
/// SwiftPM builds the executable with the test bundle (`swift build --build-tests`, `swift test`), into the same
/// directory; ``CLI/executable`` finds it there (or at `PLOTALLOC_EXECUTABLE`). Every solve here is tutorial-sized
/// or has a time limit, so each test takes well under a few seconds.
enum CLI {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Where the executable may be: `PLOTALLOC_EXECUTABLE`, next to the test bundle, next to the running test
    /// binary, then the default `.build/debug`.
    static var candidates: [URL] {
        var out: [URL] = []
        if let env = ProcessInfo.processInfo.environment["PLOTALLOC_EXECUTABLE"] { out.append(URL(fileURLWithPath: env)) }
        let bundle = Bundle.main.bundleURL
        out.append(bundle.appendingPathComponent("plotalloc"))
        out.append(bundle.deletingLastPathComponent().appendingPathComponent("plotalloc"))
        if let arg0 = CommandLine.arguments.first {
            let dir = URL(fileURLWithPath: arg0).deletingLastPathComponent()
            out.append(dir.appendingPathComponent("plotalloc"))
            out.append(dir.deletingLastPathComponent().appendingPathComponent("plotalloc"))
        }
        out.append(root.appendingPathComponent(".build/debug/plotalloc"))
        return out
    }

    /// The built executable, or `nil` when none of ``candidates`` is an executable file.
    static let executable: URL? = candidates.first { url in
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }

    /// One finished run.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Standard error's non-empty lines.
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// Runs `plotalloc arguments…` (or another built executable, `program`) in the repository root; output goes
    /// through temporary files (no pipe limits); standard input is `input` (through a file) or empty.
    static func run(_ arguments: [String], program: URL? = nil, input: Data? = nil) throws -> Run {
        let exe = try #require(program ?? executable, """
            the plotalloc executable was not found (looked at \(candidates.map(\.path).joined(separator: ", "))); \
            build it with `swift build` (or set PLOTALLOC_EXECUTABLE)
            """)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        try Data().write(to: out)
        try Data().write(to: err)
        let process = Process()
        process.executableURL = exe
        process.arguments = arguments
        process.currentDirectoryURL = root
        if let input {
            let file = dir.appendingPathComponent("stdin")
            try input.write(to: file)
            process.standardInput = try FileHandle(forReadingFrom: file)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Run(status: process.terminationStatus,
                   stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// A fresh empty directory under the system's temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plotalloc-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The bundled scenarios, as paths relative to the repository root.
    static var scenarios: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("scenarios").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "scenarios/" + $0 }
    }

    /// Parses `text` as a JSON object.
    static func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any], "expected a JSON object, got: \(text.prefix(200))")
    }

    /// `glpsol`'s path, when installed.
    static let glpsol: String? = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}

private let tutorial = "scenarios/tutorial.yaml"
private let infeasible = "Tests/PlotAllocTests/Fixtures/infeasible.yaml"

@Test func cliFindsTheExecutable() {
    #expect(CLI.executable != nil, "no plotalloc executable at \(CLI.candidates.map(\.path))")
    #expect(CLI.scenarios.count >= 3)
}

@Test(arguments: CLI.scenarios)
func cliCheckAcceptsEachBundledScenario(path: String) throws {
    let r = try CLI.run(["check", path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("\(path): valid\n"))
    #expect(r.stderr.isEmpty)
}

@Test func cliCheckRejectsABrokenFileWithItsPosition() throws {
    let path = "Tests/PlotAllocTests/Fixtures/syntax-error.yaml"
    let r = try CLI.run(["check", path])
    #expect(r.status == 2)
    #expect(r.errorLines.first == "\(path):5:3: error: syntax: did not find expected ',' or ']' "
        + "(while parsing a flow sequence at 4:11)")
    #expect(r.stdout.isEmpty)
}

@Test func cliSolveTutorialAsJSON() throws {
    let r = try CLI.run(["solve", tutorial, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let o = try CLI.object(r.stdout)
    #expect(o["status"] as? String == "optimal")
    #expect(o["objective"] as? Double == 148.5)
    let assignments = try #require(o["assignments"] as? [[String: String]])
    #expect(assignments == [
        ["firm": "F1", "plot": "P3"], ["firm": "F2", "plot": "P2"], ["firm": "F4", "plot": "P1"],
        ["firm": "F7", "plot": "P4"], ["firm": "S1", "plot": "P5"],
    ])
    let unplaced = try #require(o["unplaced"] as? [[String: Any]])
    #expect(unplaced.compactMap { $0["firm"] as? String } == ["F3", "F5", "F6"])
    let score = try #require(o["score"] as? [String: Any])
    #expect(score["placement"] as? Double == 138.5)
    #expect(score["closeness"] as? Double == 10)
    #expect(o["diagnosis"] == nil && o["explanation"] == nil && o["alternatives"] == nil)
}

/// The JSON names which proof gave the bound, and what the block bound reached; `--no-block-bound` turns it off.
@Test func cliSolveReportsTheBlockBound() throws {
    let on = try CLI.object(try CLI.run(["solve", "scenarios/bekasi-phase1.yaml", "--json"]).stdout)
    #expect(on["status"] as? String == "optimal")
    let source = try #require(on["bound_source"] as? String)
    #expect(["solver", "blocks", "search"].contains(source))
    let blockBound = try #require(on["block_bound"] as? [String: Any])
    #expect(blockBound["lp_bound"] is Double)
    #expect(blockBound["iterations"] is Int)
    let off = try CLI.run(["solve", "scenarios/bekasi-phase1.yaml", "--json", "--no-block-bound"])
    #expect(off.status == 0)
    let o = try CLI.object(off.stdout)
    #expect(o["block_bound"] is NSNull)
    #expect(o["objective"] as? Double == on["objective"] as? Double)
}

@Test func cliSolveInfeasibleExplainsAndExitsWith3() throws {
    let r = try CLI.run(["solve", infeasible])
    #expect(r.status == 3)
    #expect(r.stdout.contains("Status: infeasible: no layout meets every rule"))
    #expect(r.stdout.contains("Why infeasible: no layout meets every rule; relaxing the power capacity restores feasibility"))
    #expect(r.stdout.contains("power block B2: required firms F1 and F3 need at least 130 kVA on its plots, capacity 120 kVA"))

    let j = try CLI.run(["solve", infeasible, "--json"])
    #expect(j.status == 3)
    let o = try CLI.object(j.stdout)
    #expect(o["status"] as? String == "infeasible")
    let d = try #require(o["diagnosis"] as? [String: Any])
    #expect(d["status"] as? String == "infeasible")
    #expect(d["relaxed_groups"] as? [String] == ["power"])
    let conflicts = try #require(d["conflicts"] as? [[String: Any]])
    #expect(conflicts.count == 1)
    #expect(conflicts.first?["groups"] as? [String] == ["required", "power"])
}

@Test func cliSolveInfeasibleStillWritesTheHTMLPage() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("report.html"), svg = dir.appendingPathComponent("map.svg")
    let layout = dir.appendingPathComponent("layout.json")
    let r = try CLI.run(["solve", infeasible, "--html", html.path, "--svg", svg.path, "--output", layout.path])
    #expect(r.status == 3)
    let page = try String(contentsOf: html, encoding: .utf8)
    #expect(page.contains("Why infeasible"))
    #expect(page.contains("capacity 120 kVA"))
    #expect(try String(contentsOf: svg, encoding: .utf8).contains("no layout (infeasible)"))
    #expect(!FileManager.default.fileExists(atPath: layout.path))
    #expect(r.stderr.contains("--output not written: no layout (infeasible)"))
}

@Test func cliSolveWritesMapAndReport() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("report.html"), svg = dir.appendingPathComponent("map.svg")
    let r = try CLI.run(["solve", tutorial, "--html", html.path, "--svg", svg.path])
    #expect(r.status == 0, "\(r.stderr)")
    let page = try String(contentsOf: html, encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && page.contains("148.50"))
    let map = try String(contentsOf: svg, encoding: .utf8)
    #expect(map.hasPrefix("<?xml") && map.contains("</svg>"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["map.svg", "report.html"])
}

@Test func cliSolveExplainRefusesAnUnknownFirmBeforeSolving() throws {
    let r = try CLI.run(["solve", tutorial, "--explain", "f3"])
    #expect(r.status == 2)
    #expect(r.errorLines == ["\(tutorial): error: --explain: firm f3 is not in the scenario; expected a firm id "
        + "(did you mean F3?)"])
    #expect(r.stdout.isEmpty)
}

@Test func cliSolveExplainAnswersWhyNot() throws {
    let r = try CLI.run(["solve", tutorial, "--explain", "F3"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Why not F3 (plating)?"))
    #expect(r.stdout.contains("Requiring F3 places it on P6."))
    #expect(r.stdout.contains("Displaced: F1 (foundry) from P3"))

    let j = try CLI.run(["solve", tutorial, "--explain", "F3", "--json"])
    let e = try #require(try CLI.object(j.stdout)["explanation"] as? [String: Any])
    #expect(e["outcome"] as? String == "would_be_placed")
    #expect(e["plot"] as? String == "P6")
    #expect((e["score_change"] as? [String: Any])?["total"] as? Double == -25)
    #expect(e["displaced"] as? [[String: String]] == [["firm": "F1", "plot": "P3"]])
}

/// Requiring D is infeasible; the diagnosis runs GLPK on tiny relaxed copies (which once aborted the process).
@Test func cliSolveExplainDiagnosesAnInfeasibleRequirement() throws {
    let r = try CLI.run(["solve", "Tests/PlotAllocTests/Fixtures/explain-infeasible.yaml", "--explain", "D"])
    #expect(r.status == 0, "\(r.stderr.prefix(300))")
    #expect(r.stdout.contains("D cannot be placed: requiring it leaves no feasible layout."))
    #expect(r.stdout.contains("power block B1: required firms M and D need at least 60 kVA on its plots, capacity 50 kVA"))
}

@Test func cliSolveAlternatives() throws {
    let r = try CLI.run(["solve", tutorial, "--alternatives", "3", "--within", "0.2", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let a = try #require(try CLI.object(r.stdout)["alternatives"] as? [String: Any])
    #expect(a["found"] as? Int == 3)
    #expect(a["stop"] as? String == "found")
    let layouts = try #require(a["layouts"] as? [[String: Any]])
    #expect(layouts.compactMap { $0["objective"] as? Double } == [148.5, 145.5, 127])
    #expect(a["robust_core"] as? [String] == ["F2", "F4", "S1"])
}

@Test func cliScoreOfTheSolvedLayoutEqualsTheObjective() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let layout = dir.appendingPathComponent("layout.json")
    let solved = try CLI.run(["solve", "scenarios/bekasi-phase1.yaml", "--time-limit", "5", "--json",
                              "--output", layout.path])
    #expect(solved.status == 0, "\(solved.stderr)")
    let objective = try #require(try CLI.object(solved.stdout)["objective"] as? Double)
    let scored = try CLI.run(["score", "scenarios/bekasi-phase1.yaml", layout.path, "--json"])
    #expect(scored.status == 0, "\(scored.stderr)")
    let o = try CLI.object(scored.stdout)
    let score = try #require(o["objective"] as? Double)
    #expect(abs(score - objective) <= 1e-6 * max(1, abs(objective)))
    #expect((o["violations"] as? [Any])?.isEmpty == true)
}

/// The exported model read by GLPK's own command line gives plotalloc's score: the LP file as the maximisation,
/// the free MPS file (no objective sense GLPK accepts: written negated, as a minimisation) as minus the score, read
/// with `glpsol --freemps` and no `--max`. Before the MPS fix, a reader without `--max` found the minimum instead
/// (HiGHS: 50.95 on phase 1).
@Test(.enabled(if: CLI.glpsol != nil, "glpsol is not installed (Debian package glpk-utils; `make deps`)"),
      arguments: [("--lp", "--lp", tutorial, 148.5, "MAXimum"), ("--mps", "--freemps", tutorial, -148.5, "MINimum"),
                  ("--mps", "--freemps", "scenarios/bekasi-phase1.yaml", -1007.15, "MINimum")])
func cliExportedModelSolvedByGlpsolGivesTheObjective(flag: String, reader: String, scenario: String, expected: Double,
                                                     sense: String) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lp = dir.appendingPathComponent("model.txt"), out = dir.appendingPathComponent("solution.txt")
    let exported = try CLI.run(["export", scenario, flag, lp.path])
    #expect(exported.status == 0, "\(exported.stderr)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(CLI.glpsol))
    process.arguments = [reader, lp.path, "--cuts", "-o", out.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let report = try String(contentsOf: out, encoding: .utf8)
    #expect(report.contains("INTEGER OPTIMAL"))
    let line = try #require(report.split(separator: "\n").first { $0.hasPrefix("Objective:") })
    // "Objective:  obj = 148.5 (MAXimum)"
    #expect(line.contains(sense), "\(line)")
    let value = try #require(line.split(separator: "=").last?.split(separator: " ").first.flatMap { Double($0) })
    #expect(abs(value - expected) < 1e-6, "\(scenario) \(flag): glpsol \(value)")
}

@Test func cliGenerateIsDeterministic() throws {
    let a = try CLI.run(["generate", "--firms", "40", "--plots", "30", "--seed", "7"])
    let b = try CLI.run(["generate", "--firms", "40", "--plots", "30", "--seed", "7"])
    let c = try CLI.run(["generate", "--firms", "40", "--plots", "30", "--seed", "8"])
    #expect(a.status == 0 && b.status == 0 && c.status == 0)
    #expect(!a.stdout.isEmpty)
    #expect(a.stdout == b.stdout)
    #expect(a.stdout != c.stdout)
}

@Test func cliOutputIntoAMissingDirectoryWritesNothing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("missing/layout.json")
    let r = try CLI.run(["solve", tutorial, "--output", target.path])
    #expect(r.status == 2)
    #expect(r.errorLines == ["\(target.path): error: --output: no directory \(dir.path)/missing; expected a file in "
        + "an existing directory"])
    #expect(r.stdout.isEmpty)   // refused before solving
    #expect(!FileManager.default.fileExists(atPath: target.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
}

/// Bad input to every command: one line on standard error, naming what is wrong, nothing on standard output, and
/// the documented non-zero status (2 invalid input, 64 usage error).
@Test(arguments: [
    (["check", "no-such.yaml"], 2, "no-such.yaml: error: found no such file; expected a readable YAML file"),
    (["check", "scenarios"], 2, "scenarios: error: found a directory; expected a YAML file"),
    (["check"], 64, "plotalloc check: error: Missing expected argument '<file>'"),
    (["solve", "no-such.yaml"], 2, "no-such.yaml: error: found no such file"),
    (["solve", "scenarios"], 2, "scenarios: error: found a directory"),
    (["solve", tutorial, "--gap", "2"], 64, "plotalloc solve: error: --gap: found 2.0; expected a fraction 0…1"),
    (["solve", tutorial, "--time-limit", "soon"], 64, "plotalloc solve: error: The value 'soon' is invalid"),
    (["solve", tutorial, "--alternatives", "0"], 64, "plotalloc solve: error: --alternatives: found 0"),
    (["solve", tutorial, "--within", "0.1"], 64, "plotalloc solve: error: --within: only with --alternatives"),
    (["solve", tutorial, "--output", "scenarios"], 2, "scenarios: error: --output: scenarios is a directory"),
    (["solve", tutorial, "--frobnicate"], 64, "plotalloc solve: error: Unknown option '--frobnicate'"),
    (["export", "no-such.yaml", "--lp", "/tmp/plotalloc-cli-never.lp"], 2, "no-such.yaml: error: found no such file"),
    (["export", tutorial], 64, "plotalloc export: error: give --lp OUT or --mps OUT"),
    (["export", tutorial, "--mps", "scenarios"], 2, "scenarios: error: --mps: scenarios is a directory"),
    (["score", tutorial, "no-such.json"], 2, "no-such.json: error: found no such file"),
    (["score", tutorial, "scenarios"], 2, "scenarios: error: found a directory"),
    (["score", "scenarios", "no-such.json"], 2, "scenarios: error: found a directory"),
    (["compare", "no-such.yaml", tutorial], 2, "no-such.yaml: error: found no such file"),
    (["compare", tutorial], 64, "plotalloc compare: error: found 1 argument; expected at least 2"),
    (["compare", tutorial, tutorial, "--svg", "/no-such-dir/map.svg"], 2,
     "/no-such-dir/map.svg: error: --svg: no directory /no-such-dir"),
    (["generate", "--firms", "many", "--plots", "20"], 64, "plotalloc generate: error: The value 'many' is invalid"),
    (["generate", "--firms", "5", "--plots", "20"], 64, "plotalloc generate: error: --firms: 5 is out of range"),
    (["generate", "--firms", "20", "--plots", "20", "--output", "scenarios"], 2,
     "scenarios: error: --output: scenarios is a directory"),
    (["frobnicate"], 64, "plotalloc: error: Unexpected argument 'frobnicate'"),
] as [([String], Int32, String)])
func cliBadInputIsOneLine(arguments: [String], status: Int32, prefix: String) throws {
    let r = try CLI.run(arguments)
    #expect(r.status == status, "\(arguments): \(r.stderr)")
    #expect(r.errorLines.count == 1, "\(arguments): \(r.stderr)")
    #expect(r.errorLines.first?.hasPrefix(prefix) == true, "\(arguments): \(r.stderr)")
    #expect(r.stdout.isEmpty, "\(arguments)")
}
