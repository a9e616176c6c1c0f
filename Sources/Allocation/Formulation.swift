import MIPModel
import Estate

/// Builds the integer program of a scenario: a pure function from ``Scenario`` to ``AllocationModel``.
///
/// The rules and the score are written out, with the program and why each aggregation is exact, in
/// `docs/formulation.md`. In short:
/// - binary `x[f,p]` only for pairs Eligibility allows and no fixed incumbent rules out; a fixed incumbent's own
///   `x` is fixed to 1 by its bounds and its placement and closeness with other fixed incumbents go into the
///   objective constant, its closeness with a movable firm into that firm's `x` coefficients;
/// - one row per firm (`= 1` for required firms and incumbents) and per plot;
/// - one knapsack row per resource of each capacity rule of the catalogue (power blocks, …) that can bind, with its
///   Chvátal–Gomory roundings by each use among its firms (`Σ ⌊k_f/T⌋ x ≤ ⌊room/T⌋`); no `x[f,p]` for a firm that
///   needs more than a resource serving `p` has left beside the fixed incumbents;
/// - X separation as biclique rows per too-close plot pair over sector sets, firm-pair X ratings (not already
///   covered by sectors) as `x[f,p] + Σ_{q too close to p} x[g,q] ≤ 1`;
/// - sector closeness by neighbouring plot pair × sector pair with the tight transportation linearisation,
///   plus odd-cycle (triangle) rows on every three mutually neighbouring plots;
///   firm-pair closeness by `w[f,g,p,q]` per neighbouring plot pair (transportation rows), or `u[f,g,p]` for a
///   negative weight;
/// - quotas as linear rows.
///
/// The function never fails: a scenario whose rules conflict before any choice is made (a fixed incumbent not
/// eligible for its own plot, two fixed incumbents on one plot, …) yields a model with an unsatisfiable empty row
/// per conflict, listed in ``AllocationModel/structuralConflicts``. Ids that do not resolve (which the loader
/// rejects) are treated as conflicts too, never as a crash.
public enum Formulation {
    /// The integer program of `scenario` and the maps back to firms and plots.
    public static func build(_ scenario: Scenario) -> AllocationModel {
        build(scenario, deadline: .never)!
    }

    /// The integer program of `scenario`, or `nil` when `deadline` passed (or `interrupt` was requested) before it
    /// was built.
    ///
    /// The clock is looked at between the rule families and every 64 firms, plot pairs or ratings within them, so
    /// a deadline already past returns `nil` after at most the geometry (a pass over the plot pairs) and that much
    /// work.
    public static func build(
        _ scenario: Scenario, deadline: Deadline, interrupt: SolveInterrupt? = nil
    ) -> AllocationModel? {
        build(scenario, deadline: deadline, interrupt: interrupt, scope: SiteCandidates.Scope())
    }

    /// The integer program of `scenario` with the candidate kavlings `scope` lists (``SiteCandidates/Scope``), or
    /// `nil` as ``build(_:deadline:interrupt:)``.
    static func build(
        _ scenario: Scenario, deadline: Deadline, interrupt: SolveInterrupt?, scope: SiteCandidates.Scope
    ) -> AllocationModel? {
        // Raw land and merging: the model chooses among candidate sites (overlapping), see `SiteCandidates`.
        let candidates = SiteCandidates(scenario: scenario, deadline: deadline, interrupt: interrupt, scope: scope)
        if candidates?.stopped == true { return nil }
        var builder = Builder(scenario: candidates?.scenario ?? scenario, groups: candidates?.groups ?? [],
                              deadline: deadline, interrupt: interrupt)
        builder.cutGrid = candidates?.grid ?? 1
        builder.ownPlotCount = scenario.site.plots.count
        return builder.build(input: scenario)
    }
}

private struct Builder {
    let scenario: Scenario
    let firms: [Firm]
    let plots: [Plot]
    let eligibility: Eligibility
    let geometry: SiteGeometry
    let lookup: ClosenessLookup
    let weights: RatingWeights
    let placement: PlacementWeights
    let isFixedPolicy: Bool
    let movePenalty: Double
    let sectorOfFirm: [Int]
    let sectorCount: Int
    let neighbourSets: [Set<Int>]
    let tooCloseSets: [[Int]]
    /// The capacity rules' resources (power blocks, …), from the catalogue.
    let capacities: CapacityTable
    let deadline: Deadline
    let interrupt: SolveInterrupt?
    /// Set once the deadline has been seen passed; every step then returns at once.
    var stopped = false
    var clockChecks = 0

    var model = Model()
    var objective = LinearExpression()
    var rows: [String: Int] = [:]
    var conflicts: [String] = []
    var assignment: [AllocationModel.AssignmentVariable] = []
    var terms: [(variable: Variable, term: AllocationModel.ClosenessTerm)] = []
    /// Per firm: plot index → x variable.
    var xOfFirm: [[Int: Variable]]
    /// Per plot: firm indices with an x variable there.
    var firmsOnPlot: [[Int]]
    /// Positive-weight sector closeness variables per neighbour pair `p < q` (key `p·|P| + q`): `y[p,q,s,t]` with
    /// `s` the sector on `p` and `t` the sector on `q`.
    var positiveY: [Int: [(s: Int, t: Int, y: Variable)]] = [:]
    /// Fixed incumbents: firm → plot, plot → firm.
    var fixedPlotOfFirm: [Int: Int] = [:]
    var fixedFirmOnPlot: [Int: Int] = [:]
    /// Cover groups (``SiteCandidates/groups``): sets of plots of which at most one may hold a firm (the candidate
    /// kavlings over one module cell of a raw block; a pre-cut plot and the merged runs containing it).
    let groups: [[Int]]
    /// Per plot, the groups it is in.
    let groupsOfPlot: [[Int]]
    /// Plots that share a group with a fixed incumbent's plot: no firm may take them.
    var blocked = Set<Int>()
    /// ``SiteCandidates/grid``: 1 for every cut, more when the cuts were restricted to a coarser grid.
    var cutGrid = 1
    /// The input scenario's own plots, which come first in ``plots``: plots of the scenario even when they carry
    /// ``Plot/derived`` (a kavling fixed by the decomposition search); candidate sites come after them.
    var ownPlotCount = 0

    init(scenario: Scenario, groups: [[Int]], deadline: Deadline, interrupt: SolveInterrupt?) {
        self.scenario = scenario
        self.groups = groups
        var of = [[Int]](repeating: [], count: scenario.site.plots.count)
        for (g, members) in groups.enumerated() { for p in members { of[p].append(g) } }
        groupsOfPlot = of
        self.deadline = deadline
        self.interrupt = interrupt
        firms = scenario.firms
        plots = scenario.site.plots
        eligibility = Eligibility(scenario: scenario)
        geometry = SiteGeometry(scenario: scenario)
        lookup = ClosenessLookup(chart: scenario.closeness)
        weights = scenario.rules.ratingWeights
        placement = scenario.rules.placementValue
        if case .fixed = scenario.rules.incumbents { isFixedPolicy = true } else { isFixedPolicy = false }
        movePenalty = scenario.rules.incumbents.movePenalty
        var sectorIndex: [String: Int] = [:]
        for (i, s) in scenario.sectors.enumerated() where sectorIndex[s.id] == nil { sectorIndex[s.id] = i }
        sectorOfFirm = scenario.firms.map { sectorIndex[$0.sector] ?? -1 }
        sectorCount = scenario.sectors.count
        neighbourSets = geometry.neighboursOf.map(Set.init)
        tooCloseSets = geometry.tooCloseTo
        capacities = CapacityTable(scenario: scenario)
        xOfFirm = Array(repeating: [:], count: scenario.firms.count)
        firmsOnPlot = Array(repeating: [], count: scenario.site.plots.count)
    }

    // MARK: - Weights

    func sectorWeight(_ s: Int, _ t: Int) -> Double {
        guard s >= 0, t >= 0 else { return 0 }
        return weights.weight(lookup.sectorRating(scenario.sectors[s].id, scenario.sectors[t].id)?.rating)
    }

    func isSectorX(_ s: Int, _ t: Int) -> Bool {
        guard s >= 0, t >= 0 else { return false }
        return lookup.sectorRating(scenario.sectors[s].id, scenario.sectors[t].id)?.rating == .x
    }

    /// Sector-rating weight plus firm-rating weight of two firms.
    func pairWeight(_ f: Int, _ g: Int) -> Double {
        sectorWeight(sectorOfFirm[f], sectorOfFirm[g]) + weights.weight(lookup.firmRating(firms[f].id, firms[g].id)?.rating)
    }

    func isXPair(_ f: Int, _ g: Int) -> Bool { lookup.isXPair(firms[f], firms[g]) }

    // MARK: - Build

    /// Whether the deadline has passed; the clock is read on every 64th call (and on the first).
    mutating func timeUp() -> Bool {
        if stopped { return true }
        clockChecks &+= 1
        if clockChecks & 63 == 1 && (deadline.hasPassed || interrupt?.isRequested == true) { stopped = true }
        return stopped
    }

    /// Whether the deadline has passed, reading the clock now.
    mutating func timeUpNow() -> Bool {
        if !stopped && (deadline.hasPassed || interrupt?.isRequested == true) { stopped = true }
        return stopped
    }

    /// The model; `input` is the scenario as given (``scenario`` is its candidate scenario under raw land or merging).
    mutating func build(input: Scenario) -> AllocationModel? {
        let steps: [(inout Builder) -> Void] = [
            { $0.resolveFixedIncumbents() }, { $0.createAssignmentVariables() }, { $0.addFirmRows() },
            { $0.addPlotRows() }, { $0.addCoverRows() }, { $0.addLandUseRows() }, { $0.addCapacityRows() },
            { $0.addSectorSeparationRows() },
            { $0.addFirmSeparationRows() }, { $0.addSectorClosenessTerms() }, { $0.addFirmClosenessTerms() },
            { $0.addTriangleRows() }, { $0.addQuotaRows() },
        ]
        for step in steps {
            if timeUpNow() { return nil }
            step(&self)
        }
        if timeUpNow() { return nil }
        model.setObjective(.maximize, objective)
        return AllocationModel(
            model: model, assignmentVariables: assignment, closenessTerms: terms, rowsByRule: rows,
            structuralConflicts: conflicts, firmIDs: firms.map(\.id), firmSectors: sectorOfFirm,
            plotIDs: plots.map(\.id), neighbourSets: neighbourSets,
            plan: groups.isEmpty && input.site.plots.count == plots.count ? nil : scenario, coverGroups: groups,
            cutGrid: cutGrid, ownPlotCount: ownPlotCount)
    }

    mutating func count(_ rule: String) { rows[rule, default: 0] += 1 }

    /// Writes an empty row `0 = 1`, so that the model (and any export of it) is infeasible, and records why.
    mutating func addConflict(_ message: String) {
        conflicts.append(message)
        model.addConstraint("conflict_\(conflicts.count)", LinearExpression(), .equal(1))
        count("conflict")
    }

    mutating func resolveFixedIncumbents() {
        guard isFixedPolicy else { return }
        var plotIndex: [String: Int] = [:]
        for (i, p) in plots.enumerated() where plotIndex[p.id] == nil { plotIndex[p.id] = i }
        for (f, firm) in firms.enumerated() {
            guard let own = firm.incumbentPlot else { continue }
            guard let p = plotIndex[own] else {
                addConflict("incumbent \(firm.id) occupies plot \(own), which the site does not have")
                continue
            }
            if let other = fixedFirmOnPlot[p] {
                addConflict("incumbents \(firms[other].id) and \(firm.id) both occupy plot \(own)")
                continue
            }
            if !eligibility.mayTake(firm: firm, plot: plots[p]) {
                let why = eligibility.reasons(firm: firm, plot: plots[p]).map(\.description).joined(separator: "; ")
                addConflict("incumbent \(firm.id) may not keep its plot \(own): \(why)")
                continue
            }
            fixedPlotOfFirm[f] = p
            fixedFirmOnPlot[p] = f
            for g in groupsOfPlot[p] { for q in groups[g] where q != p { blocked.insert(q) } }
        }
        // Fixed incumbents among themselves: X pairs too close are a conflict; neighbouring pairs are a constant.
        let fixed = fixedPlotOfFirm.sorted { $0.key < $1.key }
        for (i, (f, p)) in fixed.enumerated() {
            objective.constant += placement.value(of: firms[f])
            for (g, q) in fixed[(i + 1)...] {
                if geometry.areTooClose(p, q) && isXPair(f, g) {
                    addConflict("incumbents \(firms[f].id) and \(firms[g].id) are rated X but their plots "
                        + "\(plots[p].id) and \(plots[q].id) are closer than the separation distance")
                }
                if geometry.areNeighbours(p, q) { objective.constant += pairWeight(f, g) }
            }
        }
    }

    mutating func createAssignmentVariables() {
        let fixed = fixedPlotOfFirm.sorted { $0.key < $1.key }
        let room = capacityRoom()
        // Per movable firm, the plots too close to a fixed incumbent it is X-rated with (built once: testing every
        // fixed incumbent for every firm and plot was firms × plots × incumbents, minutes at 1,600 firms).
        var ruledOut = [Set<Int>](repeating: [], count: firms.count)
        if !fixed.isEmpty {
            for f in firms.indices where fixedPlotOfFirm[f] == nil {
                if timeUp() { return }
                for (g, q) in fixed where isXPair(f, g) { ruledOut[f].formUnion(tooCloseSets[q]) }
            }
        }
        for (f, firm) in firms.enumerated() {
            if timeUp() { return }
            if isFixedPolicy && firm.isIncumbent {
                guard let own = fixedPlotOfFirm[f] else { continue }  // a conflict was recorded
                let v = model.addVariable("x_\(f)_\(own)", .binary, lower: 1, upper: 1)
                assignment.append(.init(firm: f, plot: own, variable: v, isFixed: true))
                xOfFirm[f][own] = v
                firmsOnPlot[own].append(f)
                continue
            }
            for (p, plot) in plots.enumerated() {
                guard fixedFirmOnPlot[p] == nil, !blocked.contains(p), eligibility.mayTake(firm: firm, plot: plot)
                else { continue }
                // A firm that needs more of a capacity (power, …) than is left beside the fixed incumbents never fits.
                if capacities.ofPlot[p].contains(where: { capacities.use($0, f) > room[$0] + 1e-9 }) { continue }
                // A fixed incumbent X-rated with this firm rules out every plot too close to its own.
                if ruledOut[f].contains(p) { continue }
                let v = model.addVariable("x_\(f)_\(p)", .binary)
                assignment.append(.init(firm: f, plot: p, variable: v, isFixed: false))
                xOfFirm[f][p] = v
                firmsOnPlot[p].append(f)
                var c = placement.value(of: firm)
                // Neighbouring fixed incumbents, in the order of their firm index (as the sum was always taken).
                var partners: [Int] = []
                for q in geometry.neighboursOf[p] { if let g = fixedFirmOnPlot[q] { partners.append(g) } }
                for g in partners.sorted() { c += pairWeight(f, g) }
                // Movable: a move costs the penalty on the variable that moves the incumbent (not a bonus for
                // staying minus a constant, which left GLPK's tolerances to swamp a large penalty).
                if !isFixedPolicy, let own = firm.incumbentPlot, own != plot.id { c -= movePenalty }
                if c != 0 { objective.add(v, c) }
            }
        }
    }

    func isFixed(_ f: Int) -> Bool { fixedPlotOfFirm[f] != nil }

    /// Per capacity entry (``CapacityTable``): its capacity minus the use of the fixed incumbents on its plots.
    func capacityRoom() -> [Double] {
        var room = capacities.entries.map(\.resource.capacity)
        for (p, f) in fixedFirmOnPlot { for e in capacities.ofPlot[p] { room[e] -= capacities.use(e, f) } }
        return room
    }

    mutating func addFirmRows() {
        for (f, firm) in firms.enumerated() where !isFixed(f) {
            if isFixedPolicy && firm.isIncumbent { continue }  // unresolvable incumbent: conflict already written
            let xs = xOfFirm[f].sorted { $0.key < $1.key }.map(\.value)
            if firm.mustBePlaced {
                if xs.isEmpty {
                    let role = firm.required ? "required firm" : (firm.isIncumbent ? "incumbent" : "locked firm")
                    addConflict("\(role) \(firm.id) has no plot it may take")
                } else {
                    model.addConstraint("firm_\(f)", .sum(xs), .equal(1))
                    count("firm")
                }
            } else if xs.count > 1 {
                model.addConstraint("firm_\(f)", .sum(xs), .lessOrEqual(1))
                count("firm")
            }
        }
    }

    mutating func addPlotRows() {
        // A plot in a cover group is covered by the group's row (it holds at most one firm a fortiori).
        for p in plots.indices where fixedFirmOnPlot[p] == nil && firmsOnPlot[p].count > 1 && groupsOfPlot[p].isEmpty {
            model.addConstraint("plot_\(p)", .sum(firmsOnPlot[p].map { xOfFirm[$0][p]! }), .lessOrEqual(1))
            count("plot")
        }
    }

    /// One row per cover group with more than one variable: at most one of its plots holds a firm
    /// (`Σ_{p ∈ group} Σ_f x[f,p] ≤ 1`). Groups with the same variables are written once.
    mutating func addCoverRows() {
        var seen = Set<[Int]>()
        for (g, members) in groups.enumerated() {
            if timeUp() { return }
            var vars: [Variable] = []
            for p in members where fixedFirmOnPlot[p] == nil {
                for f in firmsOnPlot[p] { vars.append(xOfFirm[f][p]!) }
            }
            guard vars.count > 1 else { continue }
            vars.sort()
            guard seen.insert(vars.map(\.index)).inserted else { continue }
            model.addConstraint("cover_\(g)", .sum(vars), .lessOrEqual(1))
            count("cover")
        }
    }

    /// The land-use rule (``LandUseRule``) on cut plans: per phase with kavling candidates, the kavlings' area
    /// `Σ (b − a)·D·x[f,c]` stays within `max_plot_share × area` minus the phase's pre-cut plots (all of them count,
    /// taken or empty; merged runs add no land). A kavling left empty is never cut (it would only add land), so only
    /// occupied kavlings count. A row that cannot bind is left out; pre-cut plots alone above the share are a
    /// conflict.
    mutating func addLandUseRows() {
        guard let rule = scenario.rules.landUse else { return }
        var precut: [String: Double] = [:]
        var kavlings: [String: [Int]] = [:]
        for (p, plot) in plots.enumerated() {
            switch p < ownPlotCount ? nil : plot.derived {
            case nil: precut[plot.phase, default: 0] += plot.area
            case .kavling?: kavlings[plot.phase, default: []].append(p)
            case .merged?: break
            }
        }
        for (k, phase) in scenario.site.phases.enumerated() {
            let room = rule.maxPlotShare * phase.area - (precut[phase.id] ?? 0)
            if room < -1e-6 {
                addConflict("phase \(phase.id): its pre-cut plots alone exceed the land-use share "
                    + "\(rule.maxPlotShare)")
                continue
            }
            guard let members = kavlings[phase.id] else { continue }
            var expr = LinearExpression()
            // The most land the kavlings could take: every module cell of each raw block covered.
            var reachable = 0.0
            for p in members where fixedFirmOnPlot[p] == nil {
                for f in firmsOnPlot[p] { expr.add(xOfFirm[f][p]!, plots[p].area) }
            }
            for block in scenario.site.rawBlocks where block.phase == phase.id { reachable += block.area }
            guard !expr.terms.isEmpty, reachable > room + 1e-6 else { continue }
            model.addConstraint("landuse_\(k)", expr, .lessOrEqual(room))
            count("land_use")
        }
    }

    /// One knapsack row per capacity resource (power block, …) that can bind: `Σ use_f x[f,p] ≤ capacity − fixed
    /// use`, named `<kind>_<k>` (k the resource's position in its rule) and counted under the kind's name.
    mutating func addCapacityRows() {
        // Built once for every resource's rounding rows (it was built per block: blocks × assignments, quadratic in
        // the site's size).
        let plotOfVariable = Dictionary(
            assignment.map { ($0.variable, $0.plot) }, uniquingKeysWith: { first, _ in first })
        var position: [RuleKind: Int] = [:]
        for (e, entry) in capacities.entries.enumerated() {
            if timeUpNow() { return }
            let kind = entry.rule.kind
            let b = position[kind, default: 0]
            position[kind] = b + 1
            var used = 0.0
            var expr = LinearExpression()
            var reachable = 0.0
            for p in entry.resource.plots {
                if let f = fixedFirmOnPlot[p] {
                    used += capacities.use(e, f)
                    continue
                }
                var most = 0.0
                for f in firmsOnPlot[p] where capacities.use(e, f) != 0 {
                    expr.add(xOfFirm[f][p]!, capacities.use(e, f))
                    most = max(most, capacities.use(e, f))
                }
                reachable += most
            }
            let room = entry.resource.capacity - used
            // A row that cannot bind (even the hungriest firm on every plot fits) is left out.
            if reachable <= room && room >= 0 { continue }
            if expr.terms.isEmpty {
                addConflict("\(capacities.name(e)): fixed incumbents need \(capacities.amount(e, used)), above its "
                    + "capacity \(capacities.amount(e, entry.resource.capacity))")
                continue
            }
            model.addConstraint("\(kind.rawValue)_\(b)", expr, .lessOrEqual(room))
            count(kind.rawValue)
            addRoundingRows(kind, b, expr, room, plotOfVariable: plotOfVariable)
        }
    }

    /// Chvátal–Gomory rounding of a capacity row (power, …): for each distinct use `T` among its firms,
    /// `Σ ⌊k_f / T⌋ x[f,p] ≤ ⌊room / T⌋` (at most ⌊room/T⌋ firms of `T` kVA or more fit, a firm of `2T` counting
    /// twice). Rows that cannot bind (their left side is at most the right side even with every plot holding its
    /// largest coefficient), rows whose count `⌊room/T⌋` is not below the number of the block's plots with such
    /// firms, and repeated rows are left out.
    mutating func addRoundingRows(_ kind: RuleKind, _ b: Int, _ expr: LinearExpression, _ room: Double,
                                  plotOfVariable: [Variable: Int]) {
        let terms = expr.normalized().terms.filter { $0.coefficient > 0 }
        // A row is written only when its count ⌊room/T⌋ is below the number of plots holding a firm of at least T
        // kVA (see below). That number only grows as T falls: one pass over the terms by falling kVA finds the
        // thresholds worth building (building every threshold's row first was kVA values × terms per block).
        let byCoefficient = terms.sorted { $0.coefficient > $1.coefficient }
        var reached = Set<Int>()
        var next = 0
        var candidates: [Double] = []
        for threshold in Set(terms.map(\.coefficient)).sorted(by: >) {
            while next < byCoefficient.count,
                  (byCoefficient[next].coefficient / threshold + 1e-9).rounded(.down) > 0 {
                reached.insert(plotOfVariable[byCoefficient[next].variable] ?? -1)
                next += 1
            }
            if (room / threshold + 1e-9).rounded(.down) < Double(reached.count) { candidates.append(threshold) }
        }
        var seen = Set<[Double]>()
        for threshold in candidates.sorted() {
            let rhs = (room / threshold + 1e-9).rounded(.down)
            var rounded = LinearExpression()
            var largest: [Int: Double] = [:]
            for term in terms {
                let c = (term.coefficient / threshold + 1e-9).rounded(.down)
                guard c > 0 else { continue }
                rounded.add(term.variable, c)
                let p = plotOfVariable[term.variable] ?? -1
                largest[p] = max(largest[p] ?? 0, c)
            }
            guard largest.values.reduce(0, +) > rhs else { continue }
            // Only counts below the block's number of plots: with smaller T the row is the power row rounded by
            // little, which measured nothing on the bundled estates and costs a row as long as the power row.
            guard rhs < Double(largest.count) else { continue }
            let signature = rounded.terms.flatMap { [Double($0.variable.index), $0.coefficient] } + [rhs]
            guard seen.insert(signature).inserted else { continue }
            model.addConstraint("\(kind.rawValue)cg_\(b)_\(seen.count)", rounded, .lessOrEqual(rhs))
            count("\(kind.rawValue)_rounding")
        }
    }

    /// z[p,s] as an expression: Σ over firms of sector s with an x on p (fixed plots excluded).
    func z(_ p: Int, _ s: Int) -> [Variable] {
        firmsOnPlot[p].filter { sectorOfFirm[$0] == s && !isFixed($0) }.map { xOfFirm[$0][p]! }
    }

    /// Maximal-ish bicliques (A, B) of the X-rated sector graph covering every X-rated ordered pair (s, t):
    /// for each s, B = X(s) and A = every s' whose X set contains B.
    func xBicliques() -> [(a: [Int], b: [Int])] {
        guard sectorCount > 0 else { return [] }
        let xSets: [Set<Int>] = (0..<sectorCount).map { s in Set((0..<sectorCount).filter { isSectorX(s, $0) }) }
        var seen = Set<[[Int]]>()
        var out: [(a: [Int], b: [Int])] = []
        for s in 0..<sectorCount where !xSets[s].isEmpty {
            let b = xSets[s].sorted()
            let a = (0..<sectorCount).filter { xSets[$0].isSuperset(of: xSets[s]) }
            if seen.insert([a, b]).inserted { out.append((a, b)) }
        }
        return out
    }

    mutating func addSectorSeparationRows() {
        let bicliques = xBicliques()
        guard !bicliques.isEmpty else { return }
        var zCache: [Int64: [Variable]] = [:]
        func zv(_ p: Int, _ s: Int) -> [Variable] {
            let k = Int64(p) * Int64(sectorCount) + Int64(s)
            if let c = zCache[k] { return c }
            let v = z(p, s)
            zCache[k] = v
            return v
        }
        for pair in geometry.tooClose {
            if timeUp() { return }
            var written = Set<[Int]>()
            for (a, b) in [(pair.p, pair.q), (pair.q, pair.p)] {
                for clique in bicliques {
                    let left = clique.a.flatMap { zv(a, $0) }
                    let right = clique.b.flatMap { zv(b, $0) }
                    guard !left.isEmpty, !right.isEmpty else { continue }
                    let vars = (left + right).sorted()
                    guard written.insert(vars.map(\.index)).inserted else { continue }
                    model.addConstraint("sep_\(pair.p)_\(pair.q)_\(written.count)", .sum(vars), .lessOrEqual(1))
                    count("separation_sector")
                }
            }
        }
    }

    /// Firm pairs rated X as a firm pair but not through their sectors, both movable.
    func firmOnlyXPairs() -> [(Int, Int)] {
        var index: [String: Int] = [:]
        for (i, f) in firms.enumerated() where index[f.id] == nil { index[f.id] = i }
        var out = Set<[Int]>()
        for r in scenario.closeness.firms where r.rating == .x {
            guard let f = index[r.a], let g = index[r.b], f != g else { continue }
            if isSectorX(sectorOfFirm[f], sectorOfFirm[g]) || isFixed(f) || isFixed(g) { continue }
            out.insert([min(f, g), max(f, g)])
        }
        return out.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { ($0[0], $0[1]) }
    }

    mutating func addFirmSeparationRows() {
        for (f, g) in firmOnlyXPairs() {
            if timeUp() { return }
            for (a, b) in [(f, g), (g, f)] {
                for (p, xa) in xOfFirm[a].sorted(by: { $0.key < $1.key }) {
                    let others = tooCloseSets[p].compactMap { xOfFirm[b][$0] }
                    guard !others.isEmpty else { continue }
                    model.addConstraint("sepf_\(a)_\(b)_\(p)", .sum([xa] + others), .lessOrEqual(1))
                    count("separation_firm")
                }
            }
        }
    }

    mutating func addSectorClosenessTerms() {
        guard sectorCount > 0 else { return }
        // Sectors present (movable firms) per plot.
        let sectorsOnPlot: [[Int]] = plots.indices.map { p in
            Array(Set(firmsOnPlot[p].filter { !isFixed($0) && sectorOfFirm[$0] >= 0 }.map { sectorOfFirm[$0] })).sorted()
        }
        for pair in geometry.neighbours {
            if timeUp() { return }
            let p = pair.p, q = pair.q
            guard fixedFirmOnPlot[p] == nil, fixedFirmOnPlot[q] == nil else { continue }
            let tooClose = geometry.areTooClose(p, q)
            var leftRows: [Int: [Variable]] = [:]
            var rightRows: [Int: [Variable]] = [:]
            for s in sectorsOnPlot[p] {
                for t in sectorsOnPlot[q] {
                    let w = sectorWeight(s, t)
                    guard w != 0 else { continue }
                    if tooClose && isSectorX(s, t) { continue }  // never both: separation forbids it
                    let positive = w > 0
                    let y = model.addVariable("ys_\(p)_\(q)_\(s)_\(t)", .continuous, lower: 0, upper: 1)
                    terms.append((y, .sectorPair(p: p, q: q, s: s, t: t, positive: positive)))
                    objective.add(y, w)
                    if positive {
                        leftRows[s, default: []].append(y)
                        rightRows[t, default: []].append(y)
                        positiveY[p * plots.count + q, default: []].append((s, t, y))
                    } else {
                        var e = LinearExpression.sum(z(p, s) + z(q, t))
                        e.add(y, -1)
                        model.addConstraint("cln_\(p)_\(q)_\(s)_\(t)", e, .lessOrEqual(1))
                        count("closeness_sector")
                    }
                }
            }
            for (s, ys) in leftRows.sorted(by: { $0.key < $1.key }) {
                var e = LinearExpression.sum(ys)
                for x in z(p, s) { e.add(x, -1) }
                model.addConstraint("clp_\(p)_\(q)_\(s)", e, .lessOrEqual(0))
                count("closeness_sector")
            }
            for (t, ys) in rightRows.sorted(by: { $0.key < $1.key }) {
                var e = LinearExpression.sum(ys)
                for x in z(q, t) { e.add(x, -1) }
                model.addConstraint("clq_\(p)_\(q)_\(t)", e, .lessOrEqual(0))
                count("closeness_sector")
            }
        }
    }

    /// Odd-cycle (triangle) inequalities for the sector closeness: for three mutually neighbouring plots and a
    /// two-sided split of the sectors, at most two of the three plot pairs hold a pair of sectors from opposite sides.
    ///
    /// Written for every split whose set of crossing `y` is not contained in another split's (the others are
    /// implied), and only when each of the three pairs has a crossing `y` (otherwise the row is implied by the
    /// transportation rows). See `docs/formulation.md`, "Triangle inequalities".
    mutating func addTriangleRows() {
        let n = plots.count
        var higher = [[Int]](repeating: [], count: n)
        // Triangles are valid cuts, not part of the program: those with two candidate kavlings that overlap (never
        // both occupied) are left out, which keeps a window of many overlapping candidates from a cubic row count.
        for key in positiveY.keys where !overlap(key / n, key % n) { higher[key / n].append(key % n) }
        for p in 0..<n { higher[p].sort() }
        for p in 0..<n {
            if timeUpNow() { return }
            for (i, q) in higher[p].enumerated() {
                for r in higher[p][(i + 1)...] where positiveY[q * n + r] != nil && !overlap(q, r) {
                    if timeUp() { return }
                    addTriangleRows(p, q, r)
                }
            }
        }
    }

    /// Whether plots `p` and `q` are candidate kavlings (not own plots) of one block whose frontages overlap.
    func overlap(_ p: Int, _ q: Int) -> Bool {
        guard p >= ownPlotCount, q >= ownPlotCount, case .kavling(let a)? = plots[p].derived,
              case .kavling(let b)? = plots[q].derived, a.block == b.block else { return false }
        return a.start < b.end - 1e-9 && b.start < a.end - 1e-9
    }

    /// The triangle rows of plots `p < q < r`, each pair carrying positive-weight `y`.
    mutating func addTriangleRows(_ p: Int, _ q: Int, _ r: Int) {
        let n = plots.count
        let edges = [positiveY[p * n + q] ?? [], positiveY[p * n + r] ?? [], positiveY[q * n + r] ?? []]
        let labels = Array(Set(edges.flatMap { $0.flatMap { [$0.s, $0.t] } })).sorted()
        // One label is always on side 0 (a split and its mirror give the same row); past 16 sectors on one
        // triangle the enumeration is capped rather than exploding (rows are then a valid subset).
        guard labels.count >= 2 else { return }
        let free = min(labels.count - 1, 15)
        var position: [Int: Int] = [:]
        for (i, l) in labels.enumerated() { position[l] = i }
        var byIndex: [Int: Variable] = [:]
        for edge in edges { for e in edge { byIndex[e.y.index] = e.y } }
        var sets = Set<[Int]>()
        for mask in 0..<(1 << free) {
            func side(_ label: Int) -> Int {
                let i = position[label]!
                return i == 0 || i > free ? 0 : (mask >> (i - 1)) & 1
            }
            var crossing: [Int] = []
            var everyEdge = true
            for edge in edges {
                let hits = edge.filter { side($0.s) != side($0.t) }
                if hits.isEmpty { everyEdge = false; break }
                crossing.append(contentsOf: hits.map(\.y.index))
            }
            if everyEdge { sets.insert(crossing.sorted()) }
        }
        let candidates = sets.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        var kept: [Set<Int>] = []
        for c in candidates {
            let set = Set(c)
            if kept.contains(where: { set.isSubset(of: $0) }) { continue }
            kept.append(set)
            let vars = c.compactMap { byIndex[$0] }
            model.addConstraint("tri_\(p)_\(q)_\(r)_\(kept.count)", .sum(vars), .lessOrEqual(2))
            count("closeness_triangle")
        }
    }

    mutating func addFirmClosenessTerms() {
        var index: [String: Int] = [:]
        for (i, f) in firms.enumerated() where index[f.id] == nil { index[f.id] = i }
        var done = Set<[Int]>()
        for r in scenario.closeness.firms {
            if timeUp() { return }
            guard let a = index[r.a], let b = index[r.b], a != b else { continue }
            let w = weights.weight(lookup.firmRating(firms[a].id, firms[b].id)?.rating)
            guard w != 0, !isFixed(a), !isFixed(b) else { continue }  // fixed partners are linear or constant
            guard done.insert([min(a, b), max(a, b)]).inserted else { continue }
            // Orient so that f has the fewer plots: fewer u variables.
            let (f, g) = xOfFirm[a].count <= xOfFirm[b].count ? (a, b) : (b, a)
            if w > 0 {
                addPositiveFirmCloseness(f, g, w)
                continue
            }
            for (p, xf) in xOfFirm[f].sorted(by: { $0.key < $1.key }) {
                let near = neighbourSets[p].sorted().compactMap { xOfFirm[g][$0] }
                guard !near.isEmpty else { continue }
                let u = model.addVariable("uf_\(f)_\(g)_\(p)", .continuous, lower: 0, upper: 1)
                terms.append((u, .firmPair(f: f, g: g, p: p, positive: false)))
                objective.add(u, w)
                var e = LinearExpression.sum([xf] + near)
                e.add(u, -1)
                model.addConstraint("cfn_\(f)_\(g)_\(p)", e, .lessOrEqual(1))
                count("closeness_firm")
            }
        }
    }

    /// A positively rated firm pair `{f, g}`: one `w[f,g,p,q]` per neighbouring plot pair with `f` on `p` and `g`
    /// on `q`, and the transportation rows `Σ_q w[f,g,p,q] ≤ x[f,p]`, `Σ_p w[f,g,p,q] ≤ x[g,q]`.
    mutating func addPositiveFirmCloseness(_ f: Int, _ g: Int, _ weight: Double) {
        var atG: [Int: [Variable]] = [:]
        for (p, xf) in xOfFirm[f].sorted(by: { $0.key < $1.key }) {
            var atF: [Variable] = []
            for q in neighbourSets[p].sorted() where xOfFirm[g][q] != nil {
                let w = model.addVariable("uf_\(f)_\(g)_\(p)_\(q)", .continuous, lower: 0, upper: 1)
                terms.append((w, .firmPairEdge(f: f, g: g, p: p, q: q)))
                objective.add(w, weight)
                atF.append(w)
                atG[q, default: []].append(w)
            }
            guard !atF.isEmpty else { continue }
            var e = LinearExpression.sum(atF)
            e.add(xf, -1)
            model.addConstraint("cfa_\(f)_\(g)_\(p)", e, .lessOrEqual(0))
            count("closeness_firm")
        }
        for (q, ws) in atG.sorted(by: { $0.key < $1.key }) {
            var e = LinearExpression.sum(ws)
            e.add(xOfFirm[g][q]!, -1)
            model.addConstraint("cfb_\(f)_\(g)_\(q)", e, .lessOrEqual(0))
            count("closeness_firm")
        }
    }

    mutating func addQuotaRows() {
        for (k, quota) in scenario.rules.quotas.enumerated() {
            var fixedInGroup = 0.0, fixedFirms = 0.0
            for f in fixedPlotOfFirm.keys where firms[f].kind == .firm {
                fixedFirms += 1
                if quota.counts(firms[f]) { fixedInGroup += 1 }
            }
            if let minCount = quota.minCount {
                var e = LinearExpression()
                for (f, firm) in firms.enumerated() where !isFixed(f) && quota.counts(firm) {
                    for (_, x) in xOfFirm[f].sorted(by: { $0.key < $1.key }) { e.add(x) }
                }
                let need = Double(minCount) - fixedInGroup
                if need > 0 {
                    if e.terms.isEmpty {
                        addConflict("quota \(k + 1) (\(quota.groupDescription)) needs \(minCount) firms; "
                            + "at most \(Int(fixedInGroup)) can be placed")
                    } else {
                        model.addConstraint("quota_\(k)_count", e, .greaterOrEqual(need))
                        count("quota")
                    }
                }
            }
            if let share = quota.minShare, share > 0 {
                // count(group) − share × count(all firms) ≥ 0, fixed incumbents moved to the right-hand side.
                var e = LinearExpression()
                for (f, firm) in firms.enumerated() where !isFixed(f) && firm.kind == .firm {
                    let c = (quota.counts(firm) ? 1 : 0) - share
                    guard c != 0 else { continue }
                    for (_, x) in xOfFirm[f].sorted(by: { $0.key < $1.key }) { e.add(x, c) }
                }
                let rhs = share * fixedFirms - fixedInGroup
                if e.terms.isEmpty {
                    if rhs > 1e-9 {
                        addConflict("quota \(k + 1) (\(quota.groupDescription)) needs a share of "
                            + "\(share) of the placed firms; the fixed incumbents alone do not reach it")
                    }
                    continue
                }
                model.addConstraint("quota_\(k)_share", e, .greaterOrEqual(rhs))
                count("quota")
            }
        }
    }
}
