import Foundation
import Testing
@testable import Estate
@testable import Reports

@Test func readsTheLayoutFileSolveWrites() throws {
    let s = AllocationTestScenarios.small()
    let layout = Layout(assignments: ["F3": "P4", "F1": "P1", "ZZ": "P9"])
    let text = LayoutFile(layout: layout, scenario: "test", status: "optimal", objective: 12.5,
                          firmOrder: s.firms.map(\.id)).encoded()
    let read = try LayoutDocument.parse(text, file: "out.json")
    #expect(read.layout == layout)
    #expect(read.scenarioName == "test")
    #expect(read.format == .json)
    #expect(read.lines.count == 3)
}

@Test func jsonAcceptsSolveJSONAndNullPlots() throws {
    let text = """
        {"status": "optimal", "objective": 12.5, "score": {"placement": 1, "closeness": 2, "relocation": 0},
         "assignments": [{"firm": "F1", "plot": "P2"}, {"firm": "F2", "plot": null}, {"firm": "F3"},
                         {"firm": "F4", "plot": "null"}],
         "unplaced": [{"firm": "F5", "reason": "no eligible plot"}]}
        """
    let read = try LayoutDocument.parse(text, file: "solve.json")
    #expect(read.layout.assignments == ["F1": "P2", "F4": "null"])
    #expect(read.listedUnplaced == ["F2", "F3"])
}

@Test func jsonErrorsArePositioned() {
    func error(_ text: String) -> String {
        do {
            _ = try LayoutDocument.parse(text, file: "l.json")
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
    #expect(error("{\"layout\": []}")
        == "l.json:1:1: error: assignments: missing; expected a list of {\"firm\": id, \"plot\": id}")
    #expect(error("{\"format\": \"other\", \"assignments\": []}")
        == "l.json:1:12: error: format: found \"other\"; expected \"plotalloc-layout\"")
    #expect(error("{\"format\": \"plotalloc-layout\", \"version\": 2, \"assignments\": []}")
        == "l.json:1:43: error: version: found \"2\"; expected 1")
    #expect(error("{\"assignments\": [{\"firm\": \"F1\",, }]}").hasPrefix("l.json:1:"))
    #expect(error("{\"assignments\": [{\"firm\": \"F1\",, }]}").contains("error: syntax: "))
}

@Test func csvWithHeaderBlanksCommentsQuotesAndCRLF() throws {
    let text = "\u{FEFF}firm,plot\r\n# today's layout\r\n\r\nF1,P1\r\n F2 , P2 \r\nF3,\r\n\"F,4\",\"P\"\"5\"\r\nF5,P6,,\r\n"
    let read = try LayoutDocument.parse(text, file: "hand.csv")
    #expect(read.format == .csv)
    #expect(read.layout.assignments == ["F1": "P1", "F2": "P2", "F,4": "P\"5", "F5": "P6"])
    #expect(read.listedUnplaced == ["F3"])
    #expect(read.lines["F2"] == 5)
    // Without a header, and with semicolons.
    let semi = try LayoutDocument.parse("F1;P1\nF2;\n", file: "x.csv", format: .csv)
    #expect(semi.layout.assignments == ["F1": "P1"])
    #expect(semi.listedUnplaced == ["F2"])
    // Columns in another order.
    let swapped = try LayoutDocument.parse("plot,firm\nP1,F1\n", file: "y.csv")
    #expect(swapped.layout.assignments == ["F1": "P1"])
}

@Test func csvReadsTheSolveCSVBack() throws {
    let s = AllocationTestScenarios.small()
    let layout = Layout(assignments: ["F1": "P2", "F4": "P5"])
    let text = LayoutCSVReport(scenario: s, layout: layout).render()
    let read = try LayoutDocument.parse(text, file: "solve.csv")
    #expect(read.layout == layout)
    #expect(read.listedUnplaced == ["F2", "F3", "F5"])
}

@Test func csvErrorsArePositioned() {
    func error(_ text: String) -> String {
        do {
            _ = try LayoutDocument.parse(text, file: "hand.csv", format: .csv)
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
    #expect(error("firm,name,plot\nF1,Logam\n")
        == "hand.csv:2:9: error: found 2 fields; expected 3 fields as in the header")
    #expect(error("firm,site\nF1,P1\n") == "hand.csv:1:10: error: found a header without a plot column; expected firm,plot")
}

@Test func readingFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("layoutdoc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("a.json"), csv = dir.appendingPathComponent("a.csv")
    try #"{"assignments": [{"firm": "F1", "plot": "P1"}]}"#.write(to: json, atomically: false, encoding: .utf8)
    try "F1,P2\n".write(to: csv, atomically: false, encoding: .utf8)
    #expect(try LayoutDocument.read(path: json.path).format == .json)
    #expect(try LayoutDocument.read(path: csv.path).layout == Layout(assignments: ["F1": "P2"]))
    // A file with no known extension is sniffed.
    let other = dir.appendingPathComponent("layout.txt")
    try "{\"assignments\": []}".write(to: other, atomically: false, encoding: .utf8)
    #expect(try LayoutDocument.read(path: other.path).format == .json)
    let missing = dir.appendingPathComponent("none.csv").path
    #expect(throws: LayoutFileError(file: missing, message: "found no such file; expected a layout file (JSON or CSV)")) {
        try LayoutDocument.read(path: missing)
    }
}
