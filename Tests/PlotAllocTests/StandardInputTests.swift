import Foundation
import Testing

/// Issue 11, item 11: `check /dev/stdin` and `-` used to be refused. `-` (and `/dev/stdin`) now read the scenario
/// from standard input, and its problems are reported at `<stdin>:line:column`.
@Suite struct StandardInputTests {
    @Test(arguments: ["-", "/dev/stdin"])
    func checkReadsTheScenarioFromStandardInput(path: String) throws {
        let tutorial = try Data(contentsOf: CLI.root.appendingPathComponent("scenarios/tutorial.yaml"))
        let good = try CLI.run(["check", path], input: tutorial)
        #expect(good.status == 0, "\(good.stderr)")
        let broken = try CLI.run(["check", "-"], input: Data("metadata: [unclosed\n".utf8))
        #expect(broken.status == 2)
        #expect(broken.errorLines.first?.hasPrefix("<stdin>:") == true, "\(broken.stderr)")
    }
}
