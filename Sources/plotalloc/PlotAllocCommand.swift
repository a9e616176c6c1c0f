import ArgumentParser
import PlotAlloc

/// The `plotalloc` command line: allocate plots of an industrial cluster to firms with an integer program.
@main
struct PlotAllocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plotalloc",
        abstract: "Allocate the plots of an industrial cluster to firms, as an integer program solved with GLPK.",
        version: "0.1.0",
        subcommands: [BenchCommand.self]
    )
}
