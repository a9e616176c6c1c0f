import Foundation
import Testing

/// Issue 11, item 11: `check /dev/stdin` and `-` used to be refused. `-` (and `/dev/stdin`) now read the scenario
/// from standard input, and its problems are reported at `<stdin>:line:column`.
@Suite struct StandardInputTests {
    /// Runs `plotalloc arguments…` with `input` on its standard input (a file, so no pipe limits matter).
    static func run(_ arguments: [String], input: Data) throws -> CLI.Run {
        let exe = try #require(CLI.executable, "the plotalloc executable was not found; build it with `swift build`")
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inFile = dir.appendingPathComponent("stdin"), out = dir.appendingPathComponent("stdout")
        let err = dir.appendingPathComponent("stderr")
        try input.write(to: inFile)
        try Data().write(to: out)
        try Data().write(to: err)
        let process = Process()
        process.executableURL = exe
        process.arguments = arguments
        process.currentDirectoryURL = CLI.root
        process.standardInput = try FileHandle(forReadingFrom: inFile)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return CLI.Run(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                       stderr: try String(contentsOf: err, encoding: .utf8))
    }

    @Test(arguments: ["-", "/dev/stdin"])
    func checkReadsTheScenarioFromStandardInput(path: String) throws {
        let tutorial = try Data(contentsOf: CLI.root.appendingPathComponent("scenarios/tutorial.yaml"))
        let good = try Self.run(["check", path], input: tutorial)
        #expect(good.status == 0, "\(good.stderr)")
        let broken = try Self.run(["check", "-"], input: Data("metadata: [unclosed\n".utf8))
        #expect(broken.status == 2)
        #expect(broken.errorLines.first?.hasPrefix("<stdin>:") == true, "\(broken.stderr)")
    }
}
