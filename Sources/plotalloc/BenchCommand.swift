import ArgumentParser
import Foundation
import MIPModel
import GLPKBackend
import Benchmarks

/// `plotalloc bench`: measure plotalloc on scenarios (`scenario`), generated estates (`estates`) and standard
/// instances (`gap`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure plotalloc's solver on benchmark instances.",
        subcommands: [BenchScenarioCommand.self, BenchEstatesCommand.self, GAP.self],
        defaultSubcommand: BenchScenarioCommand.self
    )
}

extension BenchCommand {
    /// `plotalloc bench gap FILE… --sense max|min`: solve OR-Library generalized assignment problems and check them.
    struct GAP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gap",
            abstract: "Solve OR-Library generalized assignment problems through plotalloc's GLPK backend.",
            discussion: """
                Reads files with several problems (gap1–gap12, gapa–gapd) or one problem (Yagiura's type E), builds \
                the binary assignment model, solves it with a heuristic start and checks every solution \
                independently. Text output compares with the published optima in optima.tsv (found beside each file \
                or in its parent folder, or given with --optima).
                """
        )

        @Argument(help: "OR-Library GAP files.")
        var files: [String]

        @Option(help: "Optimisation sense: max or min.")
        var sense: String

        @Option(help: "Time limit per problem in seconds (covers model building, heuristic and solve).")
        var timeLimit: Double?

        @Flag(help: "Print one JSON object per line and per problem.")
        var json = false

        @Option(help: "A table of published optima (instance, problem, sense, optimum, status; tab-separated).")
        var optima: String?

        @Option(help: .hidden)
        var exportDir: String?

        @Option(help: .hidden)
        var branching: String?

        @Option(help: .hidden)
        var backtracking: String?

        @Option(help: ArgumentHelp("Comma-separated cut families, or 'all' or 'none'.", visibility: .hidden),
                transform: CutSelection.parse)
        var cuts: CutSelection?

        @Flag(help: .hidden)
        var noStart = false

        @Flag(help: .hidden)
        var noPresolve = false

        @Flag(help: .hidden)
        var glpkDefaults = false

        @Flag(help: .hidden)
        var proximity = false

        @Flag(help: .hidden)
        var pump = false

        @Option(help: .hidden)
        var heuristicShare: Double = 0.05

        @Option(help: .hidden)
        var stallFactor: Int = 10

        func validate() throws {
            guard sense == "max" || sense == "min" else { throw ValidationError("--sense must be max or min") }
            if let t = timeLimit, !(t > 0 && t.isFinite) {
                throw ValidationError("--time-limit must be a positive number of seconds")
            }
            if let b = branching, BranchingRule(rawValue: b) == nil {
                throw ValidationError("--branching must be one of "
                    + BranchingRule.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if let b = backtracking, BacktrackingRule(rawValue: b) == nil {
                throw ValidationError("--backtracking must be one of "
                    + BacktrackingRule.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }

        var options: GLPKOptions {
            var o = glpkDefaults ? GLPKOptions.glpkDefaults : GAPBenchmark.tunedOptions(timeLimit: nil)
            o.timeLimit = timeLimit
            if let b = branching.flatMap(BranchingRule.init(rawValue:)) { o.branching = b }
            if let b = backtracking.flatMap(BacktrackingRule.init(rawValue:)) { o.backtracking = b }
            if let cuts { o.cuts = Set(cuts.families) }
            if noPresolve { o.presolve = false }
            if proximity { o.proximitySearch = true }
            if pump { o.feasibilityPump = true }
            return o
        }

        func run() throws {
            let objectiveSense: ObjectiveSense = sense == "max" ? .maximize : .minimize
            // Read and validate everything before any solve.
            var instances: [GAPInstance] = []
            var tables: [String: GAPOptima] = [:]
            var optimaOf: [String: String] = [:]
            do {
                if let optima { tables[optima] = try GAPOptima.read(path: optima) }
                for file in files {
                    let read = try GAPReader.read(path: file)
                    instances += read
                    if optima == nil, let found = Self.optimaFile(near: file) {
                        if tables[found] == nil { tables[found] = try GAPOptima.read(path: found) }
                        optimaOf[read[0].name] = found
                    } else if let optima {
                        optimaOf[read[0].name] = optima
                    }
                }
            } catch {
                CLIOutput.error("\(error)")
                throw ExitStatus.invalidInput
            }
            if let dir = exportDir {
                do {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    let writer = GLPKSolver()
                    for instance in instances {
                        let model = GAPModel(instance: instance, sense: objectiveSense).model
                        // The LP file for glpsol, HiGHS and SCIP; the MPS file (a maximisation negated, with a note)
                        // for CP-SAT, which reads MPS.
                        let base = (dir as NSString).appendingPathComponent("\(instance.name)-\(instance.problem)")
                        try writer.write(model, format: .cplexLP, to: base + ".lp")
                        try writer.write(model, format: .freeMPS, to: base + ".mps")
                    }
                } catch {
                    CLIOutput.error("\(dir): error: --export-dir: cannot export the models (\(CLIOutput.reason(error))); "
                        + "expected a writable folder")
                    throw ExitStatus.invalidInput
                }
            }

            let bench = GAPBenchmark(options: options, useStart: !noStart, heuristicShare: heuristicShare,
                                     stallFactor: stallFactor)
            var results: [GAPBenchmarkResult] = []
            if !json { CLIOutput.report(Self.header + "\n") }
            for instance in instances {
                let result: GAPBenchmarkResult
                do {
                    result = try bench.run(instance, sense: objectiveSense)
                } catch {
                    CLIOutput.error("plotalloc bench gap: error: \(error)")
                    throw ExitStatus.failure
                }
                results.append(result)
                let published = optimaOf[instance.name].flatMap {
                    tables[$0]?.entry(instance: instance.name, problem: instance.problem, sense: objectiveSense)
                }
                CLIOutput.report((json ? result.jsonLine : Self.row(result, published: published)) + "\n")
                fflush(nil)
            }
            if !json { CLIOutput.report(Self.summary(results, tables: tables, optimaOf: optimaOf) + "\n") }
        }

        /// `optima.tsv` in the file's folder or its parent, if it exists.
        static func optimaFile(near file: String) -> String? {
            let dir = URL(fileURLWithPath: file).deletingLastPathComponent()
            for candidate in [dir, dir.deletingLastPathComponent()] {
                let path = candidate.appendingPathComponent("optima.tsv").path
                if FileManager.default.fileExists(atPath: path) { return path }
            }
            return nil
        }

        static let header = pad(["instance", "prob", "size", "status", "objective", "bound", "published", "match",
                                 "gap %", "seconds", "nodes", "stopped"])

        static let widths = [9, 4, 7, 11, 9, 10, 10, 6, 7, 8, 7, 10]

        /// Columns holding numbers, right-aligned.
        static let numeric: Set<Int> = [1, 4, 5, 6, 8, 9, 10]

        static func pad(_ cells: [String]) -> String {
            cells.enumerated().map { k, cell in
                let fill = String(repeating: " ", count: max(0, widths[k] - cell.count))
                return numeric.contains(k) ? fill + cell : cell + fill
            }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        }

        static func row(_ r: GAPBenchmarkResult, published: GAPOptima.Entry?) -> String {
            let bound = r.bound.map { $0 == $0.rounded() ? String(Int($0)) : String(format: "%.2f", $0) } ?? "-"
            var match = "-"
            var gap = "-"
            if let p = published {
                if let o = r.objective {
                    let better = r.sense == .maximize ? o > p.value : o < p.value
                    match = o == p.value ? "yes" : better ? "better" : "no"
                    gap = String(format: "%.2f", Double(abs(o - p.value)) / Double(max(abs(p.value), 1)) * 100)
                } else {
                    match = "no"
                }
            }
            return pad([r.instance, "\(r.problem)", "\(r.agents)x\(r.jobs)", r.status.rawValue,
                        r.objective.map(String.init) ?? "-", bound,
                        published.map { "\($0.value)" + ($0.proven ? "" : "*") } ?? "-", match, gap,
                        String(format: "%.2f", r.seconds), "\(r.nodes)", r.stopped ?? ""])
        }

        static func summary(_ results: [GAPBenchmarkResult], tables: [String: GAPOptima],
                            optimaOf: [String: String]) -> String {
            let total = results.reduce(0) { $0 + $1.seconds }
            let optimal = results.filter { $0.status == .optimal }.count
            var known = 0, matched = 0
            for r in results {
                guard let p = optimaOf[r.instance].flatMap({
                    tables[$0]?.entry(instance: r.instance, problem: r.problem, sense: r.sense)
                }) else { continue }
                known += 1
                if r.objective == p.value { matched += 1 }
            }
            return "\(results.count) problems: \(optimal) optimal, \(matched) of \(known) at the published value"
                + String(format: ", %.2f s in total", total) + " (* best known, not proven optimal)"
        }
    }
}
