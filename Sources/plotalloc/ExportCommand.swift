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
            sense every reader accepts (GLPK's refuses OBJSENSE; the others minimise), so the MPS file holds the \
            NEGATED objective, as a minimisation, and says so in its first lines: a solver reading it reports \
            minus the score (`glpsol --freemps OUT` gives -1007.15 for phase 1's 1007.15). Files are written whole \
            or not at all; `-` (or /dev/stdout) writes to standard output, and the summary then goes to standard \
            error; a device or FIFO is written through.

            Exit status: 0 written; 1 the file could not be written (a full disk included); 2 invalid input (the \
            scenario, or an output path in a missing directory, naming a directory, read-only or in a folder that \
            takes no new file); 64 usage error (also an output that is the scenario file, or both outputs to one \
            file); 130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP (nothing left behind).
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
        let summaryToStandardError = try CLIOutput.checkOutputs([("--lp", lp), ("--mps", mps)], inputs: [file],
                                                                standardOutputIsFree: true)
        let scenario: Scenario
        do throws(ScenarioError) {
            scenario = try ScenarioLoader.load(path: file)
        } catch {
            CLIOutput.error(error.description)
            throw ExitStatus.invalidInput
        }
        let formulation = Formulation.build(scenario)
        let solver = GLPKSolver()
        for (path, format) in [(lp, ModelFileFormat.cplexLP), (mps, .freeMPS)] {
            guard let path else { continue }
            do throws(GLPKError) {
                try solver.write(formulation.model, format: format, to: path)
            } catch {
                CLIOutput.error(error.description)
                throw ExitStatus.failure
            }
            let m = formulation.model
            let summary = "wrote \(path): \(m.variables.count) variables (\(m.integerVariableCount) binary), "
                + "\(m.constraints.count) constraints, \(m.nonZeroCount) non-zeros"
            if summaryToStandardError { CLIOutput.error(summary) } else { CLIOutput.report(summary + "\n") }
        }
    }
}
