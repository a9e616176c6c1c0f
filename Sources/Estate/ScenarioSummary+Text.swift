extension ScenarioSummary {
    /// The summary for people, as `plotalloc check` prints it: a few aligned lines per section, ending in a newline.
    ///
    /// Shares print with one decimal (`65.0 %`); a use whose area the scenario does not state prints `not stated`.
    public var text: String {
        var lines: [String] = []
        let c = counts
        lines.append("Scenario: \(name)")
        lines.append(
            "Counts: \(Self.count(c.plots, "plot")), \(Self.count(c.firms, "firm")) "
                + "(\(Self.count(c.applicants, "applicant")), \(Self.count(c.incumbents, "incumbent")), "
                + "\(Self.count(c.sharedFacilities, "shared facility", "shared facilities")); "
                + "\(c.mustBePlaced) must be placed)")
        lines.append(
            "        \(Self.count(c.sectors, "sector")), \(Self.count(c.zones, "zone")), "
                + "\(Self.count(c.powerBlocks, "power block")), \(Self.count(c.phases, "phase")), "
                + "\(Self.count(c.quotas, "quota"))")
        func letters(_ m: [String: Int]) -> String {
            ClosenessRating.allCases.map { "\($0.rawValue) \(m[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        }
        lines.append("Rated sector pairs: \(letters(sectorPairsByRating))")
        lines.append("Rated firm pairs:   \(letters(firmPairsByRating))")
        for phase in phases {
            let label = phase.label == phase.id ? "" : " (\(phase.label))"
            lines.append(
                "Phase \(phase.id)\(label): \(Self.show(phase.siteArea)) m², \(Self.count(phase.plotCount, "plot")) "
                    + "totalling \(Self.show(phase.plotArea)) m²")
            for s in phase.shares {
                let use = s.use.padding(10)
                guard let area = s.area, let share = s.share else {
                    lines.append("  \(use)" + "not stated".leftPadding(19) + "  norm \(s.norm)")
                    continue
                }
                let areaText = (Self.show(area) + " m²").leftPadding(11)
                let pct = (Self.percent(share) + " %").leftPadding(8)
                lines.append("  \(use)\(areaText)\(pct)  norm \(s.norm.padding(9)) \(s.status)")
            }
            if let rest = phase.unassignedArea, abs(rest) >= 0.005 {
                lines.append("  " + "other".padding(10) + (Self.show(rest) + " m²").leftPadding(11)
                    + (Self.percent(phase.siteArea > 0 ? rest / phase.siteArea : 0) + " %").leftPadding(8)
                    + "  not assigned to a use")
            }
        }
        for b in powerBlocks {
            let binds = b.maxDemandKVA > b.capacityKVA ? "can bind" : "cannot bind"
            lines.append(
                "Power block \(b.id): \(Self.show(b.capacityKVA)) kVA for \(Self.count(b.plots, "plot")); "
                    + "up to \(Self.show(b.maxDemandKVA)) kVA could be drawn (\(binds))")
            if b.isOverloadedByRequiredFirms {
                lines.append("  must be placed and can only go here: \(b.requiredFirms.joined(separator: ", ")), "
                    + "\(Self.show(b.requiredKVA)) kVA [above the capacity: the scenario is infeasible]")
            }
        }
        lines += ruleLines
        if firmsWithoutPlot.isEmpty {
            lines.append("Firms with no eligible plot: none")
        } else {
            lines.append("Firms with no eligible plot: \(firmsWithoutPlot.count)")
            for f in firmsWithoutPlot {
                let must = f.mustBePlaced ? " [must be placed: the scenario is infeasible]" : ""
                lines.append("  \(f.id) \(f.name)\(must): " + f.reasons.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1 plot`, `3 plots`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// A share (0…1) as a percentage with one decimal, e.g. `65.0`.
    static func percent(_ share: Double) -> String {
        guard share.isFinite, share.magnitude < 1e12 else { return "\(share * 100)" }
        let tenths = Int((share * 1000).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}

extension String {
    /// The string padded with spaces on the right to `width` characters (unchanged when longer).
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The string padded with spaces on the left to `width` characters (unchanged when longer).
    fileprivate func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
