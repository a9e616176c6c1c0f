import ArgumentParser
import Foundation
import Estate

/// `plotalloc generate`: writes a synthetic estate scenario, or one of the bundled Bekasi scenarios, as YAML.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic estate scenario (the shape of the Bekasi expansion) of any size, as YAML.",
        discussion: """
            The same --firms, --plots and --seed always give the same file. About a quarter of the plots form \
            phase 1, held by incumbents; the rest are the expansion. With --preset, writes one of the bundled \
            Bekasi scenarios instead (scenarios/bekasi-phase1.yaml, scenarios/bekasi-expansion.yaml).

            Phases that follow each other: --phase1 writes a synthetic estate's phase 1 alone; solve it \
            (solve --output phase1-layout.json) and pass the layout with --incumbents to write the full estate \
            with phase 1 as solved standing (its placed firms are the incumbents, the others apply again). \
            --preset bekasi-expansion already uses phase 1's optimal layout; --incumbents replaces it.

            --output - (or none) writes to standard output; a device or FIFO is written through; a regular file \
            is replaced whole.

            Exit status: 0 written; 1 the file (or standard output) could not be written, a full disk included; \
            2 an output path in a missing directory, naming a directory, read-only or otherwise unwritable; 64 \
            usage error (e.g. a size out of range); 129/130/143 SIGHUP/SIGINT/SIGTERM (no file left).
            """
    )

    /// The bundled scenarios the generator can reproduce.
    enum Preset: String, ExpressibleByArgument, CaseIterable {
        case bekasiPhase1 = "bekasi-phase1"
        case bekasiExpansion = "bekasi-expansion"
    }

    @Option(help: "Number of firms, shared facilities and incumbents included (16…20000).")
    var firms: Int?

    @Option(help: "Number of plots (12…20000).")
    var plots: Int?

    @Option(help: "Seed of the pseudo-random generator (default 1).")
    var seed: UInt64?

    @Option(help: "Write a bundled Bekasi scenario instead: bekasi-phase1 or bekasi-expansion.")
    var preset: Preset?

    @Option(name: .long, help: ArgumentHelp(
        "A layout of phase 1 (e.g. phase 1 as solved) as the incumbents of the full estate.", valueName: "layout"))
    var incumbents: String?

    @Flag(name: .long, help: "Write the synthetic estate's phase 1 alone (no incumbents).")
    var phase1 = false

    @Option(name: .shortAndLong, help: "File to write (written whole, through a temporary file); stdout when absent.")
    var output: String?

    func validate() throws {
        if preset == .bekasiPhase1 && incumbents != nil {
            throw ValidationError("--incumbents: phase 1 has no incumbents; use it with bekasi-expansion or a synthetic estate")
        }
        if phase1 && (preset != nil || incumbents != nil) {
            throw ValidationError("--phase1: only for a synthetic estate, without --preset and --incumbents")
        }
        if preset != nil {
            guard firms == nil, plots == nil, seed == nil else {
                throw ValidationError("--preset fixes the size and the seed; leave out --firms, --plots and --seed")
            }
            return
        }
        guard let firms, let plots else { throw ValidationError("give --firms and --plots (or --preset)") }
        do {
            _ = try ScenarioGenerator(firms: firms, plots: plots, seed: seed ?? 1)
        } catch {
            throw ValidationError("--\(error.description)")
        }
    }

    func run() throws {
        try CLIOutput.checkOutputs([("--output", output)], inputs: [], standardOutputIsFree: true)
        let generated: GeneratedScenario
        if let incumbents {
            let standing: Layout
            do throws(LayoutFileError) {
                standing = try LayoutDocument.read(path: incumbents).layout
            } catch {
                CLIOutput.error(error.description)
                throw ExitStatus.invalidInput
            }
            do throws(ScenarioGeneratorError) {
                generated = preset == .bekasiExpansion
                    ? try ScenarioGenerator.bekasiExpansion(standing: standing)
                    : try ScenarioGenerator(firms: firms!, plots: plots!, seed: seed ?? 1).generate(standing: standing)
            } catch {
                CLIOutput.error("\(incumbents): error: --\(error.description)")
                throw ExitStatus.invalidInput
            }
        } else {
            switch preset {
            case .bekasiPhase1: generated = ScenarioGenerator.bekasiPhase1()
            case .bekasiExpansion: generated = ScenarioGenerator.bekasiExpansion()
            case nil:
                let generator = try ScenarioGenerator(firms: firms!, plots: plots!, seed: seed ?? 1)
                generated = phase1 ? generator.generatePhase1() : generator.generate()
            }
        }
        let writer = ScenarioWriter(header: generated.notes)
        let text = try writer.yaml(for: generated.scenario)
        if let output {
            try CLIOutput.write(text, to: output)
        } else {
            CLIOutput.report(text)
        }
    }
}
