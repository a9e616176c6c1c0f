import Foundation
import Testing
import Yams

@testable import Allocation
@testable import Estate
import PlotAllocSupport
@testable import PlotAllocTestSupport
@testable import Reports

/// The loader's bounds (issue "Reliability", input side): every reproduction of a defect found by hand or by fuzzing
/// now ends in a positioned error or in the verified optimum. See docs/reliability.md ("Input").
@Suite struct InputBoundsTests {
    static let tutorialPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/tutorial.yaml").path

    /// The tutorial with each `(old, new)` replacement applied once.
    static func tutorial(_ edits: (String, String)...) throws -> String {
        var yaml = try String(contentsOfFile: tutorialPath, encoding: .utf8)
        for (old, new) in edits {
            let r = try #require(yaml.range(of: old), "tutorial.yaml has no \(old)")
            yaml.replaceSubrange(r, with: new)
        }
        return yaml
    }

    /// The headlines of loading `yaml` as `t.yaml`; empty when it loads.
    static func errors(_ yaml: String) -> [String] {
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: "t.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.headline)
        }
    }

    static func error(bytes: [UInt8]) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.load(bytes: bytes, file: "t.yaml")
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Item 1: large counts

    @Test func hugeWorkerCountsAreRefusedWithAPosition() throws {
        #expect(Self.errors(try Self.tutorial(("workers: 14", "workers: 9223372036854775807"))) == [
            "t.yaml:57:14: error: firms[0].workers: found 9223372036854775807; expected a whole number from 0 to 1e6"
        ])
        let two = try Self.tutorial(
            ("workers: 14", "workers: 5000000000000000000"), ("workers: 12", "workers: 5000000000000000000"))
        #expect(Self.errors(two).count == 2)
    }

    @Test func keyFiguresSaturateInsteadOfTrapping() throws {
        // A scenario built in code skips the loader's ranges: the sums must still not trap.
        var s = try ScenarioLoader.load(path: Self.tutorialPath)
        s.firms[0].workers = .max
        s.firms[1].workers = .max
        let layout = Layout(assignments: [s.firms[0].id: "P3", s.firms[1].id: "P2"])
        let figures = KeyFigures(scenario: s, layout: layout)
        #expect(figures.workers == .max)
    }

    // MARK: - Items 2 and 3: large coefficients

    @Test func largeMovePenaltiesAreRefusedWithAPosition() throws {
        for penalty in ["1e12", "1e20", "1e308"] {
            let yaml = try Self.tutorial(
                ("incumbents: {policy: fixed}", "incumbents: {policy: movable, move_penalty: \(penalty)}"))
            let errors = Self.errors(yaml)
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix("t.yaml:122:47: error: rules.incumbents.move_penalty: found ") == true)
            #expect(errors.first?.hasSuffix("expected a number from 0 to 1e6") == true)
        }
    }

    @Test func movePenaltyIsPaidByTheMovingVariablesNotTheConstant() throws {
        let yaml = try Self.tutorial(
            ("incumbents: {policy: fixed}", "incumbents: {policy: movable, move_penalty: 50}"))
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "t.yaml")
        let model = Formulation.build(scenario)
        #expect(model.objectiveConstant == 0)
    }

    /// The largest penalty allowed gives the optimum that an exhaustive search finds, verified.
    @Test func largestMovePenaltyGivesTheVerifiedOptimum() throws {
        let yaml = try Self.tutorial(
            ("incumbents: {policy: fixed}", "incumbents: {policy: movable, move_penalty: 1e6}"))
        var scenario = try ScenarioLoader.load(yaml: yaml, file: "t.yaml")
        scenario.firms.removeAll { $0.id == "F6" }  // no plot fits it; leaves few enough firms to enumerate
        let result = try Allocator().allocate(scenario)
        #expect(result.status == .optimal)
        let layout = try #require(result.layout)
        let verified = LayoutVerifier(scenario: scenario).verify(layout)
        #expect(verified.isFeasible)
        let best = try #require(try ExhaustiveSearch(scenario: scenario).run().bestScore)
        #expect(abs(verified.score.total - best) < 1e-6)
        #expect(abs((result.objective ?? .nan) - best) < 1e-6)
        #expect(abs(best - 148.5) < 1e-6)
        #expect(layout.plot(of: "F2") == "P2")
    }

    @Test func everyNumberHasARange() throws {
        let cases: [(String, String, String)] = [
            ("per_worker: 1,", "per_worker: 1e308,", "rules.placement_value.per_worker: found 1e+308"),
            ("capacity_kva: 100}", "capacity_kva: 1e300}", "site.power_blocks[0].capacity_kva: found 1e+300"),
            ("area: 250, x: 10", "area: 1e200, x: 10", "site.plots[0].area: found 1e+200"),
            ("x: 10, y: 10", "x: 1e300, y: 10", "site.plots[0].x: found 1e+300"),
            ("rating_weights: {A: 8", "rating_weights: {A: 1e20", "rules.rating_weights.A: found 1e+20"),
            ("turnover: 12000000000 ", "turnover: 1e300 ", "firms[0].turnover: found 1e+300"),
            ("priority: 2", "priority: 1e300", "firms[0].priority: found 1e+300"),
            ("adjacency_distance: 22", "adjacency_distance: 1e9", "rules.adjacency_distance: found 1000000000"),
            ("{tag: bekasi, min_count: 1}", "{tag: bekasi, min_count: 9223372036854775807}",
             "rules.quotas[0].min_count: found 9223372036854775807"),
            ("time_limit: 10", "time_limit: 1e300", "solver.time_limit: found 1e+300"),
        ]
        for (old, new, expected) in cases {
            let errors = Self.errors(try Self.tutorial((old, new)))
            let error = errors.first { $0.contains(expected) }
            #expect(error?.hasPrefix("t.yaml:") == true && error?.contains("expected a") == true, "\(new): \(errors)")
        }
    }

    @Test func aFirmWorthTooMuchIsRefused() throws {
        let errors = Self.errors(try Self.tutorial(("per_worker: 1,", "per_worker: 10000,"), ("workers: 14", "workers: 1000000")))
        #expect(errors == [
            "t.yaml:53:5: error: firms[0]: firm \"F1\" is worth 10000000026 points by rules.placement_value; expected at "
                + "most 1e6 in size (fewer workers, turnover or priority, or smaller weights)"
        ])
    }

    // MARK: - Item 4: the work of loading

    /// A merge bomb: each level merges nine copies of the one before.
    static func mergeBomb(levels: Int) -> String {
        var lines = ["sectors:", "  - &m0 {id: a, label: b, zones: [z]}"]
        for i in 1...levels {
            lines.append("  - &m\(i) {<<: [" + Array(repeating: "*m\(i - 1)", count: 9).joined(separator: ", ") + "]}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func mergeBombsAreRefusedAtTheMergeKeyWithinTheBudget() throws {
        // 9^7 ≈ 4.8 M merged pairs: refused at the alias that passes the budget of copied values, before composing.
        let errors = Self.errors(Self.mergeBomb(levels: 7))
        #expect(errors == [
            "t.yaml:7:30: error: found aliases and merge keys copying more than 250000 values in all; expected fewer "
                + "or smaller aliases (each alias counts every value it copies)"
        ])
        // An alias as a key (Yams would hash the whole copy while composing) is refused.
        #expect(Self.errors("a: &a [1, 2]\n? *a\n: 1\n") == ["t.yaml:2:3: error: found an alias as a key; expected a key name"])
        // Written values count too: a document of more than the budget is refused while scanning.
        #expect(throws: YAMLInput.Problem.self) { try YAMLInput.scan("[" + String(repeating: "1, ", count: 600) + "1]", limit: 500) }
        // The budget counts every value produced: a small budget stops a small bomb after that many steps.
        let root = try #require(try Yams.compose(yaml: Self.mergeBomb(levels: 3)))
        #expect(throws: YAMLInput.Problem.self) { try YAMLInput.expand(root, limit: 500) }
        let expanded = try YAMLInput.expand(root, limit: 10_000)
        let third = try #require(YAMLNodes.value(of: "sectors", in: expanded)?.sequence?[3])
        #expect(third.mapping?.keys.map(\.string) == ["id", "label", "zones"])
    }

    @Test func manyKeysAreBoundedByTheBudget() throws {
        let yaml = (0..<2_000).map { "k\($0): \($0)" }.joined(separator: "\n")
        let root = try #require(try Yams.compose(yaml: yaml))
        do {
            _ = try YAMLInput.expand(root, limit: 1_000)
            Issue.record("expanded past the budget")
        } catch {
            #expect(error.line == 500)  // the 1,001st value: the mapping, then 499 pairs, then the 500th key and value
        }
    }

    @Test func mergedValuesStillReadAsBefore() throws {
        let yaml = """
            base: &b {x: 1, y: 2}
            other: &o {y: 20, z: 30}
            m: {<<: [*b, *o], x: 10}
            """
        let root = try YAMLInput.expand(try #require(try Yams.compose(yaml: yaml)))
        let m = try #require(YAMLNodes.value(of: "m", in: root))
        #expect(YAMLNodes.value(of: "x", in: m)?.scalar?.string == "10")
        #expect(YAMLNodes.value(of: "y", in: m)?.scalar?.string == "2")  // earlier mapping in the list wins
        #expect(YAMLNodes.value(of: "z", in: m)?.scalar?.string == "30")
        #expect(throws: YAMLInput.Problem.self) {
            try YAMLInput.expand(try #require(try Yams.compose(yaml: "m: {<<: 5}")))
        }
    }

    // MARK: - Item 11: positions and text

    @Test func nonUTF8IsReportedAtTheFirstBadByte() {
        let bytes = Array("metadata:\n  name: ab".utf8) + [0xFF, 0xFE] + Array("cd\n".utf8)
        let e = Self.error(bytes: bytes)
        #expect(e?.kind == .unreadable)
        #expect(e?.diagnostics.first?.headline
            == "t.yaml:2:11: error: found the byte 0xFF, not UTF-8 text; expected a UTF-8 file (re-save it as UTF-8)")
        // A truncated multi-byte sequence at the end of a line.
        let cut = Array("a: é".utf8).dropLast()
        #expect(Self.error(bytes: Array(cut))?.diagnostics.first?.column == 4)
    }

    @Test func tabsSayTab() {
        let e = ScenarioLoaderTests.error("metadata:\n  name: x\n\t  label: y\n")
        #expect(e?.diagnostics.first?.message.contains("tab") == true)
    }

    @Test func controlCharactersAreEscapedInSnippetsAndMessages() {
        let e = ScenarioLoaderTests.error("metadata:\n  name: [\u{1B}[2J\n")
        let text = e?.description ?? ""
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        #expect(text.contains("\\u{1b}[2J"))
        // A key name with an escape sequence, reported as an unknown key.
        let unknown = ScenarioLoaderTests.errors("metadata: {name: a, \"x\\e]0;pwned\\a\": 1}\n")
        #expect(!unknown.isEmpty)
        #expect(unknown.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 } })
        #expect(TerminalText.escaped("F1 \u{1B}[2J\u{9B}x\nnext", keepingNewlines: true) == "F1 \\u{1b}[2J\\u{9b}x\nnext")
    }

    @Test func libyamlInternalsDoNotLeak() {
        let deep = String(repeating: "[", count: 1_100) + String(repeating: "]", count: 1_100)
        let message = ScenarioLoaderTests.error(deep)?.description ?? ""
        #expect(!message.contains("yaml_set_max_nest_level"))
        #expect(message.contains("nested more than 1000 levels deep"))
    }

    @Test func longKeysGetAnAccurateMessage() {
        let yaml = "metadata:\n  " + String(repeating: "k", count: 1_100) + ": 1\n"
        let message = ScenarioLoaderTests.error(yaml)?.diagnostics.first?.message ?? ""
        #expect(message == "syntax: found a key of more than 1024 characters; expected a key of at most 1024 characters")
    }

    @Test func explicitTagsAreRefusedWithAPosition() throws {
        let str = Self.errors(try Self.tutorial(("area: 2000 ", "area: !!str 2000 ")))
        #expect(str == [
            "t.yaml:21:13: error: found the YAML tag \"!!str\"; expected a value without a tag (plotalloc reads plain "
                + "values by their key's type)"
        ])
        let null = Self.errors(try Self.tutorial(("area: 2000 ", "area: !!null 2000 ")))
        #expect(null.count == 1 && null.first?.contains("\"!!null\"") == true)
        #expect(Self.errors(try Self.tutorial(("name: Tutorial cluster", "name: !custom Tutorial cluster"))).count == 1)
        // Every explicit tag is refused, even one that says what the value is anyway, and on keys and collections.
        #expect(Self.errors(try Self.tutorial(("area: 2000 ", "area: !!int 2000 "))).count == 1)
        #expect(Self.errors(try Self.tutorial(("site:", "!!str site:"))).count == 1)
        #expect(Self.errors(try Self.tutorial(("zones: [heavy]}", "zones: !!seq [heavy]}"))).count == 1)
    }
}
