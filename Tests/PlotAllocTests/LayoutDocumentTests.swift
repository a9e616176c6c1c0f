import Foundation
import Testing
@testable import PlotAlloc

@Test func jsonRoundTripInScenarioOrder() throws {
    let s = AllocationTestScenarios.small()
    let layout = Layout(assignments: ["F3": "P4", "F1": "P1", "ZZ": "P9"])
    let text = LayoutFile.json(layout, scenario: s)
    #expect(text == """
        {
          "scenario": "test",
          "assignments": [
            {"firm": "F1", "plot": "P1"},
            {"firm": "F3", "plot": "P4"},
            {"firm": "ZZ", "plot": "P9"}
          ],
          "unplaced": ["F2", "F4", "F5"]
        }

        """)
    let read = try LayoutFile.parse(text, file: "out.json")
    #expect(read.layout == layout)
    #expect(read.scenarioName == "test")
    #expect(read.format == .json)
    #expect(read.lines["F3"] == 5)
}

@Test func jsonAcceptsSolveJSONAndNullPlots() throws {
    let text = """
        {"status": "optimal", "objective": 12.5, "score": {"placement": 1, "closeness": 2, "relocation": 0},
         "assignments": [{"firm": "F1", "plot": "P2"}, {"firm": "F2", "plot": null}, {"firm": "F3"},
                         {"firm": "F4", "plot": "null"}],
         "unplaced": [{"firm": "F5", "reason": "no eligible plot"}]}
        """
    let read = try LayoutFile.parse(text, file: "solve.json")
    #expect(read.layout.assignments == ["F1": "P2", "F4": "null"])
    #expect(read.listedUnplaced == ["F2", "F3"])
}

@Test func jsonErrorsArePositioned() {
    func error(_ text: String) -> String {
        do {
            _ = try LayoutFile.parse(text, file: "l.json")
            return "no error"
        } catch { return error.description }
    }
    #expect(error("{\"assignments\": [\n  {\"firm\": \"F1\", \"plot\": \"P1\"},\n  {\"plot\": \"P2\"}\n]}")
        == "l.json:3:3: error: assignments[1].firm: missing; expected a firm id")
    #expect(error("{\"assignments\": [\n  {\"firm\": \"F1\", \"plot\": \"P1\"},\n  {\"firm\": \"F1\", \"plot\": \"P2\"}]}")
        == "l.json:3:12: error: assignments[1].firm: found firm \"F1\" again (first at line 2); expected each firm once")
    #expect(error("{\"assignments\": [{\"firm\": \"F1\", \"plot\": [\"P1\"]}]}")
        == "l.json:1:41: error: assignments[0].plot: found a list; expected a plot id or null")
    #expect(error("{\"assignments\": [{\"firm\": \"F1\", \"plots\": \"P1\"}]}")
        == "l.json:1:33: error: assignments[0]: found key \"plots\"; expected only \"firm\" and \"plot\"")
    #expect(error("{\"layout\": []}") == "l.json:1:1: error: assignments: missing; expected a list of {\"firm\": id, \"plot\": id}")
    #expect(error("{\"assignments\": [{\"firm\": \"F1\",, }]}").hasPrefix("l.json:1:"))
    #expect(error("{\"assignments\": [{\"firm\": \"F1\",, }]}").contains("error: syntax: "))
}

@Test func csvWithHeaderBlanksCommentsQuotesAndCRLF() throws {
    let text = "\u{FEFF}firm,plot\r\n# today's layout\r\n\r\nF1,P1\r\n F2 , P2 \r\nF3,\r\n\"F,4\",\"P\"\"5\"\r\nF5,P6,,\r\n"
    let read = try LayoutFile.parse(text, file: "hand.csv")
    #expect(read.format == .csv)
    #expect(read.layout.assignments == ["F1": "P1", "F2": "P2", "F,4": "P\"5", "F5": "P6"])
    #expect(read.listedUnplaced == ["F3"])
    #expect(read.lines["F2"] == 5)
    // Without a header, and with semicolons.
    let semi = try LayoutFile.parse("F1;P1\nF2;\n", file: "x.csv", format: .csv)
    #expect(semi.layout.assignments == ["F1": "P1"])
    #expect(semi.listedUnplaced == ["F2"])
    // A round trip through the writer.
    let s = AllocationTestScenarios.small()
    let layout = Layout(assignments: ["F1": "P2", "F4": "P5"])
    #expect(LayoutFile.csv(layout, scenario: s) == "firm,plot\nF1,P2\nF2,\nF3,\nF4,P5\nF5,\n")
    #expect(try LayoutFile.parse(LayoutFile.csv(layout, scenario: s), file: "r.csv").layout == layout)
}

@Test func csvErrorsArePositioned() {
    func error(_ text: String) -> String {
        do {
            _ = try LayoutFile.parse(text, file: "hand.csv", format: .csv)
            return "no error"
        } catch { return error.description }
    }
    #expect(error("firm,plot\nF1,P1\nF2,P2,P3\n")
        == "hand.csv:3:7: error: found 3 fields; expected firm,plot (leave the plot empty for an unplaced firm)")
    #expect(error("F1\tP1\n")
        == "hand.csv:1:6: error: found 1 field; expected firm,plot (leave the plot empty for an unplaced firm)")
    #expect(error("F1,P1\n\nF1,P2\n")
        == "hand.csv:3:1: error: firm: found firm \"F1\" again (first at line 1); expected each firm once")
    #expect(error("F1,P1\n,P2\n") == "hand.csv:2:1: error: firm: missing; expected a firm id")
    #expect(error("F1,\"P1\n") == "hand.csv:1:4: error: found a quote that is never closed; expected a closing \"")
    #expect(error("\"F1\"x,P1\n")
        == "hand.csv:1:5: error: found text after a closing quote; expected , or the end of the line")
}

@Test func readingFilesAndWritingAtomically() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("layoutfile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let s = AllocationTestScenarios.small()
    let layout = Layout(assignments: ["F1": "P1", "F2": "P3"])
    let json = dir.appendingPathComponent("a.json"), csv = dir.appendingPathComponent("a.csv")
    try LayoutFile.write(layout, scenario: s, to: json)
    try LayoutFile.write(layout, scenario: s, to: csv)
    #expect(try LayoutFile.read(path: json.path).format == .json)
    #expect(try LayoutFile.read(path: csv.path).layout == layout)
    // A file with no known extension is sniffed.
    let other = dir.appendingPathComponent("layout.txt")
    try "F1,P4\n".write(to: other, atomically: false, encoding: .utf8)
    #expect(try LayoutFile.read(path: other.path).layout == Layout(assignments: ["F1": "P4"]))
    #expect(throws: LayoutFileError.self) { try LayoutFile.read(path: dir.appendingPathComponent("none.csv").path) }
    // Only the two files and the sniffed one: no temporary files left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.csv", "a.json", "layout.txt"])
}
