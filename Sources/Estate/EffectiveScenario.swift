import Foundation

extension Scenario {
    /// The scenario in which the derived sites `sites` are plots: every rule then applies to it unchanged.
    ///
    /// Each kavling becomes a plot (``RawBlock/plot(of:)``: area `(end − start) × depth`, centroid at the middle of
    /// its rectangle, the block's phase, zone, frontage, power block and rent). Each merged run becomes one plot in
    /// place of its plots: id ``MergedRun/id``, area the sum, centroid the area-weighted centroid of its plots, drawn
    /// as one rectangle (widths summed) when its plots have rectangles, the zone, power block and phase of its first
    /// plot, main-road frontage only when every plot has it, the highest rent, reserved when any plot is, and its
    /// plots kept as ``Plot/parts`` (``Eligibility`` tests each part, ``SiteGeometry`` gives the run the union of
    /// their neighbours). The raw blocks are cut: the result has none.
    ///
    /// Lenient by design (the verifier reports what is wrong, ``LayoutVerifier``): a kavling of an unknown block or
    /// with `end ≤ start`, a run naming an unknown plot or a plot already merged, and a repeated site are left out.
    /// Firms keep their `incumbent_plot` ids, so an incumbent whose plot was merged is on another plot (a move).
    public func applying(_ sites: [DerivedSite]) -> Scenario {
        var s = self
        var blocks: [String: RawBlock] = [:]
        for b in site.rawBlocks where blocks[b.id] == nil { blocks[b.id] = b }
        var plotsByID: [String: Plot] = [:]
        for p in site.plots where plotsByID[p.id] == nil { plotsByID[p.id] = p }
        var absorbed = Set<String>()
        var seen = Set<String>()
        var added: [Plot] = []
        for derived in sites where !seen.contains(derived.id) {
            switch derived {
            case .kavling(let k):
                guard let block = blocks[k.block], k.start.isFinite, k.end.isFinite, k.end > k.start else { continue }
                added.append(block.plot(of: k))
            case .merged(let run):
                let parts = run.plots.compactMap { plotsByID[$0] }
                guard !parts.isEmpty, parts.count == run.plots.count, Set(run.plots).count == run.plots.count,
                      absorbed.isDisjoint(with: run.plots) else { continue }
                absorbed.formUnion(run.plots)
                added.append(Self.mergedPlot(run, parts))
            }
            seen.insert(derived.id)
        }
        s.site.plots = site.plots.filter { !absorbed.contains($0.id) } + added
        s.site.rawBlocks = []
        return s
    }

    /// The plot standing for `run`, made of `parts` (resolved, in run order, at least one).
    static func mergedPlot(_ run: MergedRun, _ parts: [Plot]) -> Plot {
        let area = parts.reduce(0) { $0 + $1.area }
        let x = parts.reduce(0) { $0 + $1.area * $1.x } / area
        let y = parts.reduce(0) { $0 + $1.area * $1.y } / area
        let widths = parts.compactMap(\.width)
        let rents = parts.compactMap(\.rent)
        let first = parts[0]
        var p = Plot(
            id: run.id, phase: first.phase, area: area, x: x, y: y,
            width: widths.count == parts.count ? widths.reduce(0, +) : nil,
            depth: widths.count == parts.count ? first.depth : nil, rotation: first.rotation, zone: first.zone,
            frontage: parts.allSatisfy { $0.frontage == .main } ? .main : .local, powerBlock: first.powerBlock,
            rent: rents.max(), reserved: parts.contains(where: \.reserved), mergeable: false)
        p.derived = .merged(run)
        p.parts = parts
        return p
    }
}

extension Plot {
    /// Whether `other` lies side by side with this plot, on the same street-block row: both drawn as rectangles
    /// (`width`, `depth`) of the same depth and rotation, their centres on one line along the frontage, touching along
    /// one side (centres `(w₁ + w₂) / 2` apart), within 1e-6 m. The test for the plots of a merged run.
    public func isBeside(_ other: Plot) -> Bool {
        guard let w1 = width, let d1 = depth, let w2 = other.width, let d2 = other.depth,
              abs(d1 - d2) <= 1e-6, abs((rotation ?? 0) - (other.rotation ?? 0)) <= 1e-9 else { return false }
        let a = (rotation ?? 0) * .pi / 180
        let (dx, dy) = (other.x - x, other.y - y)
        let along = dx * cos(a) + dy * sin(a)
        let across = -dx * sin(a) + dy * cos(a)
        return abs(across) <= 1e-6 && abs(abs(along) - (w1 + w2) / 2) <= 1e-6
    }
}
