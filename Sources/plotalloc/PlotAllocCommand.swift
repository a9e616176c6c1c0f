import ArgumentParser
import Foundation
import PlotAllocSupport

/// The `plotalloc` command line: allocate plots of an industrial cluster to firms with an integer program.
@main
struct PlotAllocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plotalloc",
        abstract: "Allocate the plots of an industrial cluster to firms, as an integer program solved with GLPK.",
        version: PlotAllocVersion.current,
        subcommands: [
            CheckCommand.self, SolveCommand.self, ExportCommand.self, GenerateCommand.self, ScoreCommand.self,
            CompareCommand.self, BenchCommand.self,
        ]
    )

    /// Runs the command line like argument-parser's `main()`, except that a usage error (unknown option, bad
    /// option value, missing argument) is one line on standard error,
    /// `plotalloc SUBCOMMAND: error: what is wrong (see 'plotalloc SUBCOMMAND --help')`, with exit status 64.
    ///
    /// Help and version requests print as usual; the commands' own errors (already printed, thrown as
    /// `ExitCode`) keep their status.
    ///
    /// SIGINT, SIGTERM and SIGHUP are taken over first (``StopSignals``); SIGPIPE is ignored (a reader that goes
    /// away ends the report quietly, ``CLIOutput/report(_:)``). A command that succeeded but could not write its
    /// report to standard output (a full disk) exits with status 1.
    ///
    /// A closed standard input, output or error is first reopened on /dev/null: otherwise the next file or event
    /// descriptor opened (a temporary output file, libdispatch's own) would take its number, and the report would
    /// be written into it.
    static func main() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 {
            let null = open("/dev/null", O_RDWR)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
        }
        StopSignals.shared.install()
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
            if CLIOutput.standardOutputFailed { Foundation.exit(ExitStatus.failure.rawValue) }
        } catch let code as ExitCode {
            if code == .success && CLIOutput.standardOutputFailed { Foundation.exit(ExitStatus.failure.rawValue) }
            exit(withError: code)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }   // --help, --version
            let arguments = CommandLine.arguments.dropFirst()
            let names = configuration.subcommands.compactMap { $0.configuration.commandName }
            let command = arguments.first.flatMap { names.contains($0) ? "plotalloc \($0)" : nil } ?? "plotalloc"
            let message = message(for: error)
                .split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
                .joined(separator: "; ")
            CLIOutput.error("\(command): error: \(message) (see '\(command) --help')")
            Foundation.exit(code.rawValue)
        }
    }
}
