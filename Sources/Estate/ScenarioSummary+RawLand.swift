extension ScenarioSummary {
    /// What `plotalloc check` says about raw land, merging and the land-use rule (none when the scenario has none):
    ///
    /// ```
    /// Raw land: 12 street blocks, 16,260 m² in expansion; 812 m of frontage, cut on a 0.5 m module into kavlings 7.5–25 m wide
    ///   kavlings possible: smallest 150 m² (R-B1S, 7.5 × 20 m), largest 500 m² (R-B1S, 25 × 20 m); at most 103
    /// Merging: runs of 2–3 plots side by side; 70 of 72 plots mergeable
    /// Land-use rule: plots and kavlings at most 70 % of each phase; phase1 67.8 %; expansion 0.0 % + raw land 65.0 %
    /// ```
    static func rawLandLines(_ scenario: Scenario) -> [String] {
        var lines: [String] = []
        let blocks = scenario.site.rawBlocks
        if !blocks.isEmpty {
            let frontage = blocks.reduce(0) { $0 + $1.length }
            var byPhase: [String: Double] = [:]
            for b in blocks { byPhase[b.phase, default: 0] += b.area }
            let phases = scenario.site.phases.compactMap { p in byPhase[p.id].map { "\(show($0)) m² in \(p.id)" } }
            let rules = blocks.compactMap { $0.cutting(defaults: scenario.site.cutting) }
            let modules = Set(rules.map(\.module)).sorted().map(show).joined(separator: "/")
            let lo = rules.map(\.minWidth).min() ?? 0, hi = rules.map(\.maxWidth).max() ?? 0
            lines.append("Raw land: \(count(blocks.count, "street block")), \(phases.joined(separator: ", ")); "
                + "\(show(frontage)) m of frontage, cut on a \(modules) m module into kavlings \(show(lo))–\(show(hi)) m wide")
            var smallest: (area: Double, text: String)?, largest: (area: Double, text: String)?
            var most = 0
            for (b, r) in zip(blocks, blocks.map { $0.cutting(defaults: scenario.site.cutting) }) {
                guard let r, let w = possibleWidths(b, r).first, let W = possibleWidths(b, r).last else { continue }
                if smallest == nil || w * b.depth < smallest!.area {
                    smallest = (w * b.depth, "\(show(w * b.depth)) m² (\(b.id), \(show(w)) × \(show(b.depth)) m)")
                }
                if largest == nil || W * b.depth > largest!.area {
                    largest = (W * b.depth, "\(show(W * b.depth)) m² (\(b.id), \(show(W)) × \(show(b.depth)) m)")
                }
                most += Int((b.length / r.minWidth + 1e-9).rounded(.down))
            }
            if let smallest, let largest {
                lines.append("  kavlings possible: smallest \(smallest.text), largest \(largest.text); at most \(most)")
            } else {
                lines.append("  kavlings possible: none (no block is as wide as its narrowest kavling)")
            }
        }
        if let k = scenario.site.merging?.maxPlots {
            let plots = scenario.site.plots
            lines.append("Merging: runs of 2–\(k) plots side by side; \(plots.filter(\.mergeable).count) of "
                + "\(count(plots.count, "plot")) mergeable")
        }
        if let rule = scenario.rules.landUse {
            var raw: [String: Double] = [:]
            for b in blocks { raw[b.phase, default: 0] += b.area }
            let parts = LandUseRule.plotLand(scenario).map { row -> String in
                let share = row.area > 0 ? row.plots / row.area : 0
                var text = "\(row.phase) \(percent(share)) %"
                if let r = raw[row.phase], row.area > 0 { text += " + raw land \(percent(r / row.area)) %" }
                return text
            }
            lines.append("Land-use rule: plots and kavlings at most \(percent(rule.maxPlotShare)) % of each phase; "
                + parts.joined(separator: "; "))
        }
        return lines
    }

    /// The kavling widths `block` allows under `rules`, ascending: on the module (or the whole block), within
    /// `min_width`…`max_width` and the block's length.
    static func possibleWidths(_ block: RawBlock, _ rules: CuttingRules) -> [Double] {
        var widths: [Double] = []
        var k = 1
        while Double(k) * rules.module <= min(rules.maxWidth, block.length) + 1e-6 {
            let w = Double(k) * rules.module
            if w >= rules.minWidth - 1e-6 { widths.append(w) }
            k += 1
        }
        if block.length <= rules.maxWidth + 1e-6, block.length >= rules.minWidth - 1e-6,
           !widths.contains(where: { abs($0 - block.length) <= 1e-6 }) {
            widths.append(block.length)
        }
        return widths
    }

    /// Plots standing for the kavlings raw land could give, for what `check` says a firm could take: per block and
    /// possible width, the kavling at the block's start and the one at its end (exclusions measured from a point, like
    /// a buffer, are furthest at one of the two).
    static func candidateKavlings(_ scenario: Scenario) -> [Plot] {
        scenario.site.rawBlocks.flatMap { b -> [Plot] in
            guard let r = b.cutting(defaults: scenario.site.cutting) else { return [] }
            return possibleWidths(b, r).flatMap { w -> [Plot] in
                let last = ((b.length - w) / r.module + 1e-9).rounded(.down) * r.module
                return Set([0, last]).sorted().map { b.plot(of: Kavling(block: b.id, start: $0, end: $0 + w)) }
            }
        }
    }
}
