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

        // 1. The LP relaxation: its optimum is a bound, its row duals the first prices.
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

        let linking = d.linkingRows
        outcome.linkingRows = linking.count
        let withRows = d.blocks.filter { !$0.rows.isEmpty }
        outcome.blocks = withRows.count
        guard !linking.isEmpty, withRows.count > 1,
              Double(d.largestBlock) <= options.largestBlockShare * Double(model.variables.count) else {
            outcome.note = "no block structure to price (\(withRows.count) blocks, \(linking.count) linking rows)"
            return
        }

        // Prices live on the linking rows only; π_i is kept inside its sign domain.
        let pricing = Pricing(decomposition: d)
        var pi = linking.map { duals[$0] }
        func project(_ k: Int) { pi[k] = pricing.projected(pi[k], row: k) }
        for k in pi.indices { project(k) }

        var starts = [[Double]?](repeating: nil, count: pricing.subModels.count)
        var theta = 1.0
        var best = Double.infinity
        var sinceBest = 0
        var x = [Double](repeating: 0, count: model.variables.count)

        while outcome.iterations < options.maxIterations && !stop.isRequested {
            if let l = left(), l <= 0 { break }
            guard let evaluation = pricing.evaluate(
                pi, starts: &starts, x: &x, timeLimit: { min(options.blockTimeLimit, left() ?? .infinity) }, stop: stop)
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
            // distance is capped at 0.5 % of L (about the gap these estates leave).
            let aim = max(goal ?? -.infinity, value - 0.005 * max(1, abs(value)))
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
    func value(at prices: [Double], blockTimeLimit: Double = 10, stop: SolveInterrupt = SolveInterrupt()) -> Double? {
        let d = decomposition
        guard d.model.objective.sense == .maximize, prices.count == d.linkingRows.count else { return nil }
        let pricing = Pricing(decomposition: d)
        let pi = prices.indices.map { pricing.projected(prices[$0], row: $0) }
        var starts = [[Double]?](repeating: nil, count: pricing.subModels.count)
        var x = [Double](repeating: 0, count: d.model.variables.count)
        guard let evaluation = pricing.evaluate(pi, starts: &starts, x: &x, timeLimit: { blockTimeLimit }, stop: stop),
              evaluation.proven
        else { return nil }
        return evaluation.value
    }

    /// The priced linking rows and the blocks as models: evaluates `L(π)`.
    private struct Pricing {
        let decomposition: BlockDecomposition
        /// Per variable: its linking rows (position among the linking rows, coefficient).
        let linksOf: [[(Int, Double)]]
        let subModels: [BlockModel]

        init(decomposition d: BlockDecomposition) {
            decomposition = d
            var links = [[(Int, Double)]](repeating: [], count: d.model.variables.count)
            for (k, r) in d.linkingRows.enumerated() {
                for t in d.rowTerms[r] { links[t.variable].append((k, t.coefficient)) }
            }
            linksOf = links
            subModels = d.blocks.map { BlockModel(block: $0, decomposition: d) }
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
                guard let solved = sub.solve(priced: priced, start: starts[b], timeLimit: timeLimit(), stop: stop)
                else { return nil }
                if let values = solved.values {
                    starts[b] = values
                    for (i, v) in sub.block.variables.enumerated() { x[v] = values[i] }
                }
                // GLPK reports "no bound yet" as ±DBL_MAX: only a bound of sensible size is a proven maximum.
                if let bound = solved.bound, bound.isFinite, abs(bound) < 1e100 { value += bound } else { proven = false }
                if solved.values == nil { proven = false; break }
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
