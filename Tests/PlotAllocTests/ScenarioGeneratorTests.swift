import Foundation
import Testing
import Yams
@testable import PlotAllocSupport
@testable import Estate

/// The scenario generator, the YAML writer and the bundled Bekasi scenarios.
@Suite struct ScenarioGeneratorTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let phase1Path = repository.appendingPathComponent("scenarios/bekasi-phase1.yaml").path
    static let expansionPath = repository.appendingPathComponent("scenarios/bekasi-expansion.yaml").path

    static func yaml(_ g: GeneratedScenario) throws -> String {
        try ScenarioWriter(header: g.notes).yaml(for: g.scenario)
    }

    // MARK: - Determinism and round trip

    @Test func sameSeedGivesIdenticalYAML() throws {
        let a = try ScenarioGenerator(firms: 60, plots: 40, seed: 7).generate()
        let b = try ScenarioGenerator(firms: 60, plots: 40, seed: 7).generate()
        #expect(try Self.yaml(a) == Self.yaml(b))
        #expect(a.witness == b.witness)
    }

    @Test func differentSeedsGiveDifferentEstates() throws {
        let a = try ScenarioGenerator(firms: 60, plots: 40, seed: 7).generate()
        let b = try ScenarioGenerator(firms: 60, plots: 40, seed: 8).generate()
        #expect(a.scenario.site.plots != b.scenario.site.plots)
        #expect(a.scenario.firms != b.scenario.firms)
        #expect(try Self.yaml(a) != Self.yaml(b))
    }

    @Test func seededGeneratorIsTheSplitMix64Sequence() {
        // First outputs of SplitMix64 seeded with 1234567 (reference values of the published algorithm).
        var rng = SeededGenerator(seed: 1_234_567)
        #expect(rng.next() == 6_457_827_717_110_365_317)
        #expect(rng.next() == 3_203_168_211_198_807_973)
        #expect(rng.next() == 9_817_491_932_198_370_423)
    }

    @Test(arguments: [(16, 12), (60, 40), (150, 100)])
    func generatedScenarioRoundTrips(firms: Int, plots: Int) throws {
        let g = try ScenarioGenerator(firms: firms, plots: plots, seed: 11).generate()
        let text = try Self.yaml(g)
        let decoded = try YAMLDecoder().decode(Scenario.self, from: text)
        #expect(decoded == g.scenario)
        let loaded = try ScenarioLoader.load(yaml: text, file: "generated.yaml")
        #expect(loaded == g.scenario)
    }

    @Test func writerWritesNumbersPlainlyAndEntriesOnOneLine() throws {
        let g = try ScenarioGenerator(firms: 16, plots: 12, seed: 1).generate()
        let text = try ScenarioWriter(header: ["first", "", "third"]).yaml(for: g.scenario)
        #expect(text.hasPrefix("# first\n#\n# third\n\n"))
        #expect(!text.contains("e+"))
        let plotLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("  - {id: A01,") })
        #expect(plotLine.contains("phase: phase1"))
        #expect(plotLine.contains("depth: 20,"))
        let turnover = try #require(g.scenario.firms.first { $0.turnover > 0 }?.turnover)
        #expect(text.contains("turnover: \(Int64(turnover))\n"))
    }

    @Test func writerWritesTheFileWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("estate.yaml").path
        let g = try ScenarioGenerator(firms: 16, plots: 12, seed: 2).generate()
        try ScenarioWriter(header: g.notes).write(g.scenario, toFile: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.yaml(g))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["estate.yaml"])
        #expect(try ScenarioLoader.load(path: path) == g.scenario)
    }

    // MARK: - Counts and validity by construction

    @Test(arguments: [(16, 12), (50, 34), (100, 67), (200, 134), (400, 268)])
    func countsAreHonouredAndTheEstateIsValid(firms: Int, plots: Int) throws {
        let g = try ScenarioGenerator(firms: firms, plots: plots, seed: 5).generate()
        let s = g.scenario
        #expect(s.firms.count == firms)
        #expect(s.site.plots.count == plots)
        try ScenarioLoader.check(s, file: "generated.yaml")
        let summary = ScenarioSummary(scenario: s)
        #expect(summary.firmsWithoutPlot.isEmpty)
        for phase in summary.phases {
            #expect(phase.shares.allSatisfy { $0.status == "ok" }, "\(phase.id): \(phase.shares)")
        }
        #expect(s.site.plots.allSatisfy { (150...400).contains($0.area) })
        let phaseOf = Dictionary(uniqueKeysWithValues: s.site.plots.map { ($0.id, $0.phase) })
        let incumbents = s.firms.filter(\.isIncumbent)
        #expect(!incumbents.isEmpty)
        #expect(incumbents.allSatisfy { phaseOf[$0.incumbentPlot!] == "phase1" })
        #expect(s.firms.filter { $0.kind == .sharedFacility }.allSatisfy { $0.required })
        #expect(s.closeness.sectors.contains { $0.rating == .x })
        let report = LayoutVerifier(scenario: s).verify(g.witness)
        #expect(report.violations.isEmpty, "\(report.violations.map(\.message))")
        for inc in incumbents { #expect(g.witness.plot(of: inc.id) == inc.incumbentPlot) }
    }

    @Test func neighboursAreAHandfulOfPlotsInTheSameStreetBlock() throws {
        let s = try ScenarioGenerator(firms: 200, plots: 134, seed: 9).generate().scenario
        let geometry = SiteGeometry(scenario: s)
        var degree = [Int](repeating: 0, count: s.site.plots.count)
        for pair in geometry.neighbours {
            degree[pair.p] += 1
            degree[pair.q] += 1
            let a = s.site.plots[pair.p], b = s.site.plots[pair.q]
            // One power block per street block: neighbours never face each other across a road.
            #expect(a.powerBlock == b.powerBlock, "\(a.id)–\(b.id)")
            #expect(a.y == b.y || abs(a.y - b.y) == 20, "\(a.id)–\(b.id)")
        }
        // Every plot with a side neighbour has it among its neighbours.
        for (i, a) in s.site.plots.enumerated() {
            for (j, b) in s.site.plots.enumerated() where i < j && a.y == b.y && a.powerBlock == b.powerBlock {
                if abs(abs(a.x - b.x) - (a.width! + b.width!) / 2) < 1e-9 {
                    #expect(geometry.areNeighbours(i, j), "\(a.id)–\(b.id)")
                }
            }
        }
        #expect(degree.max()! <= 6)
        #expect(Double(degree.reduce(0, +)) / Double(degree.count) <= 4)
    }

    @Test func outOfRangeCountsAreRefusedWithOneLine() {
        #expect(throws: ScenarioGeneratorError.firmsOutOfRange(15)) {
            try ScenarioGenerator(firms: 15, plots: 20, seed: 1)
        }
        #expect(throws: ScenarioGeneratorError.plotsOutOfRange(20_001)) {
            try ScenarioGenerator(firms: 100, plots: 20_001, seed: 1)
        }
        #expect(ScenarioGeneratorError.firmsOutOfRange(15).description == "firms: 15 is out of range; expected 16…20000")
    }

    // MARK: - The bundled Bekasi scenarios

    @Test func bundledBekasiFilesAreWhatThePresetsGenerate() throws {
        #expect(try String(contentsOfFile: Self.phase1Path, encoding: .utf8) == Self.yaml(ScenarioGenerator.bekasiPhase1()))
        #expect(
            try String(contentsOfFile: Self.expansionPath, encoding: .utf8)
                == Self.yaml(ScenarioGenerator.bekasiExpansion()))
    }

    static let metalSectors = [
        "foundry", "machining", "fabrication", "stamping", "plating", "coating", "tooldie", "assembly",
    ]

    @Test func bekasiPhase1MeetsTheIssue() throws {
        let s = try ScenarioLoader.load(path: Self.phase1Path)
        let summary = ScenarioSummary(scenario: s)
        #expect(s.site.phases.map(\.id) == ["phase1"])
        #expect(s.site.phases[0].area == 8_000)
        #expect((20...28).contains(s.site.plots.count))
        #expect(s.site.plots.allSatisfy { (150...400).contains($0.area) })
        #expect(summary.phases[0].shares.allSatisfy { $0.status == "ok" }, "\(summary.phases[0].shares)")
        #expect(summary.phases[0].plotArea <= 5_600)
        #expect(summary.phases[0].unassignedArea == 0)
        let applicants = s.firms.filter { $0.kind == .firm }
        #expect((35...50).contains(applicants.count))
        #expect(Set(applicants.map(\.sector)) == Set(Self.metalSectors))
        let facilities = s.firms.filter { $0.kind == .sharedFacility }
        #expect(Set(facilities.map(\.sector)) == ["training", "wastewater"])
        #expect(facilities.allSatisfy { $0.required })
        #expect(s.firms.allSatisfy { !$0.isIncumbent })
        let typical = applicants.filter { (10...15).contains($0.workers) }.count
        #expect(Double(typical) >= 0.7 * Double(applicants.count))
        #expect(applicants.contains { !(10...15).contains($0.workers) })
        #expect(applicants.allSatisfy { $0.turnover > 0 && $0.turnover <= 50e9 })
        #expect(s.closeness.sectors.allSatisfy { !($0.reason ?? "").isEmpty })
        #expect(s.closeness.firms.allSatisfy { !($0.reason ?? "").isEmpty })
        let lookup = ClosenessLookup(chart: s.closeness)
        #expect(lookup.sectorRating("foundry", "machining")?.rating == .a)
        #expect(lookup.sectorRating("plating", "wastewater")?.rating == .a)
        #expect(lookup.sectorRating("foundry", "training")?.rating == .x)
        #expect(lookup.sectorRating("foundry", "assembly")?.rating == .x)
        #expect(summary.firmsWithoutPlot.isEmpty)
        #expect(summary.powerBlocks.contains { $0.maxDemandKVA > $0.capacityKVA })
    }

    @Test func bekasiExpansionMeetsTheIssue() throws {
        let s = try ScenarioLoader.load(path: Self.expansionPath)
        let summary = ScenarioSummary(scenario: s)
        #expect(s.site.phases.map(\.id) == ["phase1", "expansion"])
        #expect(s.site.phases.map(\.area) == [8_000, 25_000])
        let expansionPlots = s.site.plots.filter { $0.phase == "expansion" }
        #expect(expansionPlots.count >= 70)
        #expect(s.site.plots.count >= 90)
        for phase in summary.phases {
            #expect(phase.shares.allSatisfy { $0.status == "ok" }, "\(phase.id): \(phase.shares)")
            #expect(phase.unassignedArea == 0)
        }
        #expect(s.firms.count >= 130)
        #expect(Double(s.firms.count) >= 1.3 * Double(s.site.plots.count))
        #expect(s.sectors.count >= 8)
        #expect(Set(s.sectors.map(\.id)).isSuperset(of: Self.metalSectors))
        #expect(s.closeness.sectors.count >= 15)
        #expect(s.closeness.sectors.filter { $0.rating == .x }.count >= 4)
        #expect(s.closeness.firms.count >= 20)
        #expect(s.rules.incumbents == .fixed)
        let incumbents = s.firms.filter(\.isIncumbent)
        let phase1IDs = Set(s.site.plots.filter { $0.phase == "phase1" }.map(\.id))
        #expect(incumbents.count >= 18)
        #expect(incumbents.allSatisfy { phase1IDs.contains($0.incumbentPlot!) })
        #expect(summary.firmsWithoutPlot.isEmpty)
        // Power binds: in every expansion block the eligible firms could draw more than the capacity.
        for block in summary.powerBlocks where block.id.hasPrefix("PB-B") {
            #expect(block.maxDemandKVA > block.capacityKVA, "\(block.id)")
        }
        // The phase-1 firms, plots and ratings are those of the phase-1 scenario.
        let phase1 = try ScenarioLoader.load(path: Self.phase1Path)
        #expect(Array(s.site.plots.prefix(phase1.site.plots.count)) == phase1.site.plots)
        let byID = Dictionary(uniqueKeysWithValues: s.firms.map { ($0.id, $0) })
        for f in phase1.firms {
            var g = try #require(byID[f.id])
            g.incumbentPlot = nil
            #expect(g == f)
        }
        #expect(Set(phase1.closeness.firms).isSubset(of: Set(s.closeness.firms)))
    }

    /// The presets carry the wastewater capacity and the housing buffer (docs/scenario-data.md), synthetic
    /// estates neither; the buffer binds in phase 1 and both witnesses keep both rules.
    @Test func bekasiPresetsCarryTheEnvironmentalRules() throws {
        let phase1 = try ScenarioLoader.load(path: Self.phase1Path)
        let expansion = try ScenarioLoader.load(path: Self.expansionPath)
        #expect(phase1.rules.wastewater?.units.map(\.id) == ["IPAL-1"])
        #expect(phase1.rules.wastewater?.units.map(\.capacityM3PerDay) == [30])
        #expect(expansion.rules.wastewater?.units.map(\.id) == ["IPAL-1", "IPAL-2"])
        #expect(expansion.rules.wastewater?.units.map(\.phases) == [["phase1"], ["expansion"]])
        for s in [phase1, expansion] {
            // Every plating and coating firm discharges (0.6 and 0.2 m³/day per worker), nobody else.
            let discharging = Set(s.rules.wastewater?.discharge.map(\.firm) ?? [])
            #expect(discharging == Set(s.firms.filter { ["plating", "coating"].contains($0.sector) }.map(\.id)))
            for d in s.rules.wastewater?.discharge ?? [] {
                let firm = try #require(s.firms.first { $0.id == d.firm })
                let rate = firm.sector == "plating" ? 0.6 : 0.2
                #expect(abs(d.m3PerDay - rate * Double(firm.workers)) <= 0.25, "\(d.firm)")
            }
            #expect(s.rules.buffers.map(\.id) == ["housing-west"])
            #expect(s.rules.buffers.first?.keepOut == [SensitivePlace.SectorBuffer(sector: "plating", distance: 50)])
        }
        // It binds: A20, where phase 1's first optimum put its plater, is 29 m from the housing.
        let plater = try #require(phase1.firms.first { $0.id == "F020" })
        let a20 = try #require(phase1.site.plots.first { $0.id == "A20" })
        #expect(plater.sector == "plating" && !Eligibility(scenario: phase1).mayTake(firm: plater, plot: a20))
        for generated in [ScenarioGenerator.bekasiPhase1(), ScenarioGenerator.bekasiExpansion()] {
            let report = LayoutVerifier(scenario: generated.scenario).verify(generated.witness)
            #expect(report.violations.isEmpty, "\(report.violations.map(\.message))")
        }
        let synthetic = try ScenarioGenerator(firms: 60, plots: 40, seed: 7).generate().scenario
        #expect(synthetic.rules.wastewater == nil && synthetic.rules.buffers.isEmpty)
    }

    @Test func incumbentsPhase1LayoutVerifiesClean() throws {
        let expansion = try ScenarioLoader.load(path: Self.expansionPath)
        let phase1 = try ScenarioLoader.load(path: Self.phase1Path)
        let incumbentLayout = Layout(
            assignments: Dictionary(
                uniqueKeysWithValues: expansion.firms.compactMap { f in f.incumbentPlot.map { (f.id, $0) } }))
        // As a layout of the phase-1 scenario: every rule kept, quotas included.
        let report1 = LayoutVerifier(scenario: phase1).verify(incumbentLayout)
        #expect(report1.violations.isEmpty, "\(report1.violations.map(\.message))")
        // In the expansion scenario the incumbents alone break no rule but leave the two new required
        // facilities unplaced.
        let reportAll = LayoutVerifier(scenario: expansion).verify(incumbentLayout)
        #expect(reportAll.violations.allSatisfy { $0.rule == .requiredUnplaced || $0.rule == .quota })
        #expect(reportAll.violations.filter { $0.rule == .requiredUnplaced }.count == 2)
        // The generator's witness (incumbents kept, applicants added) is a feasible expansion layout.
        let witness = ScenarioGenerator.bekasiExpansion().witness
        let report = LayoutVerifier(scenario: expansion).verify(witness)
        #expect(report.violations.isEmpty, "\(report.violations.map(\.message))")
        for (firm, plot) in incumbentLayout.assignments { #expect(witness.plot(of: firm) == plot) }
    }
}
