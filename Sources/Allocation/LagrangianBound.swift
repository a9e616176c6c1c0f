import Foundation
import MIPModel
import GLPKBackend

/// An upper bound on an allocation model's optimum from its street blocks: the linking rows of a
/// ``BlockDecomposition`` are priced, each block is solved as its own small integer program with GLPK, and the
/// prices are improved by subgradient steps.
///
/// For prices `π` (`π_i ≥ 0` on a row's upper bound, `π_i ≤ 0` on its lower bound) every layout satisfies
/// `objective ≤ L(π) = c₀ + Σ_i (π_i⁺ U_i − π_i⁻ L_i) + Σ_b max{ (c − πA)_b x_b : x_b feasible for block b }`,
/// so each `L(π)` whose block maxima are proven (a block's solver bound counts when its solve stops early) is a
/// valid bound; the smallest is reported. Started at the LP relaxation's row duals, `L` is at most the LP bound;
/// the block integer programs then make it lower (`docs/formulation.md`, section 8, with measurements).
///
/// Runs on the calling thread; every GLPK solve is one synchronous call there.
struct LagrangianBound {
    /// How long and how hard to work.
    struct Options: Sendable {
        /// Wall-clock seconds for everything (the LP relaxation included); `nil` for no limit.
        var timeLimit: Double?
        /// When everything must end (the run's deadline), whatever ``timeLimit`` says.
        var deadline: Deadline = .never
        /// Subgradient iterations at most.
        var maxIterations = 200
        /// Seconds one block's solve may take at most.
        var blockTimeLimit = 10.0
        /// Give up when the largest block holds more than this share of the model's variables (no structure to
        /// exploit: the relaxation would be the model itself).
        var largestBlockShare = 0.6
        /// The longest slice of the LP relaxation's simplex on a large model (``GLPKOptions/simplexSliceSeconds``);
        /// `nil` (a reproducible run) for slices that end by their iteration count alone.
        var simplexSliceSeconds: Double?
        /// Models with at least this many non-zeros do not wait for the full LP relaxation (GLPK needs minutes for
        /// it at 800 firms): the prices start from the firms' values (``startingPrices()``) and every block is
        /// solved as its LP relaxation, loaded once and re-solved from its last basis at each price vector. `nil`:
        /// always solve the full LP first and the blocks as integer programs.
        var relaxedBlocksFrom: Int? = GLPKSolver.largeModelNonZeros
        /// The Polyak step aims at most this share of `L` below `L` (an early, poor layout would overshoot).
        var stepCap = 0.005
        /// ``stepCap`` of a run with relaxed blocks (its prices start farther from the optimum's).
        var relaxedStepCap = 0.01
        /// A run with relaxed blocks takes its subgradient at `a·x + (1 − a)·x̄`, a running average of the block
        /// LPs' optima, with this `a`.
        var relaxedAveraging = 0.3
    }

    /// What a run reached (the same value the allocation result reports).
    typealias Outcome = AllocationResult.BlockBoundSummary

    let decomposition: BlockDecomposition

    /// Runs the LP relaxation, then subgradient iterations, until the time limit, `stop`, convergence, or a bound
    /// at or below `target()` (the best layout known elsewhere, or `nil`).
    ///
    /// - Parameters:
    ///   - target: the score of the best known layout (read between iterations; drives the step length, and a bound
    ///     that reaches it proves that layout optimal).
    ///   - improved: called with each better bound as soon as it is proven.
    ///   - stop: ends the run at the next GLPK callback or simplex slice.
    /// - Returns: the bounds reached; never throws (a failing solve ends the run with a note).
    func run(
        _ options: Options, target: () -> Double?, improved: (Double) -> Void, stop: SolveInterrupt
    ) -> Outcome {
        let clock = ContinuousClock()
        let began = clock.now
        var outcome = Outcome()
        iterate(options, target: target, improved: improved, stop: stop, outcome: &outcome,
                elapsed: { Allocator.seconds(since: began, clock) })
        outcome.seconds = Allocator.seconds(since: began, clock)
        return outcome
    }

    private func iterate(
        _ options: Options, target: () -> Double?, improved: (Double) -> Void, stop: SolveInterrupt,
        outcome: inout Outcome, elapsed: () -> Double
    ) {
        func left() -> Double? {
            let limit = options.timeLimit.map { $0 - elapsed() }
            guard let r = options.deadline.remaining else { return limit }
            return min(r, limit ?? r)
        }
        let d = decomposition
        let model = d.model
        guard model.objective.sense == .maximize, !model.variables.isEmpty else {
            outcome.note = "not a maximisation with variables"
            return
        }

        let linking = d.linkingRows
        outcome.linkingRows = linking.count
        let withRows = d.blocks.filter { !$0.rows.isEmpty }
        outcome.blocks = withRows.count
        let structured = !linking.isEmpty && withRows.count > 1
            && Double(d.largestBlock) <= options.largestBlockShare * Double(model.variables.count)
        let relaxed = options.relaxedBlocksFrom.map { d.nonZeros >= $0 } ?? false
        outcome.relaxedBlocks = relaxed

        // 1. The first prices: the LP relaxation's row duals (its optimum is a bound too), or on a large model,
        //    where that LP takes minutes, prices from the firms' values.
        let firstPrices: [Double]
        if relaxed {
            guard structured else {
                outcome.note = "no block structure to price (\(withRows.count) blocks, \(linking.count) linking rows)"
                    + " and the model is too large to wait for its LP relaxation"
                return
            }
            firstPrices = startingPrices()
        } else {
            var lpOptions = GLPKOptions(cuts: [])
            lpOptions.timeLimit = left()
            lpOptions.simplexSliceSeconds = options.simplexSliceSeconds
            let lp: SolveResult
            do {
                lp = try GLPKSolver(options: lpOptions).solve(model.linearRelaxation, interrupt: stop)
            } catch {
                outcome.note = "the LP relaxation failed: \(error)"
                return
            }
            guard lp.termination == .optimal, let lpBound = lp.objective, let duals = lp.duals else {
                outcome.note = "the LP relaxation stopped: \(lp.termination.rawValue)"
                return
            }
            outcome.lpBound = lpBound
            improved(lpBound)
            guard structured else {
                outcome.note = "no block structure to price (\(withRows.count) blocks, \(linking.count) linking rows)"
                return
            }
            firstPrices = linking.map { duals[$0] }
        }

        // Prices live on the linking rows only; π_i is kept inside its sign domain.
        var blockLPOptions = GLPKOptions(cuts: [])
        blockLPOptions.simplexSliceSeconds = options.simplexSliceSeconds
        guard let pricing = Pricing(decomposition: d, relaxed: relaxed ? blockLPOptions : nil, stop: stop,
                                    deadline: options.deadline)
        else {
            outcome.note = "stopped while loading the blocks"
            return
        }
        var pi = firstPrices
        func project(_ k: Int) { pi[k] = pricing.projected(pi[k], row: k) }
        for k in pi.indices { project(k) }

        var starts = [[Double]?](repeating: nil, count: pricing.subModels.count)
        var theta = 1.0
        var best = Double.infinity
        var sinceBest = 0
        var x = [Double](repeating: 0, count: model.variables.count)
        var xbar: [Double] = []

        // A relaxed run evaluates its first prices even when no iteration is asked for (a reproducible run, whose
        // block LPs end by their iteration counts): that is its only bound.
        let iterations = relaxed ? max(1, options.maxIterations) : options.maxIterations
        while outcome.iterations < iterations && !stop.isRequested {
            if let l = left(), l <= 0 { break }
            guard let evaluation = pricing.evaluate(
                pi, starts: &starts, x: &x,
                // A block LP (a relaxed run) may run to the deadline: it is quick from its last basis, and stopped
                // by its iteration count and the deadline alone it gives the same bound on every machine.
                timeLimit: { relaxed ? left() ?? .infinity : min(options.blockTimeLimit, left() ?? .infinity) },
                stop: stop)
            else {
                outcome.note = "a block's solve failed"
                return
            }
            let value = evaluation.value
            let proven = evaluation.proven
            if !proven && (stop.isRequested || (left().map { $0 <= 0 } ?? false)) { break }
            outcome.iterations += 1
            if proven && value < best - 1e-9 * max(1, abs(value)) {
                best = value
                sinceBest = 0
                outcome.lagrangianBound = best
                improved(best)
            } else {
                sinceBest += 1
                if sinceBest >= 3 {
                    theta *= 0.5
                    sinceBest = 0
                }
            }
            let goal = target()
            if let goal, Allocator.bound(best, proves: goal) { break }
            if theta < 1e-3 { break }

            // Subgradient at the block optima: the slack of each linking row at x, on the side π prices.
            // A relaxed run takes it at a running average of the block LPs' optima (as the volume algorithm does):
            // an LP's optimum jumps between vertices from one price vector to the next, and the average damps the
            // zig-zag (800-firm estate, 60 s: 23,555 against 23,641–23,775 without it).
            if relaxed {
                if xbar.isEmpty { xbar = x }
                for j in x.indices { xbar[j] = options.relaxedAveraging * x[j] + (1 - options.relaxedAveraging) * xbar[j] }
            }
            let x = relaxed ? xbar : x
            var g = [Double](repeating: 0, count: linking.count)
            var norm = 0.0
            for (k, r) in linking.enumerated() {
                let ax = d.rowTerms[r].reduce(0.0) { $0 + $1.coefficient * x[$1.variable] }
                let lo = d.rowLower[r], hi = d.rowUpper[r]
                if pi[k] > 1e-12 {
                    g[k] = hi - ax
                } else if pi[k] < -1e-12 {
                    g[k] = lo - ax
                } else if hi.isFinite && ax > hi + 1e-9 {
                    g[k] = hi - ax
                } else if lo.isFinite && ax < lo - 1e-9 {
                    g[k] = lo - ax
                }
                norm += g[k] * g[k]
            }
            if norm < 1e-12 { break }  // x satisfies every linking row with complementary slackness: L is exact
            // Polyak's step towards the best known layout's score; an early, poor layout would overshoot, so the
            // distance is capped at 0.5 % of L (about the gap these estates leave; 1 % in a relaxed run).
            let cap = relaxed ? options.relaxedStepCap : options.stepCap
            let aim = max(goal ?? -.infinity, value - cap * max(1, abs(value)))
            let step = theta * max(value - aim, 1e-6 * max(1, abs(value))) / norm
            for k in pi.indices {
                pi[k] -= step * g[k]
                project(k)
            }
        }
    }

    /// `L(π)` at `prices` (one per linking row, in ``BlockDecomposition/linkingRows`` order; a price outside its
    /// sign domain is first projected into it, as the subgradient does), with every block solved from scratch.
    ///
    /// - Returns: the value, or `nil` when a block maximum was not proven (a block solve failed, stopped without a
    ///   bound, or found its block infeasible) or the model is not a maximisation.
    func value(at prices: [Double], blockTimeLimit: Double = 10, relaxed: Bool = false,
               stop: SolveInterrupt = SolveInterrupt()) -> Double? {
        let d = decomposition
        guard d.model.objective.sense == .maximize, prices.count == d.linkingRows.count,
              let pricing = Pricing(decomposition: d, relaxed: relaxed ? GLPKOptions(cuts: []) : nil, stop: stop,
                                    deadline: .never)
        else { return nil }
        let pi = prices.indices.map { pricing.projected(prices[$0], row: $0) }
        var starts = [[Double]?](repeating: nil, count: pricing.subModels.count)
        var x = [Double](repeating: 0, count: d.model.variables.count)
        guard let evaluation = pricing.evaluate(pi, starts: &starts, x: &x, timeLimit: { blockTimeLimit }, stop: stop),
              evaluation.proven
        else { return nil }
        return evaluation.value
    }

    /// The first prices of a run that does not wait for the LP relaxation: on each linking row "each firm at most
    /// once" (its terms the assignment variables of one firm, coefficient 1, upper bound 1), `max(0, m_f − θ)`, where
    /// `m_f` is the firm's best objective coefficient and `θ` the `m` of the best firm that would find no plot if the
    /// firms took the plots in order of `m` (the (P+1)-th largest, P the plots with candidates); every other linking
    /// row starts at 0. These are the duals of the assignment LP with identical plots and no closeness: a start
    /// that the subgradient steps then correct. Any prices give a bound; these only make the first one nearer.
    func startingPrices() -> [Double] {
        let d = decomposition
        var pi = [Double](repeating: 0, count: d.linkingRows.count)
        guard !d.firmOf.isEmpty, d.plotCount > 0 else { return pi }
        var values: [(row: Int, best: Double)] = []
        for (k, r) in d.linkingRows.enumerated() {
            let terms = d.rowTerms[r]
            guard let firm = terms.first.map({ d.firmOf[$0.variable] }), firm >= 0, d.rowUpper[r] == 1,
                  terms.allSatisfy({ $0.coefficient == 1 && d.firmOf[$0.variable] == firm })
            else { continue }
            values.append((k, terms.map { d.objective[$0.variable] }.max()!))
        }
        let sorted = values.map(\.best).sorted(by: >)
        let theta = sorted.count > d.plotCount ? max(0, sorted[d.plotCount]) : 0
        for (k, best) in values { pi[k] = max(0, best - theta) }
        return pi
    }

    /// The priced linking rows and the blocks as models: evaluates `L(π)`.
    private struct Pricing {
        let decomposition: BlockDecomposition
        /// Per variable: its linking rows (position among the linking rows, coefficient).
        let linksOf: [[(Int, Double)]]
        let subModels: [BlockModel]
        /// With relaxed blocks: each block with rows loaded once as an LP (``programIndex`` gives its place).
        let programs: GLPKLinearPrograms?
        let programIndex: [Int?]

        /// The blocks as integer programs, or with `relaxed` as LPs loaded into GLPK at once (solved with those
        /// options); `nil` when `stop` or `deadline` ended the loading, or a block's LP did not load.
        init?(decomposition d: BlockDecomposition, relaxed: GLPKOptions? = nil, stop: SolveInterrupt? = nil,
              deadline: Deadline = .never) {
            decomposition = d
            var links = [[(Int, Double)]](repeating: [], count: d.model.variables.count)
            for (k, r) in d.linkingRows.enumerated() {
                for t in d.rowTerms[r] { links[t.variable].append((k, t.coefficient)) }
            }
            linksOf = links
            subModels = d.blocks.map { BlockModel(block: $0, decomposition: d) }
            guard let relaxed else {
                programs = nil
                programIndex = subModels.map { _ in nil }
                return
            }
            let lps = GLPKLinearPrograms(options: relaxed)
            var index: [Int?] = []
            for sub in subModels {
                if sub.base.constraints.isEmpty {
                    index.append(nil)
                    continue
                }
                // Maximised; the objective is set at each solve.
                var m = sub.base
                m.setObjective(.maximize, LinearExpression())
                guard let i = try? lps.add(m, interrupt: stop, deadline: deadline) else { return nil }
                index.append(i)
            }
            programs = lps
            programIndex = index
        }

        /// `p` as the price of linking row `k`, inside its sign domain (≥ 0 needs a finite upper bound, ≤ 0 a finite
        /// lower bound; otherwise 0).
        func projected(_ p: Double, row k: Int) -> Double {
            let r = decomposition.linkingRows[k]
            if p > 0 && !decomposition.rowUpper[r].isFinite { return 0 }
            if p < 0 && !decomposition.rowLower[r].isFinite { return 0 }
            return p
        }

        /// What one evaluation of `L(π)` gives: the value and whether every block maximum in it is proven.
        struct Evaluation {
            var value: Double
            var proven: Bool
        }

        /// `L(π) = c₀ + Σ π⁺U − π⁻L + Σ_b max over block b of the priced objective`, `pi` in its sign domain. Each
        /// block contributes its proven maximum (GLPK's bound when its solve stopped early), never an incumbent; a
        /// block without a finite bound or without a solution (infeasible, stopped) makes the value unproven.
        /// Each solved block's solution is written into `x` (full-model indices) and kept as its next start.
        ///
        /// - Returns: `nil` when a block's solve threw.
        func evaluate(_ pi: [Double], starts: inout [[Double]?], x: inout [Double], timeLimit: () -> Double,
                      stop: SolveInterrupt) -> Evaluation? {
            let d = decomposition
            var value = d.constant
            for (k, r) in d.linkingRows.enumerated() {
                if pi[k] > 0 { value += pi[k] * d.rowUpper[r] } else if pi[k] < 0 { value += pi[k] * d.rowLower[r] }
            }
            var proven = value.isFinite
            for (b, sub) in subModels.enumerated() {
                let priced = sub.block.variables.map { v in
                    linksOf[v].reduce(d.objective[v]) { $0 - pi[$1.0] * $1.1 }
                }
                let result: SolveResult?
                if let programs, let i = programIndex[b] {
                    // An LP's optimum bounds the block's integer program; the interrupt or the limit leaves none.
                    result = try? programs.solve(i, objective: priced, interrupt: stop,
                                                 deadline: .after(seconds: timeLimit().isFinite ? max(0.01, timeLimit()) : nil))
                } else {
                    result = sub.solve(priced: priced, start: starts[b], timeLimit: timeLimit(), stop: stop)
                }
                guard let solved = result else { return nil }
                if let values = solved.values {
                    starts[b] = values
                    for (i, v) in sub.block.variables.enumerated() { x[v] = values[i] }
                }
                // GLPK reports "no bound yet" as ±DBL_MAX: only a bound of sensible size is a proven maximum.
                if let bound = solved.bound, bound.isFinite, abs(bound) < 1e100 { value += bound } else { proven = false }
                if solved.values == nil || (programIndex[b] != nil && solved.termination != .optimal) {
                    proven = false
                    break
                }
            }
            return Evaluation(value: value, proven: proven && value.isFinite)
        }
    }

    /// One block as a model of its own, its objective set per iteration.
    private struct BlockModel {
        let block: BlockDecomposition.Block
        let base: Model

        init(block: BlockDecomposition.Block, decomposition d: BlockDecomposition) {
            self.block = block
            var local = [Int: Int]()
            var m = Model()
            for (i, v) in block.variables.enumerated() {
                let def = d.model.variables[v]
                m.addVariable("v\(i)", def.kind, lower: def.lower, upper: def.upper)
                local[v] = i
            }
            for r in block.rows {
                var e = LinearExpression()
                for t in d.rowTerms[r] { e.add(Variable(index: local[t.variable]!), t.coefficient) }
                // The model's own row, its constant and bounds unchanged, over the block's columns.
                let row = d.model.constraints[r]
                e.constant = row.expression.constant
                m.addConstraint("r\(r)", e, row.bounds)
            }
            base = m
        }

        /// The block's maximum under the priced objective: GLPK's result, or a closed form for a block without
        /// rows (each variable at the bound its coefficient favours). `nil` when the solve failed.
        func solve(priced: [Double], start: [Double]?, timeLimit: Double, stop: SolveInterrupt) -> SolveResult? {
            if base.constraints.isEmpty {
                var values: [Double] = []
                var total = 0.0
                for (i, c) in priced.enumerated() {
                    let def = base.variables[i]
                    let v = c > 0 ? def.upper : (c < 0 ? def.lower : max(def.lower, min(0, def.upper)))
                    guard v.isFinite else {
                        return SolveResult(termination: .unbounded, values: nil, objective: nil, bound: nil,
                                           relativeGap: nil, seconds: 0, nodes: 0, rawStatus: "unbounded block")
                    }
                    values.append(v)
                    total += c * v
                }
                return SolveResult(termination: .optimal, values: values, objective: total, bound: total,
                                   relativeGap: 0, seconds: 0, nodes: 0, rawStatus: "closed form")
            }
            var m = base
            var objective = LinearExpression()
            for (i, c) in priced.enumerated() where c != 0 { objective.add(Variable(index: i), c) }
            m.setObjective(.maximize, objective)
            var options = GLPKOptions()
            options.timeLimit = max(0.01, timeLimit)
            options.progressInterval = 0
            // No cut rounds: these block models are small and GLPK's cuts cost more than they save (measured on
            // the expansion case: 29 iterations in 40 s without cuts, 8 with all four; `docs/formulation.md`, §8).
            // The block's previous solution, still feasible (only the objective changed), is the start.
            options.cuts = []
            let usable = start.flatMap { m.firstViolation(of: $0) == nil ? $0 : nil }
            return try? GLPKSolver(options: options).solve(m, start: usable, interrupt: stop)
        }
    }
}
