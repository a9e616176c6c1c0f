import Foundation
import Testing

/// Signals, outputs and exit codes of the built `plotalloc` executable (docs/reliability.md, "Signals, outputs and
/// exit codes"): each test runs it as a child process (``CLI``), sends real signals with bounded waits, and checks
/// what is left on disk.
extension CLI {
    /// A running child `plotalloc`, its output going to files in `dir`.
    struct Child {
        var process: Process
        var dir: URL

        /// Waits at most `seconds` for the child to end (killing it with SIGKILL past that) and returns its run;
        /// `nil` when it had to be killed.
        func finish(within seconds: Double) throws -> Run? {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            var killed = false
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
            process.waitUntilExit()
            let out = try String(contentsOf: dir.appendingPathComponent("stdout"), encoding: .utf8)
            let err = try String(contentsOf: dir.appendingPathComponent("stderr"), encoding: .utf8)
            try? FileManager.default.removeItem(at: dir)
            return killed ? nil : Run(status: process.terminationStatus, stdout: out, stderr: err)
        }

        /// Waits at most `seconds` for `text` to appear on the child's standard error (or `stream`); whether it did.
        func waitForError(containing text: String, within seconds: Double, stream: String = "stderr") -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let s = try? String(contentsOf: dir.appendingPathComponent(stream), encoding: .utf8),
                   s.contains(text) { return true }
                if !process.isRunning { return false }
                usleep(2_000)
            }
            return false
        }
    }

    /// Starts `plotalloc arguments…` in the repository root, as ``run(_:)`` does, without waiting; `user` runs it
    /// under another uid/gid (through `setpriv`, as root only).
    static func start(_ arguments: [String], user: UInt32? = nil) throws -> Child {
        let exe = try #require(executable, "the plotalloc executable was not found; build it with `swift build`")
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        try Data().write(to: out)
        try Data().write(to: err)
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", exe.path] + arguments
        } else {
            process.executableURL = exe
            process.arguments = arguments
        }
        process.currentDirectoryURL = root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return Child(process: process, dir: dir)
    }

    /// The names in `dir` (hidden ones included), sorted.
    static func listing(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }
}

private let tutorial = "scenarios/tutorial.yaml"
private let expansion = "scenarios/bekasi-expansion.yaml"

/// A temporary folder with a copy of the tutorial scenario (`s.yaml`) and its solved layout file (`l.json`).
private func workspace() throws -> URL {
    let dir = try CLI.temporaryDirectory()
    try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(tutorial),
                                     to: dir.appendingPathComponent("s.yaml"))
    let r = try CLI.run(["solve", dir.appendingPathComponent("s.yaml").path, "--output",
                         dir.appendingPathComponent("l.json").path])
    #expect(r.status == 0, "\(r.stderr)")
    return dir
}

// MARK: - Signals

/// The first SIGINT, SIGTERM or SIGHUP stops the search: the best layout so far is printed, marked interrupted, and
/// the layout file is written whole with `"interrupted": true`; status 0 with a layout (4 without one). Before the
/// fix SIGTERM and SIGHUP killed the process (143, 129) with no output file.
@Test(arguments: [SIGINT, SIGTERM, SIGHUP])
func cliFirstStopSignalKeepsTheBestLayout(signal signo: Int32) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let layout = dir.appendingPathComponent("l.json")
    let child = try CLI.start(["solve", expansion, "--time-limit", "60", "--output", layout.path])
    usleep(1_500_000)
    kill(child.process.processIdentifier, signo)
    let r = try #require(try child.finish(within: 40), "no exit within 40 s of the signal")
    #expect(r.status == 0 || r.status == 4, "\(r.stderr)")
    #expect(r.stderr.contains("stopping the search"), "\(r.stderr)")
    if r.status == 0 {
        #expect(r.stdout.contains("INTERRUPTED"))
        let file = try CLI.object(try String(contentsOf: layout, encoding: .utf8))
        #expect(file["interrupted"] as? Bool == true)
        #expect(file["status"] as? String == "feasible")
        #expect(CLI.listing(dir) == ["l.json"])
    } else {
        #expect(CLI.listing(dir).isEmpty)
    }
}

/// A second signal exits at once with 128 + its number (130, 143, 129), leaving nothing behind, at a point known
/// from outside (a race-free test): `--output` names a FIFO nobody reads, so after printing its report the run
/// waits to open it. The first signal there changes nothing (the search is over); the second ends the run, the
/// FIFO still a FIFO. (The second is sent once the first was handled, seen from its note: the kernel merges a
/// signal still pending with its repeat.)
@Test(arguments: [SIGINT, SIGTERM, SIGHUP])
func cliSecondSignalEndsARunBlockedOnAFIFO(signal signo: Int32) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("pipe").path
    try #require(mkfifo(fifo, 0o600) == 0)
    let child = try CLI.start(["solve", tutorial, "--output", fifo])
    #expect(child.waitForError(containing: "Status:", within: 60, stream: "stdout"))
    kill(child.process.processIdentifier, signo)
    #expect(child.waitForError(containing: "stopping the search", within: 20))
    kill(child.process.processIdentifier, signo)
    let r = try #require(try child.finish(within: 20))
    #expect(r.status == 128 + signo, "\(r.stderr)")
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    #expect(CLI.listing(dir) == ["pipe"])
}

/// A FIFO with a reader gets the layout file through it, in place.
@Test func cliOutputThroughAFIFO() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("pipe").path
    try #require(mkfifo(fifo, 0o600) == 0)
    let child = try CLI.start(["solve", tutorial, "--output", fifo])
    let reader = try #require(FileHandle(forReadingAtPath: fifo))   // blocks until the writer opens it
    let text = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
    let r = try #require(try child.finish(within: 60))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try CLI.object(text)["assignments"] != nil)
    #expect(CLI.listing(dir) == ["pipe"])
}

/// `compare` stops its solves at the first signal too: the one running keeps its best layout, the ones after it
/// stop as they start; the comparison is printed and written (status 0). Before, SIGTERM killed it (143).
@Test func cliCompareStopsItsSolvesAtTheFirstSignal() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("c.html")
    let child = try CLI.start(["compare", expansion, expansion, "--time-limit", "60", "--html", html.path])
    usleep(1_500_000)
    kill(child.process.processIdentifier, SIGTERM)
    let r = try #require(try child.finish(within: 60), "no exit within 60 s of the signal")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.isEmpty)
    #expect(CLI.listing(dir) == ["c.html"])
}

/// In a command with no search to stop (here `generate`), the first signal exits at once, 128 + its number.
@Test func cliSignalOutsideASearchExitsAtOnce() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("big.yaml")
    let child = try CLI.start(["generate", "--firms", "20000", "--plots", "20000", "--output", out.path])
    usleep(300_000)
    kill(child.process.processIdentifier, SIGTERM)
    let r = try #require(try child.finish(within: 20))
    // The generator may have finished first (status 0, the whole file); otherwise 143 and nothing at all.
    if r.status == 0 {
        #expect(CLI.listing(dir) == ["big.yaml"])
    } else {
        #expect(r.status == 143, "\(r.stderr)")
        #expect(CLI.listing(dir).isEmpty)
    }
}

// MARK: - Outputs that would overwrite an input, or each other

/// Every output flag of every command that names an input file (also through a symbolic or hard link), or the same
/// file as another output, is refused before any work: one line, status 64, the files untouched. Before the fix
/// `solve s.yaml --output s.yaml` replaced the scenario with layout JSON.
@Test(arguments: [
    (["solve", "s.yaml", "--output", "s.yaml"], "s.yaml: error: --output: is the input file"),
    (["solve", "s.yaml", "--html", "s.yaml"], "s.yaml: error: --html: is the input file"),
    (["solve", "s.yaml", "--svg", "link.yaml"], "link.yaml: error: --svg: is the input file"),
    (["solve", "s.yaml", "--csv", "hard.yaml"], "hard.yaml: error: --csv: is the input file"),
    (["solve", "s.yaml", "--output", "x.json", "--html", "./x.json"],
     "./x.json: error: --html: the same file as --output"),
    (["export", "s.yaml", "--lp", "s.yaml"], "s.yaml: error: --lp: is the input file"),
    (["export", "s.yaml", "--mps", "link.yaml"], "link.yaml: error: --mps: is the input file"),
    (["export", "s.yaml", "--lp", "m.txt", "--mps", "m.txt"], "m.txt: error: --mps: the same file as --lp"),
    (["score", "s.yaml", "l.json", "--svg", "l.json"], "l.json: error: --svg: is the input file"),
    (["score", "s.yaml", "l.json", "--html", "s.yaml"], "s.yaml: error: --html: is the input file"),
    (["compare", "s.yaml", "s.yaml:l.json", "--html", "l.json"], "l.json: error: --html: is the input file"),
    (["compare", "s.yaml", "s.yaml", "--svg", "m.svg", "--html", "m.svg"],
     "m.svg: error: --html: the same file as --svg"),
    (["solve", "s.yaml", "--output", "-"], "-: error: --output: standard output carries the command's report"),
    (["export", "s.yaml", "--lp", "-", "--mps", "/dev/stdout"], "/dev/stdout: error: --mps: the same file as --lp"),
] as [([String], String)])
func cliOutputNeverOverwritesAnInput(arguments: [String], prefix: String) throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("link.yaml").path, withDestinationPath: "s.yaml")
    try fm.linkItem(atPath: dir.appendingPathComponent("s.yaml").path,
                    toPath: dir.appendingPathComponent("hard.yaml").path)
    let before = try Data(contentsOf: dir.appendingPathComponent("s.yaml"))
    let layoutBefore = try Data(contentsOf: dir.appendingPathComponent("l.json"))
    // File names (and SCENARIO:LAYOUT pairs of them) become paths in the workspace; flags, `-` and /dev stay.
    let absolute = arguments.map { a -> String in
        guard !a.hasPrefix("-") && !a.hasPrefix("/") && a != "solve" && a != "export" && a != "score"
                && a != "compare" else { return a }
        return a.split(separator: ":").map { dir.appendingPathComponent(String($0)).path }.joined(separator: ":")
    }
    let r = try CLI.run(absolute)
    #expect(r.status == 64, "\(arguments): \(r.stderr)")
    #expect(r.errorLines.count == 1, "\(arguments): \(r.stderr)")
    let expected = prefix.hasPrefix("-") || prefix.hasPrefix("/dev") ? prefix : dir.path + "/" + prefix
    #expect(r.errorLines.first?.hasPrefix(expected) == true, "\(arguments): \(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(try Data(contentsOf: dir.appendingPathComponent("s.yaml")) == before)
    #expect(try Data(contentsOf: dir.appendingPathComponent("l.json")) == layoutBefore)
    #expect(CLI.listing(dir) == ["hard.yaml", "l.json", "link.yaml", "s.yaml"])
}

// MARK: - Special files, links, standard output, a full disk

/// A character device is written through, never replaced by a regular file: a copy of /dev/full reports the full
/// disk (status 1, "No space left on device") and stays a device; /dev/null takes the output (status 0). Before
/// the fix the node was replaced by a regular file, status 0.
@Test func cliOutputOntoADeviceWritesThrough() throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A copy of /dev/full (device 1,7) in the test's folder; without the right to make device nodes, /dev/full.
    let copy = dir.appendingPathComponent("full").path
    let full = mknod(copy, S_IFCHR | 0o666, (1 << 8) | 7) == 0 ? copy : "/dev/full"
    let s = dir.appendingPathComponent("s.yaml").path
    for arguments in [["solve", s, "--output", full], ["export", s, "--lp", full], ["generate", "--preset",
                      "bekasi-phase1", "--output", full], ["score", s, dir.appendingPathComponent("l.json").path,
                      "--html", full]] {
        let r = try CLI.run(arguments)
        #expect(r.status == 1, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains("No space left on device"), "\(arguments): \(r.stderr)")
        var info = stat()
        #expect(lstat(full, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "\(arguments): the node was replaced")
    }
    let r = try CLI.run(["solve", s, "--output", "/dev/null", "--html", "/dev/null"])
    #expect(r.status == 64, "two outputs to /dev/null are the same file")
    let ok = try CLI.run(["solve", s, "--output", "/dev/null"])
    #expect(ok.status == 0, "\(ok.stderr)")
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    #expect(CLI.listing(dir) == (full == copy ? ["full", "l.json", "s.yaml"] : ["l.json", "s.yaml"]))
}

/// A symbolic link to a regular file is kept and its target replaced whole; a dangling link is refused before
/// any work (status 2); `-` writes to standard output where nothing else goes there (`export`, `generate`).
@Test func cliOutputThroughLinksAndStandardOutput() throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    let s = dir.appendingPathComponent("s.yaml").path
    let target = dir.appendingPathComponent("target.lp").path, link = dir.appendingPathComponent("link.lp").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: target))
    chmod(target, 0o640)
    try fm.createSymbolicLink(atPath: link, withDestinationPath: "target.lp")
    let r = try CLI.run(["export", s, "--lp", link])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try fm.destinationOfSymbolicLink(atPath: link) == "target.lp")
    #expect(try String(contentsOfFile: target, encoding: .utf8).contains("Maximize"))
    #expect(try (fm.attributesOfItem(atPath: target)[.posixPermissions] as? Int) == 0o640)

    let dangling = dir.appendingPathComponent("dangling.lp").path
    try fm.createSymbolicLink(atPath: dangling, withDestinationPath: "missing/nowhere.lp")
    let d = try CLI.run(["export", s, "--lp", dangling])
    #expect(d.status == 2)
    #expect(d.errorLines == ["\(dangling): error: --lp: \(dangling) is a symbolic link to a missing file; expected a "
        + "link to an existing file, or a plain path"])

    let out = try CLI.run(["export", s, "--mps", "-"])
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.stdout.contains("ROWS") && out.stdout.contains("ENDATA"))
    #expect(out.stderr.hasPrefix("wrote -:"))
    let gen = try CLI.run(["generate", "--preset", "bekasi-phase1", "--output", "-"])
    #expect(gen.status == 0 && gen.stdout.contains("firms:"))
}

// MARK: - Writability before solving; temporary files

/// A read-only file of another owner is refused before any work, as root too (the mode bits decide), and left as
/// it was. Before the fix it was silently replaced.
@Test func cliOutputRefusesAReadOnlyFile() throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ro = dir.appendingPathComponent("ro.json").path
    try Data("keep".utf8).write(to: URL(fileURLWithPath: ro))
    chmod(ro, 0o444)
    chown(ro, 4321, 4321)
    let r = try CLI.run(["solve", dir.appendingPathComponent("s.yaml").path, "--output", ro])
    #expect(r.status == 2)
    #expect(r.errorLines.count == 1)
    #expect(r.errorLines.first?.hasPrefix("\(ro): error: --output: \(ro) is read-only for us (mode 0444") == true,
            "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(try String(contentsOfFile: ro, encoding: .utf8) == "keep")
}

/// Run as an ordinary user (uid 4321, through setpriv): another user's file in a sticky shared folder (mode 1777)
/// is refused before solving with one plain line, not "NSCocoaErrorDomain error 512" after the whole solve; a
/// folder we cannot write is refused too.
@Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
               "needs root and setpriv to run the CLI as another user"))
func cliOutputInAStickyFolderIsCheckedBeforeSolving() throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    chmod(dir.path, 0o1777)
    let scenario = dir.appendingPathComponent("s.yaml").path
    chmod(scenario, 0o644)
    let theirs = dir.appendingPathComponent("theirs.json").path
    try Data("theirs".utf8).write(to: URL(fileURLWithPath: theirs))
    chmod(theirs, 0o666)   // writable by all, but in a sticky folder only its owner (root) may replace it
    let child = try CLI.start(["solve", scenario, "--output", theirs], user: 4321)
    let r = try #require(try child.finish(within: 60))
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr == "\(theirs): error: --output: \(theirs) belongs to another user (uid 0) in the sticky folder "
        + "\(dir.path), where only its owner may replace it; expected a file of ours, or a new path\n")
    #expect(r.stdout.isEmpty)

    let closed = dir.appendingPathComponent("closed")
    try FileManager.default.createDirectory(at: closed, withIntermediateDirectories: false)
    chmod(closed.path, 0o755)
    let c = try #require(try CLI.start(["solve", scenario, "--output", closed.appendingPathComponent("l.json").path],
                                       user: 4321).finish(within: 60))
    #expect(c.status == 2)
    #expect(c.stderr.contains("error: --output: cannot create files in \(closed.path) (Permission denied)"),
            "\(c.stderr)")
    #expect(try String(contentsOfFile: theirs, encoding: .utf8) == "theirs")
}

/// A `.NAME.UUID.tmp` left beside NAME by a process killed outright is removed by the next write to NAME once it is
/// older than ten minutes; a recent one (a write in progress elsewhere) and other files are left alone.
@Test func cliNextWriteRemovesStaleTemporaryFiles() throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    let old = ".out.json.\(UUID().uuidString).tmp", young = ".out.json.\(UUID().uuidString).tmp"
    let other = ".other.json.\(UUID().uuidString).tmp"
    for name in [old, young, other] {
        try Data("partial".utf8).write(to: dir.appendingPathComponent(name))
    }
    let hourAgo = Date().addingTimeInterval(-3600)
    for name in [old, other] {
        try FileManager.default.setAttributes([.modificationDate: hourAgo],
                                              ofItemAtPath: dir.appendingPathComponent(name).path)
    }
    let r = try CLI.run(["solve", dir.appendingPathComponent("s.yaml").path, "--output",
                         dir.appendingPathComponent("out.json").path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(CLI.listing(dir) == [young, other, "l.json", "out.json", "s.yaml"].sorted())
}

// MARK: - The MPS export read by other solvers

/// Whether `python3` can import highspy (HiGHS), for the second-solver check of the MPS export.
private let highspyAvailable: Bool = {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import highspy"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}()

/// The same file read by HiGHS (`scripts/mps-optimum-highs.py`, `pip install highspy`): minus the score.
@Test(.enabled(if: highspyAvailable, "highspy is not installed (`pip install highspy`): HiGHS check of the MPS skipped"),
      arguments: [(tutorial, 148.5), ("scenarios/bekasi-phase1.yaml", 1007.15)])
func cliExportedMPSReadByHiGHSGivesTheScore(scenario: String, score: Double) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let mps = dir.appendingPathComponent("model.mps")
    #expect(try CLI.run(["export", scenario, "--mps", mps.path]).status == 0)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", CLI.root.appendingPathComponent("scripts/mps-optimum-highs.py").path, mps.path,
                   "--time-limit", "60"]
    let outFile = dir.appendingPathComponent("highs.txt")
    try Data().write(to: outFile)
    p.standardOutput = try FileHandle(forWritingTo: outFile)
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let text = try String(contentsOf: outFile, encoding: .utf8)
    let last = try #require(text.split(separator: "\n").last.map(String.init))
    let o = try CLI.object(last)
    #expect(o["negated_note"] as? Bool == true)
    let value = try #require(o["objective"] as? Double)
    #expect(abs(-value - score) < 1e-6, "HiGHS \(value)")
}

// MARK: - Standard output that cannot be written

/// Runs `plotalloc arguments…` with standard output going to `stdout`; returns the status and standard error.
private func runWithStandardOutput(_ arguments: [String], _ stdout: FileHandle) throws -> (status: Int32, stderr: String) {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let err = dir.appendingPathComponent("stderr")
    try Data().write(to: err)
    let exe = try #require(CLI.executable, "the plotalloc executable was not found; build it with `swift build`")
    let p = Process()
    p.executableURL = exe
    p.arguments = arguments
    p.currentDirectoryURL = CLI.root
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = stdout
    p.standardError = try FileHandle(forWritingTo: err)
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationReason == .exit, "\(arguments): killed by signal \(p.terminationStatus)")
    return (p.terminationStatus, try String(contentsOf: err, encoding: .utf8))
}

/// A full standard output (a command's report sent to /dev/full) is one line on standard error and status 1, after
/// the output files are written whole. Before the fix `check --json` and `generate` crashed (SIGILL, status 132:
/// Foundation's FileHandle.write) and `solve` exited 0 with its report silently lost.
@Test func cliFullStandardOutputIsAnError() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let layout = dir.appendingPathComponent("l.json").path
    for arguments in [["solve", tutorial, "--output", layout], ["check", tutorial, "--json"], ["check", tutorial],
                      ["generate", "--preset", "bekasi-phase1"], ["score", tutorial, layout],
                      ["export", tutorial, "--lp", dir.appendingPathComponent("m.lp").path]] {
        let r = try runWithStandardOutput(arguments, full)
        #expect(r.status == 1, "\(arguments): \(r.stderr)")
        #expect(r.stderr == "plotalloc: error: cannot write standard output (No space left on device); expected a "
            + "writable standard output\n", "\(arguments)")
    }
    #expect(try CLI.object(try String(contentsOfFile: layout, encoding: .utf8))["assignments"] != nil)
}

/// A reader that goes away (`plotalloc generate | head -1`) ends the report quietly: status 0, not death by
/// SIGPIPE (status 141 in a shell) as before.
@Test func cliClosedPipeEndsTheReportQuietly() throws {
    let pipe = Pipe()
    try pipe.fileHandleForReading.close()
    let r = try runWithStandardOutput(["generate", "--firms", "200", "--plots", "150"], pipe.fileHandleForWriting)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
}

/// A folder output that cannot be made (`bench gap --export-dir` under a file) is one plain line: the system's
/// reason, not Foundation's "NSCocoaErrorDomain Code=512" dump as before.
@Test func cliBenchExportDirErrorIsPlain() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("file")
    try Data().write(to: file)
    let r = try CLI.run(["bench", "gap", "benchmarks/gap/gap1.txt", "--sense", "max", "--export-dir",
                         file.appendingPathComponent("sub").path])
    #expect(r.status == 2)
    #expect(r.errorLines == ["\(file.path)/sub: error: --export-dir: cannot export the models (Not a directory); "
        + "expected a writable folder"])
}

/// A closed standard output (`>&-`) is reopened on /dev/null before anything else: the report goes nowhere, the
/// layout file holds only the layout, status 0. Before, the report went to whatever took descriptor 1 (libdispatch's
/// event descriptor: "Invalid argument", status 1).
@Test func cliClosedStandardOutputIsNotReused() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let exe = try #require(CLI.executable, "the plotalloc executable was not found; build it with `swift build`")
    let layout = dir.appendingPathComponent("l.json").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "exec \"$0\" solve \"$1\" --output \"$2\" >&- 2>\"$3\"", exe.path,
                   CLI.root.appendingPathComponent(tutorial).path, layout, dir.appendingPathComponent("err").path]
    try p.run()
    p.waitUntilExit()
    let err = try String(contentsOf: dir.appendingPathComponent("err"), encoding: .utf8)
    #expect(p.terminationStatus == 0, "\(err)")
    #expect(err.isEmpty)
    let text = try String(contentsOfFile: layout, encoding: .utf8)
    #expect(text.hasPrefix("{"))
    #expect(try CLI.object(text)["assignments"] != nil)
    #expect(CLI.listing(dir) == ["err", "l.json"])
}
