import Foundation
import Testing
@testable import GLPKBackend
@testable import Benchmarks

/// The OR-Library GAP reader on the repository's files, its errors on malformed input, the model, the independent
/// check, and gap1 solved to its published optima.
@Suite struct GAPReaderTests {
    static let gapFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("benchmarks/gap")

    static func path(_ name: String) -> String { gapFolder.appendingPathComponent(name).path }

    /// File, number of problems, and (m, n) of every problem.
    static let shapes: [(String, Int, [(Int, Int)])] = {
        let orSizes = [(5, 15), (5, 20), (5, 25), (5, 30), (8, 24), (8, 32), (8, 40), (8, 48),
                       (10, 30), (10, 40), (10, 50), (10, 60)]
        var rows: [(String, Int, [(Int, Int)])] = orSizes.enumerated().map {
            ("gap\($0.offset + 1).txt", 5, Array(repeating: $0.element, count: 5))
        }
        let typeSizes = [(5, 100), (5, 200), (10, 100), (10, 200), (20, 100), (20, 200)]
        for t in ["a", "b", "c", "d"] { rows.append(("gap\(t).txt", 6, typeSizes)) }
        for (m, n) in typeSizes {
            rows.append(("typeE/e\(String(format: "%02d", m))\(n).txt", 1, [(m, n)]))
        }
        return rows
    }()

    @Test(arguments: 0..<22)
    func everyRepositoryFileHasItsProblemsAndSizes(_ k: Int) throws {
        let (file, count, sizes) = Self.shapes[k]
        let instances = try GAPReader.read(path: Self.path(file))
        #expect(instances.count == count, "\(file)")
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        for (p, instance) in instances.enumerated() {
            #expect(instance.name == name)
            #expect(instance.problem == p + 1)
            #expect(instance.agents == sizes[p].0 && instance.jobs == sizes[p].1, "\(file) problem \(p + 1)")
            #expect(instance.costs.count == instance.agents && instance.resources.count == instance.agents)
            #expect(instance.costs.allSatisfy { $0.count == instance.jobs })
            #expect(instance.resources.allSatisfy { $0.count == instance.jobs })
        }
    }

    @Test func gap1FirstProblemHasTheFileNumbersInPlace() throws {
        let first = try #require(try GAPReader.read(path: Self.path("gap1.txt")).first)
        #expect(first.costs[0].prefix(3) == [17, 21, 22])
        #expect(first.costs[4].last == 24)
        #expect(first.resources[0].prefix(3) == [8, 15, 14])
        #expect(first.capacities == [36, 34, 38, 27, 33])
    }

    @Test func wrappedRowsAndAnyWhitespaceReadTheSame() throws {
        let tidy = "1\n2 3\n1 2 3\n4 5 6\n1 1 1\n2 2 2\n2 4\n"
        let messy = "1 2\t3 1\r\n2\n\n 3 4 5 6 1\u{0C}1 1 2 2 2 2\n4"
        let a = try GAPReader.parse(tidy, file: "t.txt", name: "t")
        let b = try GAPReader.parse(messy, file: "m.txt", name: "t")
        #expect(a == b)
        #expect(a[0].costs == [[1, 2, 3], [4, 5, 6]] && a[0].capacities == [2, 4])
    }

    @Test func singleProblemLayoutIsDetectedAndCanBeForced() throws {
        let single = "2 3  1 2 3 4 5 6  1 1 1 2 2 2  2 4"
        let auto = try GAPReader.parse(single, file: "e.txt", name: "e")
        let forced = try GAPReader.parse(single, file: "e.txt", name: "e", layout: .single)
        #expect(auto.count == 1 && auto == forced)
        #expect(throws: GAPReadError.self) { try GAPReader.parse(single, file: "e.txt", name: "e", layout: .multiple) }
    }

    static func readError(_ text: String, layout: GAPFileLayout = .automatic) -> GAPReadError? {
        do {
            _ = try GAPReader.parse(text, file: "bad.txt", name: "bad", layout: layout)
            return nil
        } catch {
            return error
        }
    }

    @Test func aWordThatIsNotANumberIsNamedWithItsPositionAndRole() throws {
        let e = try #require(Self.readError("2\n2 3\n1 2 3\n4 x5 6\n"))
        #expect(e.line == 4 && e.column == 3)
        #expect(e.problem == 1)
        #expect(e.path == "problem[1].costs[2][2]")
        #expect(e.description == "bad.txt:4:3: error: problem[1].costs[2][2]: 'x5' is not a whole number; "
            + "expected a cost (a whole number within ±1000000000)")
    }

    @Test func aTruncatedSecondProblemSaysWhatIsMissing() throws {
        let text = "2\n1 2\n5 6\n1 1\n3\n1 2\n7 8\n1\n"
        let e = try #require(Self.readError(text))
        #expect(e.problem == 2)
        #expect(e.path == "problem[2].resources[1][2]")
        #expect(e.message == "the file ends here")
        #expect(e.expected.hasPrefix("2 more numbers for problem 2 of 2"))
        #expect(e.line == 8 && e.column == 2)
    }

    @Test func numbersAfterTheLastProblemAreAnError() throws {
        let e = try #require(Self.readError("1\n1 2\n5 6\n1 1\n3\n9\n", layout: .multiple))
        #expect(e.path == "problems" && e.line == 6 && e.column == 1)
        #expect(e.expected.contains("holds 1 problems"))
    }

    @Test func countsAndResourcesMustBeInRange() throws {
        let zeroAgents = try #require(Self.readError("1\n0 2\n", layout: .multiple))
        #expect(zeroAgents.path == "problem[1].agents" && zeroAgents.message == "0 is out of range")
        let negative = try #require(Self.readError("1\n1 2\n5 6\n1 -1\n3\n", layout: .multiple))
        #expect(negative.path == "problem[1].resources[1][2]")
        #expect(negative.expected == "a resource use ≥ 0")
        let tooLarge = try #require(Self.readError("1\n1 2\n5 6\n1 1\n99999999999\n", layout: .multiple))
        #expect(tooLarge.path == "problem[1].capacities[1]")
        let huge = try #require(Self.readError("1\n20000000 20000000\n", layout: .multiple))
        #expect(huge.path == "problem[1].jobs" && huge.message.contains("too large"))
    }

    @Test func emptyAndMissingFilesAreErrors() throws {
        let empty = try #require(Self.readError(" \n\n"))
        #expect(empty.message == "the file holds no numbers")
        #expect(throws: GAPReadError.self) { try GAPReader.read(path: Self.path("no-such-file.txt")) }
    }

    @Test func optimaTableHasEveryPublishedValue() throws {
        let optima = try GAPOptima.read(path: Self.path("optima.tsv"))
        #expect(optima.count == 150)
        #expect(optima.entry(instance: "gap12", problem: 3, sense: .maximize) == .init(value: 1433, proven: true))
        #expect(optima.entry(instance: "gapd", problem: 6, sense: .minimize) == .init(value: 12241, proven: false))
        #expect(optima.entry(instance: "e05100", problem: 1, sense: .minimize)?.value == 12681)
    }

    @Test func malformedOptimaRowIsNamed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("optima-\(UUID().uuidString).tsv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "instance\tproblem\tsense\toptimum\tstatus\ngap1\t1\tmaximum\t336\toptimal\n"
            .write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try GAPOptima.read(path: url.path)
            Issue.record("a bad sense was accepted")
        } catch {
            #expect(error.line == 2 && error.column == 8 && error.path == "optima[2].sense")
        }
    }

    @Test func modelHasOneBinaryPerPairAndTheTextbookRows() throws {
        let instance = try #require(try GAPReader.read(path: Self.path("gap1.txt")).first)
        let gap = GAPModel(instance: instance, sense: .maximize)
        #expect(gap.model.variables.count == 75 && gap.model.integerVariableCount == 75)
        #expect(gap.model.constraints.count == 15 + 5)
        #expect(gap.model.nonZeroCount == 2 * 75)
        #expect(gap.model.objective.sense == .maximize)
    }

    @Test func theCheckRejectsOverloadsDoublesAndWrongObjectives() throws {
        let instance = GAPInstance(name: "t", problem: 1, costs: [[1, 2], [3, 4]], resources: [[2, 2], [1, 5]],
                                   capacities: [3, 5])
        #expect(try instance.check([0, 1]) == 5)
        #expect(throws: GAPCheckError.capacityExceeded(agent: 1, load: 4, capacity: 3)) { try instance.check([0, 0]) }
        #expect(throws: GAPCheckError.agentOutOfRange(job: 2, agent: 3)) { try instance.check([0, 2]) }
        let gap = GAPModel(instance: instance, sense: .minimize)
        var values = gap.values(for: [0, 1])
        #expect(try gap.verify(values, objective: 5).cost == 5)
        #expect(throws: GAPCheckError.objectiveMismatch(reported: 4, recomputed: 5)) {
            try gap.verify(values, objective: 4)
        }
        values[gap.assign[1][0].index] = 1
        #expect(throws: GAPCheckError.jobAssignedMoreThanOnce(job: 1, agents: [1, 2])) { try gap.decode(values) }
        values[gap.assign[1][0].index] = 0.5
        #expect(throws: GAPCheckError.notBinary(agent: 2, job: 1, value: 0.5)) { try gap.decode(values) }
        var missing = gap.values(for: [0, 1])
        missing[gap.assign[1][1].index] = 0
        #expect(throws: GAPCheckError.jobUnassigned(job: 2)) { try gap.decode(missing) }
    }

    @Test func theHeuristicStartIsFeasibleOnGap1() throws {
        for instance in try GAPReader.read(path: Self.path("gap1.txt")) {
            let start = try #require(GAPHeuristic.solve(instance, sense: .maximize))
            let cost = try instance.check(start)
            #expect(cost > 0)
        }
    }

    @Test func gap1MaximisedReachesEveryPublishedOptimumAndPassesTheCheck() throws {
        let optima = try GAPOptima.read(path: Self.path("optima.tsv"))
        let instances = try GAPReader.read(path: Self.path("gap1.txt"))
        #expect(instances.count == 5)
        for instance in instances {
            let published = try #require(optima.entry(instance: "gap1", problem: instance.problem, sense: .maximize))
            let result = try GAPBenchmark().run(instance, sense: .maximize)
            #expect(result.status == .optimal)
            #expect(result.objective == published.value, "gap1 problem \(instance.problem)")
            #expect(result.bound == Double(published.value))
            // The benchmark checked the solution; check it again here, from the instance alone.
            let assignment = try #require(result.assignment)
            #expect(try instance.check(assignment) == published.value)
            // And plain GLPK on the same model, without the heuristic start, agrees.
            let gap = GAPModel(instance: instance, sense: .maximize)
            let plain = try GLPKSolver().solve(gap.model)
            #expect(plain.termination == .optimal)
            let values = try #require(plain.values)
            #expect(try gap.verify(values, objective: plain.objective).cost == published.value)
        }
    }

    @Test func typeEFileParsesAsOneProblem() throws {
        let e = try GAPReader.read(path: Self.path("typeE/e05100.txt"))
        #expect(e.count == 1)
        #expect(e[0].name == "e05100" && e[0].problem == 1 && e[0].agents == 5 && e[0].jobs == 100)
        #expect(e[0].capacities.allSatisfy { $0 > 0 })
    }

    @Test func jsonLineHasTheDocumentedFieldsInOrder() {
        let r = GAPBenchmarkResult(instance: "gap1", problem: 2, agents: 5, jobs: 15, sense: .maximize,
                                   status: .feasible, stopped: "time_limit", objective: 320, bound: 327.5,
                                   startObjective: 300, seconds: 1.23456, nodes: 17, assignment: nil)
        #expect(r.jsonLine == #"{"instance":"gap1","problem":2,"sense":"max","status":"feasible","objective":320,"#
            + #""bound":327.5,"seconds":1.235,"nodes":17,"stopped":"time_limit"}"#)
    }
}
