import PlotAllocSupport
import MIPModel

/// A greedy construction with repair and local search for a ``GAPInstance``: a feasible start for the solver.
///
/// Construction follows Martello and Toth's regret greedy under four desirability measures (profit, profit per
/// resource, −resource, −resource share of capacity); a job that fits no agent goes where it overflows least, and
/// overloads are then repaired by shifting and swapping jobs. Each feasible result is improved by shift and swap moves
/// to a local optimum. The best is then improved by iterated local search: a few jobs are kicked to random agents,
/// the overload repaired and the result improved again, kept when it is no worse. Deterministic (fixed seed) apart
/// from where the time budget cuts the search.
public enum GAPHeuristic {
    /// A feasible assignment (agent of each job, 0-based) good for `sense`, or `nil` when none was found (the
    /// instance may be infeasible, or merely hard to fill).
    ///
    /// - Parameters:
    ///   - budget: at most this many seconds of iterated local search (0 for construction and descent only).
    ///   - stall: stop the iterated search after this many kicks without a new best, `nil` for 10 × jobs.
    public static func solve(_ instance: GAPInstance, sense: ObjectiveSense, budget: Double = 0,
                             stall: Int? = nil) -> [Int]? {
        let m = instance.agents, n = instance.jobs
        guard m > 0, n > 0 else { return nil }
        let sign = sense == .maximize ? 1 : -1
        let profit = instance.costs.map { $0.map { $0 * sign } }
        let r = instance.resources, cap = instance.capacities
        let measures: [(Int, Int) -> Double] = [
            { i, j in Double(profit[i][j]) },
            { i, j in Double(profit[i][j]) / Double(max(r[i][j], 1)) },
            { i, j in -Double(r[i][j]) },
            { i, j in -Double(r[i][j]) / Double(max(cap[i], 1)) },
        ]
        var best: [Int]?
        var bestProfit = Int.min
        for measure in measures {
            var a = greedy(m: m, n: n, r: r, cap: cap, desirability: measure)
            guard repair(&a, m: m, n: n, profit: profit, r: r, cap: cap) else { continue }
            improve(&a, m: m, n: n, profit: profit, r: r, cap: cap)
            let total = a.enumerated().reduce(0) { $0 + profit[$1.element][$1.offset] }
            if total > bestProfit {
                bestProfit = total
                best = a
            }
        }
        guard var current = best, budget > 0 else { return best }
        // Iterated local search from the best construction.
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int((budget * 1000).rounded()))
        var rng = SeededGenerator(seed: 0x6A09_E667_F3BC_C908)
        var currentProfit = bestProfit
        let stallLimit = stall ?? 10 * n
        var sinceBest = 0
        var iteration = 0
        while sinceBest < stallLimit {
            iteration += 1
            if iteration % 16 == 0 && clock.now >= deadline { break }
            var a = current
            let kicks = 2 + Int(rng.next() % 3)
            for _ in 0..<kicks {
                let j = Int(rng.next() % UInt64(n))
                if m > 1 { a[j] = (a[j] + 1 + Int(rng.next() % UInt64(m - 1))) % m }
            }
            sinceBest += 1
            guard repair(&a, m: m, n: n, profit: profit, r: r, cap: cap) else { continue }
            improve(&a, m: m, n: n, profit: profit, r: r, cap: cap)
            let total = a.enumerated().reduce(0) { $0 + profit[$1.element][$1.offset] }
            if total >= currentProfit {
                current = a
                currentProfit = total
            }
            if total > bestProfit {
                bestProfit = total
                best = a
                sinceBest = 0
            }
        }
        return best
    }

    /// Regret greedy: repeatedly assigns the job whose best feasible agent leads its second best the most.
    static func greedy(m: Int, n: Int, r: [[Int]], cap: [Int], desirability f: (Int, Int) -> Double) -> [Int] {
        var residual = cap
        var agentOf = [Int](repeating: -1, count: n)
        var open = Array(0..<n)
        let score = (0..<m).map { i in (0..<n).map { j in f(i, j) } }
        while !open.isEmpty {
            var pick = -1, pickAgent = -1
            var pickRegret = -Double.infinity
            for (k, j) in open.enumerated() {
                var first = -Double.infinity, second = -Double.infinity, agent = -1
                for i in 0..<m where r[i][j] <= residual[i] {
                    let s = score[i][j]
                    if s > first { second = first; first = s; agent = i } else if s > second { second = s }
                }
                if agent < 0 {
                    // Fits nowhere: place it now where it overflows least; repair deals with it.
                    pick = k
                    pickAgent = (0..<m).min { r[$0][j] - residual[$0] < r[$1][j] - residual[$1] }!
                    break
                }
                let regret = second == -.infinity ? Double.infinity : first - second
                if regret > pickRegret { pickRegret = regret; pick = k; pickAgent = agent }
            }
            let j = open.remove(at: pick)
            agentOf[j] = pickAgent
            residual[pickAgent] -= r[pickAgent][j]
        }
        return agentOf
    }

    /// Removes overloads by shifting or swapping jobs out of overloaded agents, cheapest profit loss first.
    /// Returns whether the assignment is feasible afterwards.
    static func repair(_ a: inout [Int], m: Int, n: Int, profit: [[Int]], r: [[Int]], cap: [Int]) -> Bool {
        var load = [Int](repeating: 0, count: m)
        for j in 0..<n { load[a[j]] += r[a[j]][j] }
        var rounds = 0
        while let over = (0..<m).first(where: { load[$0] > cap[$0] }) {
            rounds += 1
            if rounds > 10 * n { return false }
            // Best shift: a job of `over` to an agent where it fits, least profit lost.
            var bestJob = -1, bestTo = -1, bestLoss = Int.max
            for j in 0..<n where a[j] == over {
                for k in 0..<m where k != over && load[k] + r[k][j] <= cap[k] {
                    let loss = profit[over][j] - profit[k][j]
                    if loss < bestLoss { bestLoss = loss; bestJob = j; bestTo = k }
                }
            }
            if bestJob >= 0 {
                load[over] -= r[over][bestJob]
                load[bestTo] += r[bestTo][bestJob]
                a[bestJob] = bestTo
                continue
            }
            // Otherwise a swap that lowers the overload without overloading the partner.
            var s1 = -1, s2 = -1, bestReduction = 0
            for j1 in 0..<n where a[j1] == over {
                for j2 in 0..<n where a[j2] != over {
                    let k = a[j2]
                    let newOver = load[over] - r[over][j1] + r[over][j2]
                    let newK = load[k] - r[k][j2] + r[k][j1]
                    guard newK <= cap[k] else { continue }
                    let reduction = load[over] - newOver
                    if reduction > bestReduction { bestReduction = reduction; s1 = j1; s2 = j2 }
                }
            }
            guard s1 >= 0 else { return false }
            let k = a[s2]
            load[over] += r[over][s2] - r[over][s1]
            load[k] += r[k][s1] - r[k][s2]
            a[s1] = k
            a[s2] = over
        }
        return true
    }

    /// First-improvement local search with shift and swap moves that keep every capacity.
    static func improve(_ a: inout [Int], m: Int, n: Int, profit: [[Int]], r: [[Int]], cap: [Int]) {
        var load = [Int](repeating: 0, count: m)
        for j in 0..<n { load[a[j]] += r[a[j]][j] }
        var improved = true
        while improved {
            improved = false
            for j in 0..<n {
                let i = a[j]
                for k in 0..<m where k != i && profit[k][j] > profit[i][j] && load[k] + r[k][j] <= cap[k] {
                    load[i] -= r[i][j]
                    load[k] += r[k][j]
                    a[j] = k
                    improved = true
                    break
                }
            }
            for j1 in 0..<n {
                for j2 in (j1 + 1)..<max(j1 + 1, n) {
                    let i1 = a[j1], i2 = a[j2]
                    guard i1 != i2 else { continue }
                    let gain = profit[i2][j1] + profit[i1][j2] - profit[i1][j1] - profit[i2][j2]
                    guard gain > 0,
                          load[i1] - r[i1][j1] + r[i1][j2] <= cap[i1],
                          load[i2] - r[i2][j2] + r[i2][j1] <= cap[i2] else { continue }
                    load[i1] += r[i1][j2] - r[i1][j1]
                    load[i2] += r[i2][j1] - r[i2][j2]
                    a[j1] = i2
                    a[j2] = i1
                    improved = true
                }
            }
        }
    }
}
