import Foundation
import MIPModel
import Estate

/// The integer program's size estimated from the scenario alone, before anything is formulated: so that `check`
/// can warn and `solve` can refuse a scenario whose model would not fit in memory or in any sensible time, naming
/// the key that makes it so (typically `rules.adjacency_distance` set far beyond the plots' spacing).
///
/// Costs one pass over the plot pairs (``SiteGeometry``) and at most ``eligibilitySample`` eligibility tests
/// (firms are sampled evenly beyond that and the counts scaled). The figures follow the formulation's rule
/// families (`docs/formulation.md`): assignment columns per eligible firm–plot pair; per neighbouring plot pair
/// the sector closeness columns (sectors present on each side, rated pairs only) and their transportation rows;
/// per too-close pair the separation rows; odd-cycle rows per triangle of neighbouring plots. They are estimates
/// (within a factor of about two on the bundled and generated scenarios, see `docs/reliability.md`), meant to
/// tell thousands of non-zeros from tens of millions.
public struct ModelSizeEstimate: Sendable, Hashable, Codable {
    /// The scenario key whose value drives most of the size.
    public enum Cause: String, Sendable, Hashable, Codable {
        /// Neighbouring plot pairs: closeness columns, rows and triangles.
        case adjacencyDistance = "rules.adjacency_distance"
        /// Too-close plot pairs: separation rows.
        case separationDistance = "rules.separation_distance"
        /// The number of firms and plots themselves (assignment columns and their rows).
        case size = "firms"
    }

    /// Estimated eligible firm–plot pairs (assignment columns).
    public var assignments: Int
    /// Neighbouring plot pairs (exact).
    public var neighbourPairs: Int
    /// Too-close plot pairs (exact).
    public var tooClosePairs: Int
    /// Estimated columns.
    public var variables: Int
    /// Estimated rows.
    public var rows: Int
    /// Estimated non-zero coefficients.
    public var nonzeros: Int
    /// Estimated peak memory of a solve in bytes (``bytesPerNonzero`` per non-zero: the model, GLPK's copy, the
    /// search's restrictions and the block bound's blocks).
    public var bytes: Double
    /// The key driving the size.
    public var cause: Cause
    /// Firms and plots in the scenario.
    public var firmCount: Int, plotCount: Int
    /// Candidate kavlings of the raw blocks (``SiteCandidates``: every cut the cutting rules allow whose area some
    /// firm's range admits), the exact candidate model's columns per firm that may take them; 0 without raw land.
    public var candidateKavlings: Int = 0
    /// How `solve` will cut the raw land: the exact candidate model when ``candidateKavlings`` is at most
    /// ``Allocator/exactCandidateLimit`` (by default), else the decomposition search; `nil` without raw land.
    public var rawLandMethod: AllocationResult.RawLandSummary.Method?

    /// Non-zeros above which `check` and `solve` warn (a model of this size takes GLPK minutes per LP here; the 1,600-firm generated estate has 3.3 M).
    public static let warningNonzeros = 10_000_000
    /// Bytes per non-zero of a solve's peak memory (measured: 26 M non-zeros took 4.4 GB).
    public static let bytesPerNonzero = 170.0
    /// Most eligibility tests made.
    public static let eligibilitySample = 400_000

    /// Estimates the model of `scenario` (its pre-cut plots: candidate sites of raw land and merging are not counted).
    public init(scenario: Scenario) {
        let plots = scenario.site.plots
        let firms = scenario.firms
        let geometry = SiteGeometry(scenario: scenario)
        let eligibility = Eligibility(scenario: scenario)
        var sectorIndex: [String: Int] = [:]
        for (i, s) in scenario.sectors.enumerated() where sectorIndex[s.id] == nil { sectorIndex[s.id] = i }
        let sectorCount = max(1, scenario.sectors.count)

        // Eligible firms and distinct sectors per plot, from an even sample of firms.
        let tests = max(1, firms.count * plots.count)
        let stride = max(1, Int((Double(tests) / Double(Self.eligibilitySample)).rounded(.up)))
        let scale = Double(stride)
        var eligibleOn = [Double](repeating: 0, count: plots.count)
        var sectorsOn = [Set<Int>](repeating: [], count: plots.count)
        for f in Swift.stride(from: 0, to: firms.count, by: stride) {
            for p in plots.indices where eligibility.mayTake(firm: firms[f], plot: plots[p]) {
                eligibleOn[p] += scale
                sectorsOn[p].insert(sectorIndex[firms[f].sector] ?? -1)
            }
        }
        let sigma = sectorsOn.map { Double($0.count) }

        // The share of sector pairs whose rating carries a weight, and of sectors rated X with some sector.
        let lookup = ClosenessLookup(chart: scenario.closeness)
        let weights = scenario.rules.ratingWeights
        var weighted = 0.0
        var xSectors = Set<String>()
        for a in scenario.sectors {
            for b in scenario.sectors {
                let r = lookup.sectorRating(a.id, b.id)?.rating
                if weights.weight(r) != 0 { weighted += 1 }
                if r == .x { xSectors.insert(a.id) }
            }
        }
        let w = weighted / Double(sectorCount * sectorCount)
        let xShare = Double(xSectors.count) / Double(sectorCount)

        var columns = eligibleOn.reduce(0, +)
        var rows = Double(firms.count + plots.count)
        // Each assignment column sits in its firm's row, its plot's row and its block's power row.
        let assignmentNZ = 3 * columns
        var closeRows = 0.0, closeNZ = 0.0
        for pair in geometry.neighbours {
            let y = sigma[pair.p] * sigma[pair.q] * w
            columns += y
            closeRows += sigma[pair.p] + sigma[pair.q]
            closeNZ += 2 * y + eligibleOn[pair.p] + eligibleOn[pair.q]
        }
        // Triangles of neighbouring plots (counted while cheap, else bounded by Σ C(deg, 2) / 3), a row or more
        // each with the crossing closeness columns of its three pairs.
        let degrees = geometry.neighboursOf.map(\.count)
        let work = degrees.reduce(0.0) { $0 + Double($1) * Double($1) }
        var triangles = 0.0
        if work <= 20_000_000 {
            for p in plots.indices {
                let higher = geometry.neighboursOf[p].filter { $0 > p }
                for (i, q) in higher.enumerated() {
                    for r in higher[(i + 1)...] where geometry.areNeighbours(q, r) { triangles += 1 }
                }
            }
        } else {
            triangles = degrees.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 6 }
        }
        let meanSigma = sigma.isEmpty ? 0 : sigma.reduce(0, +) / Double(sigma.count)
        // (Factors fitted on the expansion with adjacency_distance 1,000,000: 1.16 M rows, 26 M non-zeros.)
        let triangleRows = triangles * max(1, 1.3 * meanSigma)
        closeRows += triangleRows
        closeNZ += triangleRows * 5 * max(1, meanSigma * meanSigma * w / 2)
        var separationRows = 0.0, separationNZ = 0.0
        if xShare > 0 {
            for pair in geometry.tooClose {
                separationRows += 2 * Double(xSectors.count).squareRoot()
                separationNZ += (eligibleOn[pair.p] + eligibleOn[pair.q]) * xShare
            }
        }
        rows += closeRows + separationRows
        let nonzeros = assignmentNZ + closeNZ + separationNZ
        assignments = Int(eligibleOn.reduce(0, +).rounded())
        neighbourPairs = geometry.neighbours.count
        tooClosePairs = geometry.tooClose.count
        variables = Int(min(columns, Double(Int.max / 2)).rounded())
        self.rows = Int(min(rows, Double(Int.max / 2)).rounded())
        self.nonzeros = Int(min(nonzeros, Double(Int.max / 2)).rounded())
        bytes = nonzeros * Self.bytesPerNonzero
        // The cause: a distance far beyond the plots' spacing (more than 20 neighbours, or 40 too-close plots, per
        // plot on average: the bundled and generated estates have 3–4 and 8–9), else the sheer size.
        let perPlot = Double(max(1, plots.count))
        if 2 * Double(neighbourPairs) / perPlot > 20 && closeNZ >= separationNZ {
            cause = .adjacencyDistance
        } else if 2 * Double(tooClosePairs) / perPlot > 40 {
            cause = .separationDistance
        } else if 2 * Double(neighbourPairs) / perPlot > 20 {
            cause = .adjacencyDistance
        } else {
            cause = .size
        }
        firmCount = firms.count
        plotCount = plots.count
        if !scenario.site.rawBlocks.isEmpty {
            candidateKavlings = SiteCandidates.cutCount(scenario, grid: 1)
            rawLandMethod = candidateKavlings > SiteCandidates.maxKavlings ? .decomposition : .exact
        }
    }

    /// The line `check` prints about raw land (`nil` without it): how many candidate kavlings the exact model would
    /// list and which method `solve` will use.
    public var rawLandLine: String? {
        guard let method = rawLandMethod else { return nil }
        let n = candidateKavlings.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        let limit = SiteCandidates.maxKavlings.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        switch method {
        case .exact:
            return "Cutting: \(n) candidate kavlings (at most \(limit) for the exact model): solve cuts the raw land "
                + "with the exact candidate model"
        case .decomposition:
            return "Cutting: \(n) candidate kavlings, more than the exact model's \(limit): solve cuts the raw land "
                + "with the decomposition search (default cuts, then windows of one block re-cut exactly; every plan "
                + "verified, none proven optimal)"
        }
    }

    /// Whether `check` and `solve` warn about the model's size.
    public var isHuge: Bool { nonzeros > Self.warningNonzeros }

    /// Whether the estimated peak memory exceeds `memory` bytes (e.g. the machine's physical memory): `solve` then
    /// refuses before formulating.
    public func exceeds(memory: Double) -> Bool { bytes > memory }

    /// The one-line message naming the key, e.g. "rules.adjacency_distance: the model would have about 1.2 M
    /// rows and 26 M non-zeros (about 4.4 GB of memory) ...; expected ...".
    public var message: String {
        func count(_ n: Int) -> String {
            n >= 1_000_000 ? String(format: "%.1f M", Double(n) / 1e6)
                : n >= 10_000 ? String(format: "%.0f k", Double(n) / 1e3) : "\(n)"
        }
        let size = "the model would have about \(count(rows)) rows and \(count(nonzeros)) non-zeros "
            + String(format: "(about %.1f GB of memory to solve)", bytes / 1e9)
        let expected = switch cause {
        case .adjacencyDistance:
            "\(count(neighbourPairs)) neighbouring plot pairs; expected a distance near the plots' spacing, "
                + "so that each plot has a handful of neighbours"
        case .separationDistance:
            "\(count(tooClosePairs)) plot pairs closer than it; expected a separation of a few plots' spacing"
        case .size:
            "\(count(assignments)) eligible firm–plot pairs (\(firmCount) firms × \(plotCount) plots); expected "
                + "at most a few hundred thousand: split the estate into phases, or narrow area ranges and zones"
        }
        return "\(cause.rawValue): \(size) from \(expected)"
    }
}
