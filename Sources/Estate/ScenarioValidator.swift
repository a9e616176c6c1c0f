import Yams

/// The semantic checks of a scenario whose shape is right: unique ids, references that resolve, numbers in range,
/// consistent closeness ratings, incumbents that fit their plots, well-formed quotas.
///
/// Each problem is reported at the offending node when the scenario came from a file (the node tree is kept), or
/// without a position for scenarios built in code. Message forms (tests assert the exact text):
/// - `duplicate plot id "P03" (first at site.plots[2]); expected a unique id`
/// - `unknown sector "machinng"; did you mean "machining"?` / `unknown zone "x"; expected one of a, b`
/// - `found -5; expected a number > 0` (also `≥ 0`, `a finite number`, `a number from 0 to 1`,
///   `a number ≥ 0 and < 1`); non-finite values print as `.nan`, `.inf`, `-.inf`
/// - `min 400 is above max 300; expected min ≤ max`
/// - `found "ha"; expected m2`
/// - `found an empty list; expected at least one zone id`
/// - `foundry–plating rated X here and A at closeness.sectors[1]; expected one rating per pair`
/// - `firm "F3" paired with itself; expected two different firms`
/// - `firm "F6" may not take its plot "P03": plot is 150 m², below the minimum 200 m²; expected a plot it is
///   eligible for`
/// - `plot "P03" is already held by incumbent "F2" (firms[1]); expected one incumbent per plot`
/// - `found both sector and tag; expected exactly one of them` / `found neither sector nor tag; …` /
///   `found neither min_count nor min_share; expected at least one of them`
/// - `found 8000; expected at least 8200, the area of its plots and other land`
package struct ScenarioValidator {
    /// The scenario checked.
    let scenario: Scenario
    /// The file name diagnostics carry.
    let file: String
    /// The composed document, for positions; `nil` for scenarios built in code.
    let root: Node?
    /// What was found.
    private(set) var diagnostics: [ScenarioDiagnostic] = []
    /// What stops the checks early (the run's deadline and interrupt); ``LoadWatch/none`` by default.
    var watch: LoadWatch = .none
    /// Why the watch stopped the checks, when it did (the diagnostics are then incomplete).
    private(set) var stoppedBy: LoadStop.Cause?
    /// Firms or plots checked between two looks at ``watch``.
    static let watchInterval = 1_024

    /// Prepares a check of `scenario` from `file`, with positions from `root` when given.
    init(scenario: Scenario, file: String, root: Node?) {
        self.scenario = scenario
        self.file = file
        self.root = root
    }

    // MARK: - Reporting

    mutating func report(_ path: ScenarioPath, _ message: String) {
        var line: Int?, column: Int?
        if let root {
            let mark = YAMLNodes.locate(path, in: root).node.mark
            line = mark?.line
            column = mark?.column
        }
        diagnostics.append(
            ScenarioDiagnostic(file: file, line: line, column: column, path: path.description, message: message))
    }

    /// How numbers appear in messages: `150`, `12.5`, `.nan`, `.inf`, `-.inf`.
    static func show(_ v: Double) -> String {
        if v.isNaN { return ".nan" }
        if v.isInfinite { return v > 0 ? ".inf" : "-.inf" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// A number's documented range (``ScenarioLimits``); non-finite numbers never pass.
    struct Bound {
        /// The lowest value, `nil` for `-upper`.
        var lower: Double?
        /// Whether `lower` itself is out (`> 0`).
        var lowerOpen = false
        /// The highest value.
        var upper: Double
        /// Whether `upper` itself is out (`< 1`).
        var upperOpen = false

        /// `> 0` and `≤ upper`.
        static func positive(_ upper: Double) -> Bound { Bound(lower: 0, lowerOpen: true, upper: upper) }
        /// `≥ 0` and `≤ upper`.
        static func nonNegative(_ upper: Double) -> Bound { Bound(lower: 0, upper: upper) }
        /// From `-upper` to `upper`.
        static func magnitude(_ upper: Double) -> Bound { Bound(lower: nil, upper: upper) }
        /// From 0 to 1.
        static let share = Bound(lower: 0, upper: 1)
        /// `≥ 0` and `< 1`.
        static let gap = Bound(lower: 0, upper: 1, upperOpen: true)

        var expectation: String {
            let hi = ScenarioLimits.show(upper)
            guard let lower else { return "a number from -\(hi) to \(hi)" }
            if upperOpen { return "a number ≥ \(ScenarioLimits.show(lower)) and < \(hi)" }
            if lowerOpen { return "a number > \(ScenarioLimits.show(lower)) and ≤ \(hi)" }
            return "a number from \(ScenarioLimits.show(lower)) to \(hi)"
        }

        func admits(_ v: Double) -> Bool {
            guard v.isFinite else { return false }
            let low = lower ?? -upper
            if lowerOpen ? v <= low : v < low { return false }
            return upperOpen ? v < upper : v <= upper
        }
    }

    mutating func number(_ v: Double?, _ path: ScenarioPath, _ bound: Bound) {
        guard let v, !bound.admits(v) else { return }
        report(path, "found \(Self.show(v)); expected \(bound.expectation)")
    }

    private mutating func whole(_ v: Int?, _ path: ScenarioPath, upTo upper: Int) {
        guard let v, v < 0 || v > upper else { return }
        report(path, "found \(v); expected a whole number from 0 to \(ScenarioLimits.show(Double(upper)))")
    }

    /// Checks ids for emptiness and duplicates; returns the ids in order of first use.
    mutating func ids(_ ids: [String], _ list: ScenarioPath, _ noun: String) -> [String] {
        if ids.isEmpty { report(list, "found an empty list; expected at least one \(noun)") }
        var first: [String: Int] = [:]
        var ordered: [String] = []
        for (i, id) in ids.enumerated() {
            let path = list.appending(i).appending("id")
            if id.isEmpty {
                report(path, "found \"\"; expected a non-empty \(noun) id")
            } else if let j = first[id] {
                report(path, "duplicate \(noun) id \(YAMLNodes.quote(id)) (first at \(list.appending(j))); expected a unique id")
            } else {
                first[id] = i
                ordered.append(id)
            }
        }
        return ordered
    }

    /// Reports `value` at `path` unless it is one of `known`.
    mutating func reference(_ value: String, _ path: ScenarioPath, _ noun: String, _ known: [String]) {
        if known.contains(value) { return }
        var message = "unknown \(noun) \(YAMLNodes.quote(value)); "
        if let near = DidYouMean.suggestion(for: value, among: known) {
            message += "did you mean \"\(near)\"?"
        } else if known.isEmpty {
            message += "expected one of the \(noun)s, but there are none"
        } else {
            message += "expected " + DidYouMean.oneOf(known)
        }
        report(path, message)
    }

    // MARK: - Checks

    /// Runs every check; stops early (``stoppedBy`` set) when ``watch`` says so, between checks and every
    /// ``watchInterval`` plots or firms.
    mutating func run() {
        checkMetadata()
        let site = ScenarioPath.root.appending("site")
        let phaseIDs = ids(scenario.site.phases.map(\.id), site.appending("phases"), "phase")
        let zoneIDs = ids(scenario.site.zones.map(\.id), site.appending("zones"), "zone")
        let blockIDs = ids(scenario.site.powerBlocks.map(\.id), site.appending("power_blocks"), "power block")
        let plotIDs = ids(scenario.site.plots.map(\.id), site.appending("plots"), "plot")
        let sectorIDs = ids(scenario.sectors.map(\.id), .root.appending("sectors"), "sector")
        let firmIDs = ids(scenario.firms.map(\.id), .root.appending("firms"), "firm")
        if shouldStop() { return }
        checkPhases(site.appending("phases"))
        for (i, b) in scenario.site.powerBlocks.enumerated() {
            number(b.capacityKVA, site.appending("power_blocks").appending(i).appending("capacity_kva"), .positive(ScenarioLimits.power))
        }
        checkPlots(site.appending("plots"), phaseIDs, zoneIDs, blockIDs)
        if shouldStop() { return }
        checkRawLand(site, phaseIDs, zoneIDs, blockIDs, plotIDs)
        checkSectors(zoneIDs)
        checkCloseness(sectorIDs, firmIDs)
        if shouldStop() { return }
        checkFirms(sectorIDs, plotIDs)
        if shouldStop() { return }
        checkRules(sectorIDs)
        for rule in RuleKind.definitions {
            if shouldStop() { return }
            rule.validate(&self)
        }
        checkSolver()
    }

    /// Whether to stop the checks: true once ``watch`` has said so; it is looked at when `item` is a multiple of
    /// ``watchInterval`` (always for the default 0).
    private mutating func shouldStop(at item: Int = 0) -> Bool {
        if stoppedBy != nil { return true }
        guard item % Self.watchInterval == 0, let cause = watch.cause else { return false }
        stoppedBy = cause
        return true
    }

    private mutating func checkMetadata() {
        let units = ScenarioPath.root.appending("metadata").appending("units")
        let u = scenario.metadata.units
        for (key, value, wanted) in [("area", u.area, "m2"), ("distance", u.distance, "m"), ("money", u.money, "IDR")]
        where value != wanted {
            report(units.appending(key), "found \(YAMLNodes.quote(value)); expected \(wanted)")
        }
    }

    private mutating func checkPhases(_ list: ScenarioPath) {
        var plotArea: [String: Double] = [:]
        for plot in scenario.site.plots where plot.area.isFinite && plot.area > 0 {
            plotArea[plot.phase, default: 0] += plot.area
        }
        for block in scenario.site.rawBlocks where block.area.isFinite && block.area > 0 {
            plotArea[block.phase, default: 0] += block.area
        }
        for (i, phase) in scenario.site.phases.enumerated() {
            let path = list.appending(i)
            number(phase.area, path.appending("area"), .positive(ScenarioLimits.area))
            var other = 0.0
            if let land = phase.otherLand {
                let o = path.appending("other_land")
                number(land.roads, o.appending("roads"), .nonNegative(ScenarioLimits.area))
                number(land.green, o.appending("green"), .nonNegative(ScenarioLimits.area))
                number(land.facilities, o.appending("facilities"), .nonNegative(ScenarioLimits.area))
                for v in [land.roads, land.green, land.facilities] where v.isFinite && v > 0 { other += v }
            }
            let needed = (plotArea[phase.id] ?? 0) + other
            if phase.area.isFinite, phase.area > 0, needed > phase.area * (1 + 1e-9) {
                let plots = scenario.site.rawBlocks.contains { $0.phase == phase.id } ? "its plots and raw blocks" : "its plots"
                let what = phase.otherLand == nil ? plots : "\(plots) and other land"
                report(
                    path.appending("area"),
                    "found \(Self.show(phase.area)); expected at least \(Self.show(needed)), the area of \(what)")
            }
        }
    }

    private mutating func checkPlots(_ list: ScenarioPath, _ phases: [String], _ zones: [String], _ blocks: [String]) {
        for (i, plot) in scenario.site.plots.enumerated() {
            if shouldStop(at: i) { return }
            let p = list.appending(i)
            reference(plot.phase, p.appending("phase"), "phase", phases)
            number(plot.area, p.appending("area"), .positive(ScenarioLimits.area))
            number(plot.x, p.appending("x"), .magnitude(ScenarioLimits.coordinate))
            number(plot.y, p.appending("y"), .magnitude(ScenarioLimits.coordinate))
            number(plot.width, p.appending("width"), .positive(ScenarioLimits.length))
            number(plot.depth, p.appending("depth"), .positive(ScenarioLimits.length))
            number(plot.rotation, p.appending("rotation"), .magnitude(ScenarioLimits.rotation))
            reference(plot.zone, p.appending("zone"), "zone", zones)
            reference(plot.powerBlock, p.appending("power_block"), "power block", blocks)
            number(plot.rent, p.appending("rent"), .nonNegative(ScenarioLimits.rent))
        }
    }

    /// Raw blocks (`site.raw_blocks`: ids unique among blocks and plots, references, sizes, cutting rules that
    /// resolve with `site.cutting`, `min_width ≤ max_width`, a block at least one kavling wide), `site.cutting`,
    /// `site.merging` (`max_plots ≥ 2`) and `rules.land_use`.
    private mutating func checkRawLand(
        _ site: ScenarioPath, _ phases: [String], _ zones: [String], _ blocks: [String], _ plotIDs: [String]
    ) {
        let list = site.appending("raw_blocks")
        let blockIDs = scenario.site.rawBlocks.map(\.id)
        if !blockIDs.isEmpty { _ = ids(blockIDs, list, "raw block") }
        let plotSet = Set(plotIDs)
        let c = site.appending("cutting")
        if let cut = scenario.site.cutting {
            number(cut.module, c.appending("module"), .positive(ScenarioLimits.length))
            number(cut.minWidth, c.appending("min_width"), .positive(ScenarioLimits.length))
            number(cut.maxWidth, c.appending("max_width"), .positive(ScenarioLimits.length))
            if cut.minWidth.isFinite, cut.maxWidth.isFinite, cut.minWidth > cut.maxWidth {
                report(c.appending("min_width"), "min_width \(Self.show(cut.minWidth)) is above max_width "
                    + "\(Self.show(cut.maxWidth)); expected min_width ≤ max_width")
            }
        }
        for (i, b) in scenario.site.rawBlocks.enumerated() {
            let p = list.appending(i)
            if plotSet.contains(b.id) {
                report(p.appending("id"), "raw block id \(YAMLNodes.quote(b.id)) is also a plot id; expected ids unique "
                    + "among plots and raw blocks")
            }
            reference(b.phase, p.appending("phase"), "phase", phases)
            reference(b.zone, p.appending("zone"), "zone", zones)
            reference(b.powerBlock, p.appending("power_block"), "power block", blocks)
            number(b.rent, p.appending("rent"), .nonNegative(ScenarioLimits.rent))
            number(b.x, p.appending("x"), .magnitude(ScenarioLimits.coordinate))
            number(b.y, p.appending("y"), .magnitude(ScenarioLimits.coordinate))
            number(b.rotation, p.appending("rotation"), .magnitude(ScenarioLimits.rotation))
            number(b.length, p.appending("length"), .positive(ScenarioLimits.length))
            number(b.depth, p.appending("depth"), .positive(ScenarioLimits.length))
            number(b.module, p.appending("module"), .positive(ScenarioLimits.length))
            number(b.minWidth, p.appending("min_width"), .positive(ScenarioLimits.length))
            number(b.maxWidth, p.appending("max_width"), .positive(ScenarioLimits.length))
            guard let rules = b.cutting(defaults: scenario.site.cutting) else {
                let missing = [("module", b.module ?? scenario.site.cutting?.module),
                               ("min_width", b.minWidth ?? scenario.site.cutting?.minWidth),
                               ("max_width", b.maxWidth ?? scenario.site.cutting?.maxWidth)]
                    .filter { $0.1 == nil }.map(\.0)
                report(p, "found no \(missing.joined(separator: ", ")); expected them on the block or in site.cutting")
                continue
            }
            guard [rules.module, rules.minWidth, rules.maxWidth, b.length].allSatisfy({ $0.isFinite && $0 > 0 }) else {
                continue
            }
            if rules.minWidth > rules.maxWidth {
                report(p.appending(b.minWidth == nil ? "max_width" : "min_width"), "min_width "
                    + "\(Self.show(rules.minWidth)) is above max_width \(Self.show(rules.maxWidth)); expected min_width ≤ max_width")
            } else if b.length < rules.minWidth - 1e-6 {
                report(p.appending("length"), "found \(Self.show(b.length)); expected at least min_width "
                    + "\(Self.show(rules.minWidth)), the narrowest kavling")
            }
        }
        if let k = scenario.site.merging?.maxPlots, k < 2 || k > ScenarioLimits.count {
            report(site.appending("merging").appending("max_plots"), "found \(k); expected a whole number from 2 to "
                + ScenarioLimits.show(Double(ScenarioLimits.count)))
        }
        if let rule = scenario.rules.landUse {
            number(rule.maxPlotShare, ScenarioPath.root.appending("rules").appending("land_use").appending("max_plot_share"),
                   Bound(lower: 0, lowerOpen: true, upper: 1))
        }
    }

    private mutating func checkSectors(_ zones: [String]) {
        for (i, sector) in scenario.sectors.enumerated() {
            let z = ScenarioPath.root.appending("sectors").appending(i).appending("zones")
            if sector.zones.isEmpty { report(z, "found an empty list; expected at least one zone id") }
            for (k, zone) in sector.zones.enumerated() { reference(zone, z.appending(k), "zone", zones) }
        }
    }

    private mutating func checkCloseness(_ sectors: [String], _ firms: [String]) {
        let chart = ScenarioPath.root.appending("closeness")
        for (list, ratings, noun, known) in [
            ("sectors", scenario.closeness.sectors, "sector", sectors), ("firms", scenario.closeness.firms, "firm", firms),
        ] {
            var seen: [PairKey: (rating: ClosenessRating, index: Int)] = [:]
            for (i, r) in ratings.enumerated() {
                let p = chart.appending(list).appending(i)
                reference(r.a, p.appending("a"), noun, known)
                reference(r.b, p.appending("b"), noun, known)
                if noun == "firm" && r.a == r.b {
                    report(p.appending("b"), "firm \(YAMLNodes.quote(r.a)) paired with itself; expected two different firms")
                    continue
                }
                let key = PairKey(r.a, r.b)
                if let earlier = seen[key] {
                    if earlier.rating != r.rating {
                        report(
                            p.appending("rating"),
                            "\(r.a)–\(r.b) rated \(r.rating.rawValue) here and \(earlier.rating.rawValue) at "
                                + "\(chart.appending(list).appending(earlier.index)); expected one rating per pair")
                    }
                } else {
                    seen[key] = (r.rating, i)
                }
            }
        }
    }

    /// An unordered pair of ids.
    private struct PairKey: Hashable {
        let a: String, b: String
        init(_ x: String, _ y: String) {
            if x <= y { a = x; b = y } else { a = y; b = x }
        }
    }

    private mutating func checkFirms(_ sectors: [String], _ plots: [String]) {
        let list = ScenarioPath.root.appending("firms")
        let eligibility = Eligibility(scenario: scenario)
        let plotByID = Dictionary(scenario.site.plots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var holder: [String: Int] = [:]
        var promisedTo: [String: Int] = [:]
        for (i, firm) in scenario.firms.enumerated() {
            if shouldStop(at: i) { return }
            let f = list.appending(i)
            reference(firm.sector, f.appending("sector"), "sector", sectors)
            let area = f.appending("area")
            number(firm.area.min, area.appending("min"), .positive(ScenarioLimits.area))
            number(firm.area.max, area.appending("max"), .positive(ScenarioLimits.area))
            if firm.area.min.isFinite, firm.area.max.isFinite, firm.area.min > firm.area.max {
                report(
                    area.appending("min"),
                    "min \(Self.show(firm.area.min)) is above max \(Self.show(firm.area.max)); expected min ≤ max")
            }
            whole(firm.workers, f.appending("workers"), upTo: ScenarioLimits.workers)
            number(firm.turnover, f.appending("turnover"), .nonNegative(ScenarioLimits.turnover))
            number(firm.powerKVA, f.appending("power_kva"), .nonNegative(ScenarioLimits.power))
            number(firm.maxRent, f.appending("max_rent"), .nonNegative(ScenarioLimits.rent))
            number(firm.priority, f.appending("priority"), .nonNegative(ScenarioLimits.priority))
            let worth = scenario.rules.placementValue.value(of: firm)
            let inRange = Bound.nonNegative(ScenarioLimits.turnover).admits(firm.turnover)
                && Bound.nonNegative(ScenarioLimits.priority).admits(firm.priority)
                && (0...ScenarioLimits.workers).contains(firm.workers)
            if inRange, worth.isFinite, worth.magnitude > ScenarioLimits.placementValue {
                report(
                    f,
                    "firm \(YAMLNodes.quote(firm.id)) is worth \(Self.show(worth)) points by rules.placement_value; "
                        + "expected at most \(ScenarioLimits.show(ScenarioLimits.placementValue)) in size (fewer "
                        + "workers, turnover or priority, or smaller weights)")
            }
            if let lock = firm.lock {
                checkLock(lock, of: firm, at: f.appending("lock"), plots: plots, plotByID: plotByID,
                          eligibility: eligibility, sectorKnown: sectors.contains(firm.sector),
                          promisedTo: &promisedTo, firmIndex: i)
            }
            guard let plotID = firm.incumbentPlot else { continue }
            let at = f.appending("incumbent_plot")
            guard let plot = plotByID[plotID] else {
                reference(plotID, at, "plot", plots)
                continue
            }
            if let other = holder[plotID] {
                report(
                    at,
                    "plot \(YAMLNodes.quote(plotID)) is already held by incumbent \(YAMLNodes.quote(scenario.firms[other].id)) "
                        + "(\(list.appending(other))); expected one incumbent per plot")
            } else {
                holder[plotID] = i
            }
            if sectors.contains(firm.sector) {
                let reasons = eligibility.reasons(firm: firm, plot: plot)
                if !reasons.isEmpty {
                    report(
                        at,
                        "firm \(YAMLNodes.quote(firm.id)) may not take its plot \(YAMLNodes.quote(plotID)): "
                            + reasons.map(\.description).joined(separator: ", ") + "; expected a plot it is eligible for")
                }
            }
        }
    }

    /// A firm's lock (``LockRule``): ids that resolve, non-empty allowed lists, and a promised plot that the firm
    /// may take, that no other firm is promised, that its own lock does not rule out, that is not reserved and, for
    /// a fixed incumbent, that is its own plot.
    private mutating func checkLock(
        _ lock: FirmLock, of firm: Firm, at path: ScenarioPath, plots: [String], plotByID: [String: Plot],
        eligibility: Eligibility, sectorKnown: Bool, promisedTo: inout [String: Int], firmIndex: Int
    ) {
        let blocks = scenario.site.powerBlocks.map(\.id)
        for (key, ids, noun, known) in [
            ("allowed_plots", lock.allowedPlots, "plot", plots), ("forbidden_plots", lock.forbiddenPlots, "plot", plots),
            ("allowed_blocks", lock.allowedBlocks, "power block", blocks),
            ("forbidden_blocks", lock.forbiddenBlocks, "power block", blocks),
        ] {
            guard let ids else { continue }
            let p = path.appending(key)
            if ids.isEmpty && key.hasPrefix("allowed") {
                report(p, "found an empty list; expected at least one \(noun) id (leave the key out to allow all)")
            }
            for (k, id) in ids.enumerated() { reference(id, p.appending(k), noun, known) }
        }
        guard let promised = lock.plot else { return }
        let at = path.appending("plot")
        guard let plot = plotByID[promised] else {
            reference(promised, at, "plot", plots)
            return
        }
        let quoted = YAMLNodes.quote(promised), who = YAMLNodes.quote(firm.id)
        if let other = promisedTo[promised] {
            report(at, "plot \(quoted) is already promised to \(YAMLNodes.quote(scenario.firms[other].id)) "
                + "(\(ScenarioPath.root.appending("firms").appending(other).appending("lock").appending("plot"))); "
                + "expected one firm locked to a plot")
        } else {
            promisedTo[promised] = firmIndex
        }
        if sectorKnown {
            let needs = eligibility.needReasons(firm: firm, plot: plot)
            if !needs.isEmpty {
                report(at, "firm \(who) may not take its locked plot \(quoted): "
                    + needs.map(\.description).joined(separator: ", ") + "; expected a plot it is eligible for")
            }
        }
        let locks = LockRule.clauses(firm: firm, plot: plot)
        if !locks.isEmpty {
            report(at, "firm \(who) is locked to \(quoted), which its other locks or the reservation rule out ("
                + locks.joined(separator: ", ") + "); expected a plot they allow")
        }
        if case .fixed = scenario.rules.incumbents, let own = firm.incumbentPlot, own != promised {
            report(at, "incumbent \(who) holds \(YAMLNodes.quote(own)) and the fixed policy keeps it there; "
                + "expected its own plot \(YAMLNodes.quote(own)) or no plot lock")
        }
    }

    /// `rules.geometry`: positive and non-negative lengths; every plot has an outline when a shape rule needs one;
    /// `across_road_within` only with the shared-boundary rule and drawn roads.
    private mutating func checkGeometryRules(_ path: ScenarioPath) {
        let g = scenario.rules.geometry
        number(g.minSharedBoundary, path.appending("min_shared_boundary"), .positive(ScenarioLimits.distance))
        number(g.acrossRoadWithin, path.appending("across_road_within"), .nonNegative(ScenarioLimits.distance))
        if g.acrossRoadWithin != nil {
            if g.neighbours != .sharedBoundary {
                report(path.appending("across_road_within"), "given with neighbours: \(g.neighbours.rawValue); expected "
                    + "it only with neighbours: shared_boundary")
            } else if scenario.site.drawing?.roads.isEmpty ?? true {
                report(path.appending("across_road_within"), "found no drawn roads; expected site.roads_from when "
                    + "neighbours may face each other across a road")
            }
        }
        let buffersMeasureShapes = g.buffers == .polygon && !scenario.rules.buffers.isEmpty
        guard g.needsShapes || buffersMeasureShapes else { return }
        let which = g.neighbours != .centroid ? "neighbours" : g.separation != .centroid ? "separation" : "buffers"
        if let plot = scenario.site.plots.first(where: { scenario.site.shape(of: $0) == nil }) {
            report(path.appending(which), "plot \(YAMLNodes.quote(plot.id)) has no outline; expected every plot drawn "
                + "(site.plots_from) or given a width and depth, since the \(which) rule measures shapes")
        }
    }

    private mutating func checkRules(_ sectors: [String]) {
        let rules = ScenarioPath.root.appending("rules")
        let r = scenario.rules
        number(r.adjacencyDistance, rules.appending("adjacency_distance"), .positive(ScenarioLimits.distance))
        number(r.separationDistance, rules.appending("separation_distance"), .positive(ScenarioLimits.distance))
        let w = rules.appending("rating_weights")
        for (key, v) in [("A", r.ratingWeights.a), ("E", r.ratingWeights.e), ("I", r.ratingWeights.i),
                         ("O", r.ratingWeights.o), ("U", r.ratingWeights.u), ("X", r.ratingWeights.x)] {
            number(v, w.appending(key), .magnitude(ScenarioLimits.weight))
        }
        if case .movable(let penalty) = r.incumbents {
            number(penalty, rules.appending("incumbents").appending("move_penalty"), .nonNegative(ScenarioLimits.movePenalty))
        }
        checkGeometryRules(rules.appending("geometry"))
        var tags: [String] = []
        for firm in scenario.firms where firm.kind == .firm {
            for tag in firm.tags where !tags.contains(tag) { tags.append(tag) }
        }
        for (i, q) in r.quotas.enumerated() {
            let p = rules.appending("quotas").appending(i)
            switch (q.sector, q.tag) {
            case (nil, nil): report(p, "found neither sector nor tag; expected exactly one of them")
            case (.some, .some): report(p, "found both sector and tag; expected exactly one of them")
            case (let sector?, nil): reference(sector, p.appending("sector"), "sector", sectors)
            case (nil, let tag?): reference(tag, p.appending("tag"), "tag", tags)
            }
            if q.minCount == nil && q.minShare == nil {
                report(p, "found neither min_count nor min_share; expected at least one of them")
            }
            whole(q.minCount, p.appending("min_count"), upTo: ScenarioLimits.count)
            number(q.minShare, p.appending("min_share"), .share)
        }
        let v = rules.appending("placement_value")
        let pv = r.placementValue
        for (key, x) in [("base", pv.base), ("per_worker", pv.perWorker), ("per_billion_idr", pv.perBillionIDR),
                         ("per_priority", pv.perPriority)] {
            number(x, v.appending(key), .magnitude(ScenarioLimits.weight))
        }
    }

    private mutating func checkSolver() {
        let s = ScenarioPath.root.appending("solver")
        number(scenario.solver.timeLimit, s.appending("time_limit"), .positive(ScenarioLimits.timeLimit))
        number(scenario.solver.gap, s.appending("gap"), .gap)
        if let w = scenario.solver.workLimit, w < 1 {
            report(s.appending("work_limit"), "found \(w); expected a whole number ≥ 1")
        }
        if let seed = scenario.solver.seed, seed < 0 {
            report(s.appending("seed"), "found \(seed); expected a whole number ≥ 0")
        }
        if let lottery = scenario.solver.lotterySeed, let problem = SolverSettings.lotterySeedProblem(lottery) {
            report(s.appending("lottery_seed"), problem)
        }
    }
}
