/// The bundled Bekasi scenarios' environmental rules: the wastewater plants' capacity and what the plating and
/// coating firms discharge to them (`rules.wastewater`), and the buffer that keeps plating away from the housing
/// beside the site (`rules.buffers`). Synthetic estates do not carry them. Figures and sources:
/// `docs/scenario-data.md` ("Wastewater" and "Buffers").
extension ScenarioGenerator {
    /// Discharge to the IPAL per worker (m³/day) of the sectors that discharge to it. Plating: Permen LH 5/2014
    /// (annex I) allows at most 20 L of wastewater per m² plated; a small job shop plating about 30 m² per worker
    /// a day discharges 0.6 m³. Coating: degreasing and phosphating rinses and spray-booth water, about a third of
    /// that (illustrative).
    static let dischargePerWorker: [String: Double] = ["plating": 0.6, "coating": 0.2]

    /// The design allowance of treatment capacity per heavy-zone plot of the phase an IPAL serves (m³/day).
    static let treatmentAllowancePerHeavyPlot = 5.0

    /// Standard sizes of packaged wastewater treatment plants (m³/day).
    static let treatmentSizes: [Double] = [10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 125, 150, 200, 250, 300]

    /// The distance plating firms keep from housing (m), illustrative: no national figure exists.
    static let platingBufferFromHousing = 50.0

    /// What each firm of `firms` that discharges to an IPAL discharges: workers times its sector's rate, rounded to
    /// 0.5 m³/day (at least 0.5), in file order.
    static func discharge(of firms: [Firm]) -> [Wastewater.FirmDischarge] {
        firms.compactMap { firm in
            guard let rate = dischargePerWorker[firm.sector] else { return nil }
            return Wastewater.FirmDischarge(
                firm: firm.id, m3PerDay: max(0.5, (rate * Double(firm.workers) * 2).rounded() / 2))
        }
    }

    /// One IPAL per phase (`IPAL-1` for phase 1, `IPAL-2` for the expansion), each taking the water of every
    /// plot of its phase; its capacity is the largest standard size at most the phase's design allowance
    /// (``treatmentAllowancePerHeavyPlot`` per heavy plot).
    static func treatmentUnits(phases: [Phase], plots: [Plot]) -> [Wastewater.TreatmentUnit] {
        phases.enumerated().map { i, phase in
            let heavy = plots.filter { $0.phase == phase.id && $0.zone == "heavy" }.count
            let allowance = treatmentAllowancePerHeavyPlot * Double(heavy)
            let size = treatmentSizes.last { $0 <= allowance } ?? treatmentSizes[0]
            return Wastewater.TreatmentUnit(
                id: "IPAL-\(i + 1)", label: "IPAL \(i + 1), \(phase.label ?? phase.id)", capacityM3PerDay: size,
                phases: [phase.id])
        }
    }

    /// The kampung along the west fence of phase 1 (10 m west of the first plots, from the south fence 14 m below
    /// the plots to 16 m beyond their north edge, as `scripts/draw-bekasi-site.py` draws the boundary), which
    /// plating firms keep ``platingBufferFromHousing`` from.
    static func housing(besides plots: [Plot]) -> SensitivePlace {
        let depth = EstateSiteBuilder.depth
        let west = plots.map { $0.x - ($0.width ?? 0) / 2 }.min() ?? 0
        let south = plots.map { $0.y - ($0.depth ?? depth) / 2 }.min() ?? 0
        let north = plots.map { $0.y + ($0.depth ?? depth) / 2 }.max() ?? 0
        return SensitivePlace(
            id: "housing-west", label: "kampung housing west of the site",
            points: [MapPoint(x: west - 10, y: south - 14), MapPoint(x: west - 10, y: north + 16)],
            keepOut: [SensitivePlace.SectorBuffer(sector: "plating", distance: platingBufferFromHousing)])
    }

    /// `rules` with the wastewater plants of `phases` and the discharge of `firms`, and the housing buffer beside
    /// `phase1Plots`.
    static func withEnvironment(_ rules: Rules, phases: [Phase], plots: [Plot], phase1Plots: [Plot], firms: [Firm])
        -> Rules
    {
        var r = rules
        r.wastewater = Wastewater(units: treatmentUnits(phases: phases, plots: plots), discharge: discharge(of: firms))
        r.buffers = [housing(besides: phase1Plots)]
        return r
    }
}
