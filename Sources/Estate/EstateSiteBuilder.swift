import PlotAllocSupport

/// Lays out the plots of one phase of a generated estate on a grid of streets.
///
/// Geometry (assumptions in `docs/scenario-data.md`): street blocks of two back-to-back rows of plots, each plot
/// 20 m deep with its frontage width drawn so that areas run 150–400 m²; the rear row repeats the front row's widths,
/// so a plot's rear neighbour sits straight behind it. Blocks are stacked in columns: 8 m local roads between block
/// rows, 14 m (street plus verges) between block columns, the estate's main road along the south edge (y = 0).
/// With these numbers, side and rear neighbours are at most 20 m apart (centroids), diagonal ones and plots across a
/// road at least 21.3 m: an adjacency distance of 21 m makes each plot's neighbours the plots it shares a side with,
/// plus, where the plot between them is narrow, the next-but-one plot of its row (about 3 neighbours per plot).
struct EstateSiteBuilder {
    /// Plot depth in metres.
    static let depth = 20.0
    /// Plots per row of a street block.
    static let plotsPerRow = 6
    /// Gap between block rows (a local road), in metres.
    static let roadWidth = 8.0
    /// Gap between block columns (a street with verges), in metres.
    static let columnGap = 14.0
    /// The adjacency distance that makes side-sharing plots (and only those) neighbours.
    static let adjacencyDistance = 21.0
    /// Standard distribution transformer sizes (kVA) capacities are chosen from.
    static let transformerSizes: [Double] = [100, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600]

    /// One built phase.
    struct BuiltPhase {
        /// The phase's plots.
        var plots: [Plot]
        /// The power blocks (one per street block), capacities still 0.
        var blocks: [PowerBlock]
        /// The east edge of the phase's footprint (x, m).
        var eastEdge: Double
    }

    /// Draws `count` plot areas (m²): 60 % small (150–220), 30 % medium (220–300) and 10 % large (300–400) in
    /// shuffled order, each a frontage width rounded to 0.5 m times the 20 m depth.
    static func drawAreas(_ count: Int, _ rng: inout SeededGenerator) -> [Double] {
        let large = Int((0.1 * Double(count)).rounded()), medium = Int((0.3 * Double(count)).rounded())
        var bands = Array(repeating: 2, count: large) + Array(repeating: 1, count: medium)
        bands += Array(repeating: 0, count: max(0, count - bands.count))
        rng.shuffle(&bands)
        let ranges: [ClosedRange<Double>] = [150.0...220.0, 220.0...300.0, 300.0...400.0]
        return bands.prefix(count).map { band in (rng.double(in: ranges[band]) / depth * 2).rounded() / 2 * depth }
    }

    /// Builds a phase of `count` plots (at least 4) starting at x = `x0`.
    ///
    /// `idPrefix` names plots (`A01`, `A02`, …) and power blocks (`PB-A1`, …); `plotAreaCap`, when given, bounds the
    /// total plot area (the draw is repeated until it fits, which terminates quickly for caps at 68 % of land or more
    /// because the mean plot is about 224 m²). Rent: 75,000 IDR/m²/year, 90,000 on the main road, 68,000 in the heavy
    /// zone.
    static func build(
        phase: String, idPrefix: String, count: Int, x0: Double, plotAreaCap: Double?, rng: inout SeededGenerator
    ) -> BuiltPhase {
        precondition(count >= 4, "a phase needs at least 4 plots")
        // Street blocks of up to 12 plots; the last one takes the remainder.
        let perBlock = 2 * plotsPerRow
        var blockSizes = Array(repeating: perBlock, count: count / perBlock)
        if count % perBlock != 0 { blockSizes.append(count % perBlock) }
        // Widths: the south row's widths; the north row repeats the first ones.
        var widths: [[Double]] = []
        repeat {
            let perBlock = blockSizes.map { ($0 + 1) / 2 }
            var areas = drawAreas(perBlock.reduce(0, +), &rng)[...]
            widths = perBlock.map { n in
                defer { areas = areas.dropFirst(n) }
                return areas.prefix(n).map { $0 / depth }
            }
            let total = zip(blockSizes, widths).reduce(0.0) { sum, bw in
                let (n, w) = bw
                return sum + depth * (w.reduce(0, +) + w.prefix(n / 2).reduce(0, +))
            }
            if plotAreaCap == nil || total <= plotAreaCap! { break }
        } while true
        let rowsOfBlocks = blockSizes.count <= 2 ? blockSizes.count : max(2, Int((Double(blockSizes.count) / 1.5).squareRoot().rounded()))
        let columns = (blockSizes.count + rowsOfBlocks - 1) / rowsOfBlocks
        let columnWidth = widths.map { $0.reduce(0, +) }.max()!
        let totalHeight = Double(rowsOfBlocks) * 2 * depth + Double(rowsOfBlocks - 1) * roadWidth
        let totalWidth = Double(columns) * columnWidth + Double(columns - 1) * columnGap

        // Rows of plots (2 per block) with their position, for zoning.
        struct Row { var block: Int; var north: Bool; var y: Double; var xCentre: Double; var zone = "general" }
        var rows: [Row] = []
        for b in blockSizes.indices {
            let col = b / rowsOfBlocks, blockRow = b % rowsOfBlocks
            let bx = x0 + Double(col) * (columnWidth + columnGap)
            let by = Double(blockRow) * (2 * depth + roadWidth)
            let xc = bx + widths[b].reduce(0, +) / 2
            rows.append(Row(block: b, north: false, y: by + depth / 2, xCentre: xc))
            if blockSizes[b] > 1 { rows.append(Row(block: b, north: true, y: by + 1.5 * depth, xCentre: xc)) }
        }
        // Zones: the back (north) and east of the phase is heavy, the front (south-west) clean, the rest general.
        let heaviness = rows.map { r in
            0.75 * (r.y / totalHeight) + 0.25 * ((r.xCentre - x0) / max(totalWidth, 1))
        }
        let order = rows.indices.sorted { (heaviness[$0], $0) < (heaviness[$1], $1) }
        let clean = max(1, Int((0.2 * Double(rows.count)).rounded()))
        let heavy = max(1, Int((0.3 * Double(rows.count)).rounded()))
        for (rank, r) in order.enumerated() {
            if rank < clean { rows[r].zone = "clean" } else if rank >= rows.count - heavy { rows[r].zone = "heavy" }
        }

        var plots: [Plot] = []
        var blocks: [PowerBlock] = []
        let digits = max(2, String(count).count)
        for b in blockSizes.indices {
            let col = b / rowsOfBlocks, blockRow = b % rowsOfBlocks
            let bx = x0 + Double(col) * (columnWidth + columnGap)
            let blockID = "PB-\(idPrefix)\(b + 1)"
            blocks.append(PowerBlock(id: blockID, capacityKVA: 0))
            for row in rows where row.block == b {
                let n = row.north ? blockSizes[b] / 2 : (blockSizes[b] + 1) / 2
                var x = bx
                for w in widths[b].prefix(n) {
                    let frontage: RoadFrontage = (blockRow == 0 && !row.north) ? .main : .local
                    let rent: Double = frontage == .main ? 90_000 : (row.zone == "heavy" ? 68_000 : 75_000)
                    let number = String(plots.count + 1)
                    let id = idPrefix + String(repeating: "0", count: max(0, digits - number.count)) + number
                    plots.append(
                        Plot(
                            id: id, phase: phase, area: w * depth, x: x + w / 2, y: row.y, width: w, depth: depth,
                            zone: row.zone, frontage: frontage, powerBlock: blockID, rent: rent))
                    x += w
                }
            }
        }
        return BuiltPhase(plots: plots, blocks: blocks, eastEdge: x0 + totalWidth)
    }
}
