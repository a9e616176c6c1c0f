import Foundation
import Testing
import Yams
@testable import Estate

/// Exact texts of the loader's diagnostics, file by file and error class by error class.
@Suite struct ScenarioLoaderTests {
    // MARK: - Helpers

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let tutorial = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/tutorial.yaml")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func text(_ name: String) throws -> String { try String(contentsOfFile: fixture(name), encoding: .utf8) }

    /// The base fixture with each `(old, new)` replacement applied once; fails the test if `old` is absent.
    static func base(_ edits: (String, String)...) throws -> String {
        var yaml = try text("base.yaml")
        for (old, new) in edits {
            #expect(yaml.contains(old), "base.yaml has no \(old)")
            if let r = yaml.range(of: old) { yaml.replaceSubrange(r, with: new) }
        }
        return yaml
    }

    /// The headline of every diagnostic loading `yaml` as `base.yaml`; empty when it loads.
    static func errors(_ yaml: String) -> [String] {
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: "base.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.headline)
        }
    }

    /// The error of loading `yaml`; `nil` when it loads.
    static func error(_ yaml: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: "base.yaml")
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Valid files

    @Test func tutorialLoadsAndChecksClean() throws {
        let scenario = try ScenarioLoader.load(path: Self.tutorial.path)
        try ScenarioLoader.check(scenario)
        #expect(scenario.site.plots.count == 6)
        #expect(scenario.firms.count == 8)
        #expect(scenario.closeness.sectors.contains { $0.rating == .x })
        #expect(scenario.closeness.sectors.contains { $0.rating == .a })
        #expect(scenario.firms.filter(\.isIncumbent).map(\.id) == ["F2"])
        #expect(!scenario.rules.quotas.isEmpty)

        let summary = ScenarioSummary(scenario: scenario)
        #expect(summary.counts.applicants == 6)
        #expect(summary.counts.incumbents == 1)
        #expect(summary.counts.sharedFacilities == 1)
        #expect(summary.sectorPairsByRating == ["A": 1, "E": 0, "I": 1, "O": 0, "U": 0, "X": 1])
        #expect(summary.firmPairsByRating["E"] == 1)
        let phase = try #require(summary.phases.first)
        #expect(phase.plotArea == 1300)
        #expect(phase.shares.map(\.share) == [0.65, 0.11, 0.1, 0.08])
        #expect(phase.shares.map(\.status) == ["ok", "ok", "ok", "ok"])
        #expect(phase.unassignedArea == 120)
        // B2 feeds the foundry's only plot (90 kVA) and the plater's only plot (40 kVA): 130 > 120, it binds.
        #expect(summary.powerBlocks.map(\.maxDemandKVA) == [85, 165])
        #expect(summary.powerBlocks.map(\.capacityKVA) == [100, 120])
        #expect(summary.firmsWithoutPlot.map(\.id) == ["F6"])
        #expect(summary.firmsWithoutPlot.first?.reasons == ["needs 150–180 m², the smallest plot open to its sector is 200 m²"])
    }

    /// A scenario written by Yams' encoder (as the generator writes them) loads back unchanged.
    @Test func encodedScenarioRoundTrips() throws {
        let scenario = try ScenarioLoader.load(path: Self.tutorial.path)
        let yaml = try YAMLEncoder().encode(scenario)
        #expect(try ScenarioLoader.load(yaml: yaml, file: "encoded.yaml") == scenario)
    }

    @Test func baseFixtureLoads() throws {
        #expect(Self.errors(try Self.text("base.yaml")) == [])
    }

    @Test func minimalFileTakesDefaults() throws {
        let s = try ScenarioLoader.load(path: Self.fixture("minimal.yaml"))
        let firm = try #require(s.firms.first)
        #expect(firm.name == "F1")
        #expect(firm.kind == .firm)
        #expect(firm.workers == 0)
        #expect(!firm.required && !firm.needsMainRoad && firm.incumbentPlot == nil && firm.tags.isEmpty)
        #expect(s.rules.incumbents == .fixed)
        #expect(s.rules.ratingWeights == RatingWeights())
        #expect(s.rules.placementValue == PlacementWeights())
        #expect(s.solver == SolverSettings())
        #expect(s.metadata.units == Metadata.Units())
        #expect(s.closeness == ClosenessChart())
    }

    @Test func nullOptionalKeyCountsAsAbsent() throws {
        let s = try ScenarioLoader.load(
            yaml: try Self.base(("rent: 50000}", "rent: ~}")), file: "base.yaml")
        #expect(s.site.plots[1].rent == nil)
    }

    @Test func mergeKeysAndAnchorsWork() throws {
        let yaml = try Self.base(
            ("  - {id: F1, sector: machining, area: {min: 150, max: 250}, workers: 12, power_kva: 30}",
             "  - &f1 {id: F1, sector: machining, area: {min: 150, max: 250}, workers: 12, power_kva: 30}\n"
                + "  - {<<: *f1, id: F3}"))
        let s = try ScenarioLoader.load(yaml: yaml, file: "base.yaml")
        #expect(s.firms.map(\.id) == ["F1", "F3", "F2"])
        #expect(s.firms[1].workers == 12)
    }

    // MARK: - Reading and syntax

    @Test func missingFileAndDirectory() {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "/nonexistent/x.yaml") }
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/x.yaml")
        } catch {
            #expect(error.kind == .unreadable)
            #expect(error.description == "/nonexistent/x.yaml: error: found no such file; expected a readable YAML file")
        }
        do {
            _ = try ScenarioLoader.load(path: Self.fixtures.path)
        } catch {
            #expect(error.description == "\(Self.fixtures.path): error: found a directory; expected a YAML file")
        }
    }

    @Test func syntaxErrorKeepsPositionAndCaret() throws {
        let path = Self.fixture("syntax-error.yaml")
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("loaded a broken file")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.description == """
                \(path):5:3: error: syntax: did not find expected ',' or ']' (while parsing a flow sequence at 4:11)
                  zones: []
                  ^
                """)
        }
    }

    @Test func tabIndentationIsASyntaxError() {
        let e = Self.error("metadata:\n\tname: x\n")
        #expect(e?.kind == .syntax)
        #expect(e?.description == """
            base.yaml:2:1: error: syntax: found a tab in the indentation; expected spaces (YAML does not allow tabs \
            for indentation)
            \tname: x
            ^
            """)
    }

    @Test func duplicateKey() {
        #expect(Self.error("metadata:\n  name: a\n  name: b\n")?.description == """
            base.yaml:2:3: error: duplicate key "name" in one mapping; expected each key once
              name: a
              ^
            """)
    }

    @Test func emptyAndScalarDocuments() {
        #expect(Self.errors("") == [
            "base.yaml:1:1: error: <root>: found an empty document; expected a mapping with metadata, site, sectors, "
                + "firms and rules",
        ])
        #expect(Self.errors("# only a comment\n").count == 1)
        #expect(Self.errors("hello\n") == ["base.yaml:1:1: error: <root>: found \"hello\"; expected a mapping"])
        #expect(Self.errors("- a\n") == ["base.yaml:1:1: error: <root>: found a list; expected a mapping"])
    }

    @Test func longLinesAreCutInSnippets() {
        let e = Self.error(String(repeating: "[", count: 2000))
        #expect(e?.kind == .syntax)
        let lines = e?.description.split(separator: "\n") ?? []
        #expect(lines.count == 3)
        #expect(lines.dropFirst().allSatisfy { $0.unicodeScalars.count <= YAMLNodes.snippetWidth + 2 })
    }

    // MARK: - Shape

    @Test func wrongTypes() throws {
        #expect(Self.errors(try Self.base(("area: 200, x: 0", "area: ten, x: 0"))) == [
            "base.yaml:11:33: error: site.plots[0].area: found \"ten\"; expected a number"
        ])
        #expect(Self.errors(try Self.base(("workers: 12,", "workers: 12.5,"))) == [
            "base.yaml:22:70: error: firms[0].workers: found \"12.5\"; expected a whole number"
        ])
        #expect(Self.errors(try Self.base(("area: {min: 150, max: 250}", "area: 150"))) == [
            "base.yaml:22:39: error: firms[0].area: found \"150\"; expected a mapping"
        ])
        #expect(Self.errors(try Self.base(("tags: [bekasi]", "tags: bekasi"))) == [
            "base.yaml:23:80: error: firms[1].tags: found \"bekasi\"; expected a list"
        ])
        #expect(Self.errors(try Self.base(("{id: B1, capacity_kva: 100}", "{id: B1, capacity_kva: }"))) == [
            "base.yaml:9:30: error: site.power_blocks[0].capacity_kva: found nothing; expected a number"
        ])
        #expect(Self.errors(try Self.base(("metadata: {name: Base}", "metadata: {name: [Base]}"))) == [
            "base.yaml:1:18: error: metadata.name: found a list; expected a string"
        ])
        // A quoted number is a string, as Yams decodes it.
        #expect(Self.errors(try Self.base(("area: 200, x: 0", "area: \"200\", x: 0"))) == [
            "base.yaml:11:33: error: site.plots[0].area: found \"200\"; expected a number"
        ])
    }

    @Test func unknownKeys() throws {
        #expect(Self.errors(try Self.base(("{id: F1, sector: machining", "{id: F1, secter: machining"))) == [
            "base.yaml:22:5: error: firms[0].sector: missing; expected a string",
            "base.yaml:22:14: error: firms[0].secter: unknown key \"secter\"; did you mean \"sector\"?",
        ])
        #expect(Self.errors(try Self.base(("solver: {time_limit: 5", "solver: {colour: red, time_limit: 5"))) == [
            "base.yaml:29:10: error: solver.colour: unknown key \"colour\"; expected one of time_limit, gap, presolve, "
                + "cuts, feasibility_pump, proximity_search, branching, backtracking, warm_start, block_bound, work_limit, seed, "
                + "lottery_seed"
        ])
        #expect(Self.errors(try Self.base(("rules:", "rulez:"))).first
            == "base.yaml:1:1: error: rules: missing; expected a mapping")
        #expect(Self.errors(try Self.base(("rules:", "rulez:"))).last
            == "base.yaml:24:1: error: rulez: unknown key \"rulez\"; did you mean \"rules\"?")
    }

    @Test func missingKeys() throws {
        #expect(Self.errors(try Self.base(("rules:\n  adjacency_distance: 25\n", "rules:\n"))) == [
            "base.yaml:25:3: error: rules.adjacency_distance: missing; expected a number"
        ])
        #expect(Self.errors(try Self.base(("{id: P1, phase: p1, ", "{id: P1, "))) == [
            "base.yaml:11:7: error: site.plots[0].phase: missing; expected a string"
        ])
        #expect(Self.errors(try Self.base(("  quotas:", "  incumbents: {policy: movable}\n  quotas:"))) == [
            "base.yaml:27:15: error: rules.incumbents.move_penalty: missing; expected a number when policy is movable"
        ])
    }

    @Test func enumValues() throws {
        #expect(Self.errors(try Self.base(("frontage: main", "frontage: mian"))) == [
            "base.yaml:11:75: error: site.plots[0].frontage: found \"mian\"; expected one of main, local "
                + "(did you mean \"main\"?)"
        ])
        #expect(Self.errors(try Self.base(("rating: A}", "rating: Z}"))) == [
            "base.yaml:18:42: error: closeness.sectors[0].rating: found \"Z\"; expected one of A, E, I, O, U, X"
        ])
        #expect(Self.errors(try Self.base(("rating: A}", "rating: a}"))) == [
            "base.yaml:18:42: error: closeness.sectors[0].rating: found \"a\"; expected one of A, E, I, O, U, X "
                + "(did you mean \"A\"?)"
        ])
        #expect(Self.errors(try Self.base(("power_kva: 30}", "power_kva: 30, kind: facility}"))) == [
            "base.yaml:22:95: error: firms[0].kind: found \"facility\"; expected one of firm, shared_facility"
        ])
        #expect(Self.errors(try Self.base(("gap: 0.01}", "gap: 0.01, cuts: [gomory, mirr], branching: pseudo}"))) == [
            "base.yaml:29:51: error: solver.cuts[1]: found \"mirr\"; expected one of gomory, mir, cover, clique "
                + "(did you mean \"mir\"?)",
            "base.yaml:29:69: error: solver.branching: found \"pseudo\"; expected one of first_fractional, "
                + "last_fractional, most_fractional, driebeck_tomlin, pseudo_cost",
        ])
        #expect(Self.errors(try Self.base(("  quotas:", "  incumbents: {policy: fluid}\n  quotas:"))) == [
            "base.yaml:27:24: error: rules.incumbents.policy: found \"fluid\"; expected one of fixed, movable"
        ])
    }

    @Test func manyShapeErrorsInOneFile() throws {
        let path = Self.fixture("shape-errors.yaml")
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("loaded a broken file")
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.omitted == 0)
            #expect(error.description == """
                \(path):3:3: error: metadata.colour: unknown key "colour"; expected one of name, description, units
                \(path):10:30: error: site.power_blocks[0].capacity_kva: found "lots"; expected a number
                \(path):12:75: error: site.plots[0].frontage: found "mian"; expected one of main, local (did you mean "main"?)
                \(path):14:46: error: sectors[0].zones: found "general"; expected a list
                \(path):17:44: error: closeness.sectors[0].rating: found "Q"; expected one of A, E, I, O, U, X
                \(path):19:5: error: firms[0].sector: missing; expected a string
                \(path):20:5: error: firms[0].secter: unknown key "secter"; did you mean "sector"?
                \(path):22:14: error: firms[0].workers: found "12.5"; expected a whole number
                \(path):23:22: error: firms[0].needs_main_road: found "maybe"; expected true or false
                \(path):25:3: error: rules.separation_distance: missing; expected a number
                \(path):26:15: error: rules.incumbents.move_penalty: missing; expected a number when policy is movable
                """)
        }
    }

    @Test func errorsAreCappedWithANote() throws {
        let plots = (0..<70).map { "    - {id: Q\($0), phase: p1, area: big, x: 0, y: 0, zone: general, frontage: main, power_block: B1}" }
        let yaml = try Self.base(("  plots:\n", "  plots:\n" + plots.joined(separator: "\n") + "\n"))
        let e = try #require(Self.error(yaml))
        #expect(e.diagnostics.count == ScenarioLoader.maxErrors)
        #expect(e.omitted == 20)
        #expect(e.diagnostics.first?.headline == "base.yaml:11:33: error: site.plots[0].area: found \"big\"; expected a number")
        #expect(e.description.hasSuffix("\nbase.yaml: note: 20 more errors not shown"))
    }

    @Test func aliasBombStopsAtTheNodeLimit() {
        let n = 1100
        let yaml = "t: &T [" + (0..<n).map { "t\($0)" }.joined(separator: ", ") + "]\n"
            + "f: &F {id: F, sector: s, area: {min: 1, max: 2}, tags: *T}\n"
            + "firms: [" + Array(repeating: "*F", count: n).joined(separator: ", ") + "]\n"
        let e = Self.error(yaml)
        #expect(e?.diagnostics.contains { $0.message.hasPrefix("found aliases and merge keys copying more than 250000") } == true)
    }

    /// The fallback for a decoding error the shape check did not foresee: its coding path, mapped through the node
    /// tree, gives the position.
    @Test func decodingErrorsMapBackToPositions() throws {
        let yaml = "plots:\n  - {id: P1, phase: p, area: ten, x: 0, y: 0, zone: z, frontage: main, power_block: B}\n"
        let root = try #require(try Yams.compose(yaml: yaml))
        do {
            _ = try YAMLDecoder().decode([String: [Plot]].self, from: root)
            Issue.record("decoded a bad plot")
        } catch {
            let d = ScenarioLoader.decodingDiagnostic(error, root: root, file: "x.yaml")
            #expect(d.headline == "x.yaml:2:30: error: plots[0].area: found \"ten\"; expected Double")
        }
    }

    /// Random damage to the tutorial never crashes the loader: it loads or throws a ScenarioError with a message.
    @Test func damagedFilesNeverCrash() throws {
        let original = Array(try String(contentsOf: Self.tutorial, encoding: .utf8).unicodeScalars)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let noise: [Unicode.Scalar] = [":", "-", "[", "]", "{", "}", "\t", "\n", " ", "&", "*", "!", "'", "\"", "#", "x", "9", ".", "é"]
        var failures = 0
        for _ in 0..<300 {
            var text = original
            for _ in 0..<(1 + next(4)) {
                let i = next(text.count)
                switch next(3) {
                case 0: text.remove(at: i)
                case 1: text.insert(noise[next(noise.count)], at: i)
                default: text[i] = noise[next(noise.count)]
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text)
            do {
                _ = try ScenarioLoader.load(yaml: String(view), file: "fuzz.yaml")
            } catch {
                failures += 1
                #expect(!error.diagnostics.isEmpty)
                #expect(error.description.hasPrefix("fuzz.yaml"))
            }
        }
        #expect(failures > 0)
    }

    @Test func hugeNumbersDoNotTrapInTheSummary() throws {
        var s = try ScenarioLoader.load(path: Self.fixture("base.yaml"))
        s.site.phases[0].area = 1e300
        s.site.plots[0].area = 1e299
        s.firms[0].area = AreaRange(min: 1e301, max: 1e302)
        let summary = ScenarioSummary(scenario: s)
        #expect(summary.text.contains("1e+300 m²"))
        #expect(summary.firmsWithoutPlot.first?.reasons.first?.hasPrefix("needs 1e+301–1e+302 m²") == true)
    }

    // MARK: - Semantic checks

    @Test func duplicateIDs() throws {
        #expect(Self.errors(try Self.base(("{id: P2, phase", "{id: P1, phase"))) == [
            "base.yaml:12:12: error: site.plots[1].id: duplicate plot id \"P1\" (first at site.plots[0]); expected a unique id"
        ])
        #expect(Self.errors(try Self.base(("{id: F2, sector", "{id: F1, sector"))).first
            == "base.yaml:20:18: error: closeness.firms[0].b: unknown firm \"F2\"; expected one of F1")
        #expect(Self.errors(try Self.base(("{id: F2, sector", "{id: F1, sector"))).contains(
            "base.yaml:23:10: error: firms[1].id: duplicate firm id \"F1\" (first at firms[0]); expected a unique id"))
        #expect(Self.errors(try Self.base(("{id: heavy}", "{id: general}"))).first
            == "base.yaml:7:12: error: site.zones[1].id: duplicate zone id \"general\" (first at site.zones[0]); expected a unique id")
        #expect(Self.errors(try Self.base(("{id: foundry, label", "{id: machining, label"))).first
            == "base.yaml:15:10: error: sectors[1].id: duplicate sector id \"machining\" (first at sectors[0]); expected a unique id")
        let phases = try Self.base(("    - {id: p1, area: 1000", "    - {id: p1, area: 10}\n    - {id: p1, area: 1000"))
        #expect(Self.errors(phases).contains(
            "base.yaml:5:12: error: site.phases[1].id: duplicate phase id \"p1\" (first at site.phases[0]); expected a unique id"))
        let blocks = try Self.base(("{id: B1, capacity_kva: 100}", "{id: B1, capacity_kva: 100}\n    - {id: B1, capacity_kva: 5}"))
        #expect(Self.errors(blocks) == [
            "base.yaml:10:12: error: site.power_blocks[1].id: duplicate power block id \"B1\" (first at site.power_blocks[0]); "
                + "expected a unique id"
        ])
        #expect(Self.errors(try Self.base(("{id: P2, phase", "{id: \"\", phase"))) == [
            "base.yaml:12:12: error: site.plots[1].id: found \"\"; expected a non-empty plot id"
        ])
    }

    @Test func unknownReferences() throws {
        #expect(Self.errors(try Self.base(("{id: F1, sector: machining", "{id: F1, sector: machinng"))) == [
            "base.yaml:22:22: error: firms[0].sector: unknown sector \"machinng\"; did you mean \"machining\"?"
        ])
        #expect(Self.errors(try Self.base(("{id: F1, sector: machining", "{id: F1, sector: painting"))) == [
            "base.yaml:22:22: error: firms[0].sector: unknown sector \"painting\"; expected one of machining, foundry"
        ])
        #expect(Self.errors(try Self.base(("phase: p1, area: 200", "phase: p2, area: 200"))) == [
            "base.yaml:11:23: error: site.plots[0].phase: unknown phase \"p2\"; expected one of p1"
        ])
        #expect(Self.errors(try Self.base(("zone: heavy, frontage", "zone: hevy, frontage"))) == [
            "base.yaml:12:57: error: site.plots[1].zone: unknown zone \"hevy\"; did you mean \"heavy\"?"
        ])
        #expect(Self.errors(try Self.base(("main, power_block: B1}", "main, power_block: B2}"))) == [
            "base.yaml:11:94: error: site.plots[0].power_block: unknown power block \"B2\"; expected one of B1"
        ])
        #expect(Self.errors(try Self.base(("zones: [heavy]}", "zones: [heavy, clean]}"))) == [
            "base.yaml:15:50: error: sectors[1].zones[1]: unknown zone \"clean\"; expected one of general, heavy"
        ])
        #expect(Self.errors(try Self.base(("{a: foundry, b: machining", "{a: foundry, b: welding"))) == [
            "base.yaml:18:23: error: closeness.sectors[0].b: unknown sector \"welding\"; expected one of machining, foundry"
        ])
        #expect(Self.errors(try Self.base(("{a: F1, b: F2", "{a: F7, b: F2"))) == [
            "base.yaml:20:11: error: closeness.firms[0].a: unknown firm \"F7\"; expected one of F1, F2"
        ])
        #expect(Self.errors(try Self.base(("power_kva: 30}", "power_kva: 30, incumbent_plot: P9}"))) == [
            "base.yaml:22:105: error: firms[0].incumbent_plot: unknown plot \"P9\"; expected one of P1, P2"
        ])
        #expect(Self.errors(try Self.base(("{tag: bekasi,", "{tag: bekasii,"))) == [
            "base.yaml:28:13: error: rules.quotas[0].tag: unknown tag \"bekasii\"; did you mean \"bekasi\"?"
        ])
        #expect(Self.errors(try Self.base(("{tag: bekasi,", "{sector: welding,"))) == [
            "base.yaml:28:16: error: rules.quotas[0].sector: unknown sector \"welding\"; expected one of machining, foundry"
        ])
    }

    @Test func numbersOutOfRange() throws {
        #expect(Self.errors(try Self.base(("area: 200, x: 0", "area: -200, x: 0"))) == [
            "base.yaml:11:33: error: site.plots[0].area: found -200; expected a number > 0 and ≤ 1e8"
        ])
        #expect(Self.errors(try Self.base(("area: 200, x: 0", "area: 200, x: .nan"))) == [
            "base.yaml:11:41: error: site.plots[0].x: found .nan; expected a number from -1e7 to 1e7"
        ])
        #expect(Self.errors(try Self.base(("{id: B1, capacity_kva: 100}", "{id: B1, capacity_kva: 0}"))) == [
            "base.yaml:9:30: error: site.power_blocks[0].capacity_kva: found 0; expected a number > 0 and ≤ 1e7"
        ])
        #expect(Self.errors(try Self.base(("rent: 50000}", "rent: -1}"))) == [
            "base.yaml:12:104: error: site.plots[1].rent: found -1; expected a number from 0 to 1e9"
        ])
        #expect(Self.errors(try Self.base(("workers: 12,", "workers: -3,"))) == [
            "base.yaml:22:70: error: firms[0].workers: found -3; expected a whole number from 0 to 1e6"
        ])
        #expect(Self.errors(try Self.base(("power_kva: 60,", "power_kva: -.inf,"))) == [
            "base.yaml:23:70: error: firms[1].power_kva: found -.inf; expected a number from 0 to 1e7"
        ])
        #expect(Self.errors(try Self.base(("adjacency_distance: 25", "adjacency_distance: 0"))) == [
            "base.yaml:25:23: error: rules.adjacency_distance: found 0; expected a number > 0 and ≤ 1e6"
        ])
        #expect(Self.errors(try Self.base(("{time_limit: 5, gap: 0.01}", "{time_limit: .inf, gap: 1}"))) == [
            "base.yaml:29:22: error: solver.time_limit: found .inf; expected a number > 0 and ≤ 1e6",
            "base.yaml:29:33: error: solver.gap: found 1; expected a number ≥ 0 and < 1",
        ])
        #expect(Self.errors(try Self.base(("{tag: bekasi, min_count: 1}", "{tag: bekasi, min_share: 1.5}"))) == [
            "base.yaml:28:32: error: rules.quotas[0].min_share: found 1.5; expected a number from 0 to 1"
        ])
        #expect(Self.errors(try Self.base(("  quotas:", "  incumbents: {policy: movable, move_penalty: -5}\n  quotas:"))) == [
            "base.yaml:27:47: error: rules.incumbents.move_penalty: found -5; expected a number from 0 to 1e6"
        ])
        #expect(Self.errors(try Self.base(("  quotas:", "  rating_weights: {X: .nan}\n  quotas:"))) == [
            "base.yaml:27:23: error: rules.rating_weights.X: found .nan; expected a number from -10000 to 10000"
        ])
    }

    @Test func areaMinAboveMax() throws {
        #expect(Self.errors(try Self.base(("area: {min: 150, max: 250}", "area: {min: 400, max: 250}"))) == [
            "base.yaml:22:45: error: firms[0].area.min: min 400 is above max 250; expected min ≤ max"
        ])
    }

    @Test func units() throws {
        #expect(Self.errors(try Self.base(("{name: Base}", "{name: Base, units: {area: ha, money: USD}}"))) == [
            "base.yaml:1:38: error: metadata.units.area: found \"ha\"; expected m2",
            "base.yaml:1:49: error: metadata.units.money: found \"USD\"; expected IDR",
        ])
    }

    @Test func phaseSmallerThanItsLand() throws {
        #expect(Self.errors(try Self.base(("{id: p1, area: 1000,", "{id: p1, area: 700,"))) == [
            "base.yaml:4:22: error: site.phases[0].area: found 700; expected at least 780, the area of its plots and other land"
        ])
    }

    @Test func ratingsTwiceAndSelfPairs() throws {
        let twice = try Self.base(("    - {a: foundry, b: machining, rating: A}",
                                   "    - {a: foundry, b: machining, rating: A}\n    - {a: machining, b: foundry, rating: X}"))
        #expect(Self.errors(twice) == [
            "base.yaml:19:42: error: closeness.sectors[1].rating: machining–foundry rated X here and A at "
                + "closeness.sectors[0]; expected one rating per pair"
        ])
        let same = try Self.base(("    - {a: foundry, b: machining, rating: A}",
                                  "    - {a: foundry, b: machining, rating: A}\n    - {a: machining, b: foundry, rating: A}"))
        #expect(Self.errors(same) == [])
        let selfSector = try Self.base(("    - {a: foundry, b: machining, rating: A}", "    - {a: foundry, b: foundry, rating: X}"))
        #expect(Self.errors(selfSector) == [])
        #expect(Self.errors(try Self.base(("{a: F1, b: F2", "{a: F1, b: F1"))) == [
            "base.yaml:20:18: error: closeness.firms[0].b: firm \"F1\" paired with itself; expected two different firms"
        ])
    }

    @Test func incumbents() throws {
        // F2 (foundry, 250–350 m²) on P1 (general zone, 200 m²): not eligible.
        #expect(Self.errors(try Self.base(("power_kva: 60,", "power_kva: 60, incumbent_plot: P1,"))) == [
            "base.yaml:23:90: error: firms[1].incumbent_plot: firm \"F2\" may not take its plot \"P1\": plot is 200 m², "
                + "below the minimum 250 m², zone general is not open to sector foundry; expected a plot it is eligible for"
        ])
        let two = try Self.base(
            ("area: {min: 150, max: 250}", "area: {min: 150, max: 300}"),
            ("power_kva: 30}", "power_kva: 30, incumbent_plot: P2}"),
            ("power_kva: 60,", "power_kva: 60, incumbent_plot: P2,"))
        #expect(Self.errors(two) == [
            "base.yaml:23:90: error: firms[1].incumbent_plot: plot \"P2\" is already held by incumbent \"F1\" (firms[0]); "
                + "expected one incumbent per plot"
        ])
        // F1 (max 250 m²) on P2 (300 m²).
        let f1 = try Self.base(
            ("power_kva: 30}", "power_kva: 30, incumbent_plot: P2}"),
            ("area: {min: 150, max: 250}", "area: {min: 150, max: 300}"))
        #expect(Self.errors(f1) == [])
    }

    @Test func quotas() throws {
        #expect(Self.errors(try Self.base(("{tag: bekasi, min_count: 1}", "{sector: foundry, tag: bekasi, min_count: 1}"))) == [
            "base.yaml:28:7: error: rules.quotas[0]: found both sector and tag; expected exactly one of them"
        ])
        #expect(Self.errors(try Self.base(("{tag: bekasi, min_count: 1}", "{min_count: 1}"))) == [
            "base.yaml:28:7: error: rules.quotas[0]: found neither sector nor tag; expected exactly one of them"
        ])
        #expect(Self.errors(try Self.base(("{tag: bekasi, min_count: 1}", "{tag: bekasi}"))) == [
            "base.yaml:28:7: error: rules.quotas[0]: found neither min_count nor min_share; expected at least one of them"
        ])
    }

    @Test func emptyLists() throws {
        #expect(Self.errors(try Self.base(("zones: [heavy]}", "zones: []}"))) == [
            "base.yaml:15:42: error: sectors[1].zones: found an empty list; expected at least one zone id"
        ])
        #expect(Self.errors(try Self.base(("  power_blocks:\n    - {id: B1, capacity_kva: 100}\n", "  power_blocks: []\n"))) == [
            "base.yaml:8:17: error: site.power_blocks: found an empty list; expected at least one power block",
            "base.yaml:10:94: error: site.plots[0].power_block: unknown power block \"B1\"; expected one of the power blocks, "
                + "but there are none",
            "base.yaml:11:94: error: site.plots[1].power_block: unknown power block \"B1\"; expected one of the power "
                + "blocks, but there are none",
        ])
    }

    @Test func semanticErrorsAreAllReportedInFileOrder() throws {
        let yaml = try Self.base(
            ("{name: Base}", "{name: Base, units: {distance: km}}"),
            ("zone: heavy, frontage", "zone: hevy, frontage"),
            ("{id: F1, sector: machining", "{id: F1, sector: machinng"),
            ("{tag: bekasi, min_count: 1}", "{tag: bekasi}"))
        #expect(Self.errors(yaml) == [
            "base.yaml:1:42: error: metadata.units.distance: found \"km\"; expected m",
            "base.yaml:12:57: error: site.plots[1].zone: unknown zone \"hevy\"; did you mean \"heavy\"?",
            "base.yaml:22:22: error: firms[0].sector: unknown sector \"machinng\"; did you mean \"machining\"?",
            "base.yaml:28:7: error: rules.quotas[0]: found neither min_count nor min_share; expected at least one of them",
        ])
    }

    // MARK: - Scenarios built in code

    @Test func checkWithoutPositions() throws {
        var s = try ScenarioLoader.load(path: Self.fixture("base.yaml"))
        s.firms[0].sector = "welding"
        s.firms[1].area = AreaRange(min: 0, max: 300)
        do {
            try ScenarioLoader.check(s)
            Issue.record("accepted an invalid scenario")
        } catch {
            #expect(error.description == """
                <scenario>: error: firms[0].sector: unknown sector "welding"; expected one of machining, foundry
                <scenario>: error: firms[1].area.min: found 0; expected a number > 0 and ≤ 1e8
                """)
        }
    }

    // MARK: - Summary explanations

    @Test func whyNoPlot() throws {
        var s = try ScenarioLoader.load(path: Self.fixture("base.yaml"))
        s.firms = [
            Firm(id: "A", name: "Too big", sector: "machining", area: AreaRange(min: 600, max: 800), workers: 1,
                 turnover: 0, powerKVA: 0),
            Firm(id: "B", name: "Main road", sector: "foundry", area: AreaRange(min: 100, max: 400), workers: 1,
                 turnover: 0, powerKVA: 0, needsMainRoad: true),
            Firm(id: "C", name: "Cheap", sector: "foundry", area: AreaRange(min: 100, max: 400), workers: 1,
                 turnover: 0, powerKVA: 0, maxRent: 40000),
            Firm(id: "D", name: "Both", sector: "machining", area: AreaRange(min: 250, max: 400), workers: 1,
                 turnover: 0, powerKVA: 0, needsMainRoad: true),
            Firm(id: "E", name: "Fits", sector: "machining", area: AreaRange(min: 100, max: 400), workers: 1,
                 turnover: 0, powerKVA: 0),
        ]
        s.sectors.append(Sector(id: "clean", label: "Clean", zones: ["clean"]))
        s.firms.append(Firm(id: "G", name: "Nowhere", sector: "clean", area: AreaRange(min: 1, max: 1000), workers: 1,
                            turnover: 0, powerKVA: 0, required: true))
        let reasons = Dictionary(uniqueKeysWithValues: ScenarioSummary(scenario: s).firmsWithoutPlot.map { ($0.id, $0.reasons) })
        #expect(reasons["A"] == ["needs 600–800 m², the largest plot open to its sector is 300 m²"])
        #expect(reasons["B"] == ["needs main-road frontage, and no main-road plot is in a zone open to foundry"])
        #expect(reasons["C"] == ["can pay at most 40,000 IDR/m² a year, and the cheapest plot open to its sector costs 50,000"])
        #expect(reasons["D"] == ["no single plot open to its sector meets all of its needs together: 250–400 m², main-road frontage"])
        #expect(reasons["E"] == nil)
        #expect(reasons["G"] == ["its sector clean may use zone clean, and no plot is in it"])
        #expect(ScenarioSummary(scenario: s).firmsWithoutPlot.first { $0.id == "G" }?.mustBePlaced == true)
    }

    @Test func landUseAgainstNorms() throws {
        var s = try ScenarioLoader.load(path: Self.fixture("base.yaml"))
        s.site.phases[0].area = 600
        s.site.phases[0].otherLand = Phase.OtherLand(roads: 100, green: 0, facilities: 0)
        let phase = try #require(ScenarioSummary(scenario: s).phases.first)
        #expect(phase.shares.map(\.status) == ["above", "below", "above", "below"])
        #expect(LandUseNorm.all.map(\.text) == ["≤ 70 %", "≥ 10 %", "8–12 %", "6–12 %"])
        #expect(LandUseNorm.roads.status(of: 0.1204) == "ok")
        #expect(LandUseNorm.roads.status(of: 0.1206) == "above")
    }

    // MARK: - Suggestions

    @Test func didYouMean() {
        #expect(DidYouMean.suggestion(for: "secter", among: ["id", "sector", "name"]) == "sector")
        #expect(DidYouMean.suggestion(for: "mian", among: ["main", "local"]) == "main")
        #expect(DidYouMean.suggestion(for: "a", among: ["A", "E"]) == "A")
        #expect(DidYouMean.suggestion(for: "Z", among: ["A", "E"]) == nil)
        #expect(DidYouMean.suggestion(for: "colour", among: ["time_limit", "gap"]) == nil)
        #expect(DidYouMean.suggestion(for: "sector", among: ["sector"]) == nil)
        #expect(DidYouMean.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
        #expect(DidYouMean.distance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
    }

    // MARK: - Documentation

    static func docs() throws -> String {
        try String(
            contentsOf: tutorial.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("docs/scenario-format.md"),
            encoding: .utf8)
    }

    /// The annotated example in docs/scenario-format.md (its first yaml block) loads and uses every key.
    @Test func documentedExampleLoads() throws {
        let docs = try Self.docs()
        let start = try #require(docs.range(of: "```yaml\n"))
        let end = try #require(docs.range(of: "\n```", range: start.upperBound..<docs.endIndex))
        let yaml = String(docs[start.upperBound..<end.lowerBound])
        let s = try ScenarioLoader.load(yaml: yaml, file: "scenario-format.md")
        #expect(s.rules.incumbents == .movable(movePenalty: 20))
        #expect(s.solver.cuts == [.mir, .cover, .clique])
        #expect(s.firms.first?.incumbentPlot == "P2")
    }

    /// Every key of the format appears in docs/scenario-format.md as a full path, e.g. `firms[].area.min`.
    @Test func everyKeyIsDocumented() throws {
        let docs = try Self.docs()
        var missing: [String] = []
        func walk(_ schema: KeySchema, _ path: String) {
            switch schema {
            case .object(let o):
                for f in o.fields {
                    let p = path.isEmpty ? f.key : path + "." + f.key
                    if !docs.contains("`\(p)`") { missing.append(p) }
                    walk(f.schema, p)
                }
            case .list(let element):
                walk(element, path + "[]")
            default:
                break
            }
        }
        walk(.scenario, "")
        #expect(missing == [])
    }
}
