import Foundation
import Testing
import Yams
@testable import MIPModel
@testable import Estate
@testable import Allocation
@testable import Reports

/// Reading the scenario looks at the run's deadline and interrupt (issue 11): a deadline already past or an interrupt
/// raised before or while the scenario is read ends the run as `no_solution`, stopped in ``RunPhase/load``, with
/// nothing written. Bounded work, no timing: "while" is made exact with a FIFO whose writer raises the interrupt
/// before it closes, and each stage's own look is tested with the interrupt already raised.
@Suite struct LoadStopTests {
    static let expansion = ScenarioGeneratorTests.expansionPath
    static let past = LoadWatch(deadline: .after(seconds: 0), interrupt: nil)

    static func raised() -> SolveInterrupt {
        let interrupt = SolveInterrupt()
        interrupt.request()
        return interrupt
    }

    /// The stop a watched load threw, or `nil` when it loaded or failed otherwise.
    static func stop(_ load: () throws(ScenarioLoader.Failure) -> Scenario) -> LoadStop? {
        do throws(ScenarioLoader.Failure) {
            _ = try load()
            return nil
        } catch {
            if case .stopped(let stop) = error { return stop }
            return nil
        }
    }

    @Test func aPassedDeadlineOrARaisedInterruptStopsBeforeReading() throws {
        #expect(Self.stop { () throws(ScenarioLoader.Failure) in
            try ScenarioLoader.load(path: Self.expansion, watch: Self.past)
        } == LoadStop(cause: .timeLimit, stage: .reading))
        let interrupted = LoadWatch(deadline: .after(seconds: 0), interrupt: Self.raised())
        #expect(Self.stop { () throws(ScenarioLoader.Failure) in
            try ScenarioLoader.load(path: Self.expansion, watch: interrupted)
        } == LoadStop(cause: .interrupted, stage: .reading), "the interrupt is named before the deadline")
        // A missing file is still an input error when nothing stops the load; an unwatched load never stops.
        let missing = LoadWatch(deadline: .after(seconds: 3600), interrupt: SolveInterrupt())
        #expect(throws: ScenarioLoader.Failure.self) { try ScenarioLoader.load(path: "/nonexistent.yaml", watch: missing) }
        let watched = try ScenarioLoader.load(path: Self.expansion, watch: missing)
        #expect(watched == (try ScenarioLoader.load(path: Self.expansion)))
    }

    /// Each long stage looks at the watch itself: the shape check every 4,096 values, the decoder at each firm and
    /// plot, the validator between its checks and every 1,024 firms or plots.
    @Test func eachStageStopsWhenTheWatchSaysSo() throws {
        let yaml = try String(contentsOfFile: Self.expansion, encoding: .utf8)
        let root = try #require(try Yams.compose(yaml: yaml))
        let watch = LoadWatch(deadline: .never, interrupt: Self.raised())

        var walk = StructureChecker(file: "e.yaml", watch: watch)
        walk.check(root, against: .scenario, at: .root)
        #expect(walk.stoppedBy == .interrupted)
        var whole = StructureChecker(file: "e.yaml")
        whole.check(root, against: .scenario, at: .root)
        #expect(whole.stoppedBy == nil)
        #expect(whole.diagnostics.isEmpty)

        #expect(throws: LoadStop(cause: .interrupted, stage: .decoding)) {
            _ = try YAMLDecoder().decode(Scenario.self, from: root, userInfo: [LoadWatch.userInfoKey: watch])
        }

        let scenario = try ScenarioLoader.load(path: Self.expansion)
        var validator = ScenarioValidator(scenario: scenario, file: "e.yaml", root: nil)
        validator.watch = LoadWatch(deadline: .after(seconds: 0), interrupt: nil)
        validator.run()
        #expect(validator.stoppedBy == .timeLimit)
        var unwatched = ScenarioValidator(scenario: scenario, file: "e.yaml", root: nil)
        unwatched.run()
        #expect(unwatched.stoppedBy == nil)
    }

    /// An interrupt raised while the file is being read: the writer of a FIFO raises it after writing the scenario
    /// and before closing, so the reader sees it once it has read the whole file (it looked before opening, when
    /// nothing was raised yet).
    @Test func anInterruptRaisedWhileReadingStopsTheLoad() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("s.yaml").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let interrupt = SolveInterrupt()
        let text = try Data(contentsOf: URL(fileURLWithPath: Self.expansion))
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }   // blocks until the reader opens
            handle.write(text)
            interrupt.request()
            try? handle.close()
        }
        writer.start()
        let stop = Self.stop { () throws(ScenarioLoader.Failure) in
            try ScenarioLoader.load(path: fifo, watch: LoadWatch(deadline: .never, interrupt: interrupt))
        }
        #expect(stop == LoadStop(cause: .interrupted, stage: .reading))
    }

    /// The session reports the stop as a run without a layout: `no_solution`, the cause's termination, stopped in
    /// `load`, in the text and the JSON report; `compare`'s sessions read every scenario whole and stop in formulation.
    @Test func sessionReportsNoSolutionStoppedInLoad() throws {
        let limited = SolveSession.Request(path: Self.expansion, settings: SolverSettings(timeLimit: 1e-9))
        let stopped = try #require(Self.stopped { () throws(SolveSession.Failure) in try SolveSession(limited).run() })
        #expect(stopped.stop == LoadStop(cause: .timeLimit, stage: .reading))
        let result = stopped.result
        #expect(result.status == .noSolution)
        #expect(result.termination == .timeLimit)
        #expect(result.stoppedIn == .load)
        #expect(result.layout == nil)
        #expect(result.timing.load == stopped.seconds)
        let text = SolveTextReport(stoppedLoading: stopped).render()
        #expect(text.contains("Scenario: not read (\(Self.expansion))"))
        #expect(text.contains("Status: no_solution: stopped at the time limit during reading the scenario (reading the file)"))
        let json = try CLI.object(SolveJSONReport(stoppedLoading: stopped).render())
        #expect(json["stopped_in"] as? String == "load")
        #expect(json["status"] as? String == "no_solution")
        #expect(json["scenario"] is NSNull)

        let interrupted = try #require(Self.stopped { () throws(SolveSession.Failure) in
            try SolveSession(SolveSession.Request(path: Self.expansion)).run(interrupt: Self.raised())
        })
        #expect(interrupted.result.termination == .interrupted)
        #expect(SolveTextReport(stoppedLoading: interrupted).render()
            .contains("interrupted (Ctrl-C or a stop signal) during reading the scenario"))

        var compare = SolveSession.Request(path: Self.expansion)
        compare.stopsWhileLoading = false
        let outcome = try SolveSession(compare).run(interrupt: Self.raised())
        #expect(outcome.result.status == .noSolution)
        #expect(outcome.result.stoppedIn == .formulate)
    }

    static func stopped(_ run: () throws(SolveSession.Failure) -> SolveOutcome) -> SolveSession.StoppedLoading? {
        do throws(SolveSession.Failure) {
            _ = try run()
            return nil
        } catch {
            if case .stoppedLoading(let s) = error { return s }
            return nil
        }
    }

    /// Through the executable: a deadline already past when the scenario is read (1 ns) gives status 4, the JSON
    /// report with `stopped_in: "load"`, a note per output and no file written.
    @Test func cliStopsInLoadAtAPassedDeadlineAndWritesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["solve", Self.expansion, "--time-limit", "1e-9", "--json",
                             "--output", dir.appendingPathComponent("l.json").path,
                             "--html", dir.appendingPathComponent("r.html").path])
        #expect(r.status == 4, "\(r.stderr)")
        let json = try CLI.object(r.stdout)
        #expect(json["status"] as? String == "no_solution")
        #expect(json["termination"] as? String == "time_limit")
        #expect(json["stopped_in"] as? String == "load")
        #expect(r.errorLines.contains { $0.hasSuffix("note: --output not written: the scenario was not read (no_solution)") })
        #expect(r.errorLines.contains { $0.hasSuffix("note: --html not written: the scenario was not read (no_solution)") })
        #expect(CLI.listing(dir).isEmpty)
    }

    /// Through the executable: SIGINT while the scenario is read (from a FIFO the test writes: the signal is sent,
    /// and seen handled, before the FIFO is closed) gives status 4, `interrupted` during reading the scenario, and
    /// no output file.
    @Test func cliInterruptWhileReadingStopsInLoad() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("s.yaml").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let child = try CLI.start(["solve", fifo, "--time-limit", "60", "--output",
                                   dir.appendingPathComponent("l.json").path])
        // Opened without blocking once the child reads (bounded: at most 60 s of polling).
        var fd: Int32 = -1
        for _ in 0..<3000 where fd < 0 {
            fd = open(fifo, O_WRONLY | O_NONBLOCK)
            if fd < 0 { usleep(20_000) }
        }
        try #require(fd >= 0, "the child never opened the scenario")
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        handle.write(try Data(contentsOf: URL(fileURLWithPath: Self.expansion)))
        kill(child.process.processIdentifier, SIGINT)
        #expect(child.waitForError(containing: "SIGINT: stopping", within: 20))
        try handle.close()
        let r = try #require(try child.finish(within: 60))
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stdout.contains("Status: no_solution: interrupted (Ctrl-C or a stop signal) during reading the scenario"))
        #expect(CLI.listing(dir) == ["s.yaml"])
    }
}

/// After an interrupt the run ends soon: the unplaced firms are listed without their reasons (which took a third of
/// the time from Ctrl-C to exit at 1,600 firms), the layout is still the verified one.
@Suite struct InterruptedTailTests {
    @Test func interruptedOutcomeListsUnplacedFirmsWithoutReasons() throws {
        let scenario = try ScenarioLoader.load(path: ScenarioGeneratorTests.repository
            .appendingPathComponent("scenarios/tutorial.yaml").path)
        let result = try Allocator().allocate(scenario)
        let explained = SolveOutcome(scenario: scenario, result: result).unplaced
        try #require(!explained.isEmpty)
        #expect(!explained.contains { $0.kind == .notExplained })

        var stopped = result
        stopped.termination = .interrupted
        let outcome = SolveOutcome(scenario: scenario, result: stopped)
        #expect(outcome.unplaced.map(\.firm) == explained.map(\.firm))
        #expect(outcome.unplaced.allSatisfy { $0.kind == .notExplained })
        #expect(outcome.result.report?.isFeasible == true)
        let text = SolveTextReport.render(outcome)
        #expect(text.contains("Unplaced firms: \(explained.count)\n  reasons not worked out (the run was interrupted): "
            + explained.map(\.firm).joined(separator: ", ")))
        let json = try CLI.object(SolveJSONReport(outcome: outcome).render())
        let kinds = (json["unplaced"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds == Array(repeating: "not_explained", count: explained.count))
    }
}
