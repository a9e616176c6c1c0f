import ArgumentParser
import Foundation
import GLPKBackend
import Estate
import Allocation

/// `plotalloc export FILE --lp OUT | --mps OUT`: the scenario's integer program for another solver.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a scenario's integer program as a CPLEX LP or free MPS file.",
        discussion: """
            The model is exactly the one `solve` hands to GLPK (maximise; its objective constant is carried as a \
            column fixed at 1), so any solver reading the file reports the same optimal score. MPS has no objective \
            sense: read it as a maximisation (`glpsol --freemps OUT --max`). Files are written whole or not at all.

            Exit status: 0 written; 1 the file could not be written; 2 invalid input (the scenario, or an \
            output path in a missing directory or naming a directory); 64 usage error.
            """)

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(name: .long, help: "Write the model in CPLEX LP format to this file.")
    var lp: String?

    @Option(name: .long, help: "Write the model in free MPS format to this file.")
    var mps: String?

    func validate() throws {
        if lp == nil && mps == nil { throw ValidationError("give --lp OUT or --mps OUT (or both)") }
    }

    func run() throws {
        try CLIOutput.checkWritable(lp, option: "--lp")
        try CLIOutput.checkWritable(mps, option: "--mps")
        let scenario: Scenario
        do throws(ScenarioError) {
            scenario = try ScenarioLoader.load(path: file)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        let formulation = Formulation.build(scenario)
        let solver = GLPKSolver()
        for (path, format) in [(lp, ModelFileFormat.cplexLP), (mps, .freeMPS)] {
            guard let path else { continue }
            do throws(GLPKError) {
                try solver.write(formulation.model, format: format, to: path)
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(1)
            }
            let m = formulation.model
            print("wrote \(path): \(m.variables.count) variables (\(m.integerVariableCount) binary), "
                + "\(m.constraints.count) constraints, \(m.nonZeroCount) non-zeros")
        }
    }
}
