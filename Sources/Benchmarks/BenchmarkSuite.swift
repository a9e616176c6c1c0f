import Foundation
import PlotAllocSupport
import Estate

/// One case of the Swift benchmark target (`plotalloc-benchmarks`): a bundled scenario file, or an estate
/// `plotalloc generate --firms F --plots P --seed S` would write.
public struct BenchmarkCase: Sendable, Hashable {
    /// Where the case's scenario comes from.
    public enum Source: Sendable, Hashable {
        /// A scenario file, relative to the repository's root (or absolute).
        case file(String)
        /// A generated estate.
        case generated(firms: Int, plots: Int, seed: UInt64)
    }

    /// The case's name in reports and baselines (`expansion`, `shape-s3`, `small-32x24-s9`, `estate-800`).
    public var name: String
    /// Where its scenario comes from.
    public var source: Source

    /// A case.
    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    /// What the case is, for reports: the file's path, or `generate --firms F --plots P --seed S`.
    public var label: String {
        switch source {
        case .file(let path): return path
        case .generated(let firms, let plots, let seed): return "generate --firms \(firms) --plots \(plots) --seed \(seed)"
        }
    }

    /// The scenario file to solve: the bundled file under `root`, or the generated estate written (whole, through a
    /// temporary file) into `folder` as `NAME.yaml`.
    ///
    /// - Throws: ``ScenarioGeneratorError`` for sizes outside the generator's ranges; a file system error when the
    ///   estate cannot be written. A missing bundled file is not checked here (the run reports it).
    public func scenarioFile(root: URL, folder: URL) throws -> String {
        switch source {
        case .file(let path):
            return path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
        case .generated(let firms, let plots, let seed):
            let generated = try ScenarioGenerator(firms: firms, plots: plots, seed: seed).generate()
            let file = folder.appendingPathComponent("\(name).yaml")
            try AtomicFile.write(try ScenarioWriter(header: generated.notes).yaml(for: generated.scenario), to: file)
            return file.path
        }
    }
}

/// The named sets of cases the Swift benchmark target runs: the benchmark scenarios of benchmarks/README.md and of
/// the performance targets (issue 15).
public enum BenchmarkSuite: String, CaseIterable, Sendable {
    /// The bundled expansion case alone (the design card's benchmark).
    case expansion
    /// The three bundled scenarios: tutorial, phase 1, expansion.
    case bundled
    /// The expansion and ten generated estates of its shape (140 firms, 96 plots), seeds 1–10.
    case shapes
    /// The small cases: tutorial, phase 1, the 50-firm estate (seed 1), ten 32-firm, 24-plot estates (seeds 1–10).
    case small
    /// Generated estates of 800 and 1,600 firms (expansion's proportion of plots), seed 1.
    case sizes

    /// The bundled tutorial scenario.
    public static let tutorial = BenchmarkCase(name: "tutorial", source: .file("scenarios/tutorial.yaml"))
    /// The bundled phase-1 scenario.
    public static let phase1 = BenchmarkCase(name: "phase1", source: .file("scenarios/bekasi-phase1.yaml"))
    /// The bundled expansion case.
    public static let expansionCase = BenchmarkCase(name: "expansion", source: .file("scenarios/bekasi-expansion.yaml"))

    /// The estate of the expansion's shape (``EstateBenchmark/referenceFirms`` firms, as many plots as the
    /// expansion) with the given seed.
    public static func shape(seed: UInt64) -> BenchmarkCase {
        BenchmarkCase(name: "shape-s\(seed)", source: .generated(
            firms: EstateBenchmark.referenceFirms, plots: EstateBenchmark.referencePlots, seed: seed))
    }

    /// The estate of `firms` firms with the expansion's proportion of plots (``EstateBenchmark/plots(forFirms:)``).
    public static func estate(firms: Int, seed: UInt64 = 1) -> BenchmarkCase {
        BenchmarkCase(name: seed == 1 ? "estate-\(firms)" : "estate-\(firms)-s\(seed)",
                      source: .generated(firms: firms, plots: EstateBenchmark.plots(forFirms: firms), seed: seed))
    }

    /// The suite's cases, in the order they run.
    public var cases: [BenchmarkCase] {
        switch self {
        case .expansion:
            return [Self.expansionCase]
        case .bundled:
            return [Self.tutorial, Self.phase1, Self.expansionCase]
        case .shapes:
            return [Self.expansionCase] + (1...10).map { Self.shape(seed: UInt64($0)) }
        case .small:
            return [Self.tutorial, Self.phase1, Self.estate(firms: 50)] + (1...10).map {
                BenchmarkCase(name: "small-32x24-s\($0)", source: .generated(firms: 32, plots: 24, seed: UInt64($0)))
            }
        case .sizes:
            return [Self.estate(firms: 800), Self.estate(firms: 1_600)]
        }
    }
}
