import MIPModel
import Estate

/// An allocation model split into street blocks that share no row except a few *linking* rows, for
/// ``LagrangianBound``.
///
/// Each assignment variable `x[f,p]` starts in the block of its plot's power block (in the estates plotalloc reads a
/// power block is a street block). A row whose assignment variables lie in more than one power block links blocks:
/// "each firm at most once" for a firm with plots in several blocks, the quotas, X separation across a road. Every
/// other row ties its variables together (union–find), so a closeness variable joins the block of its plots, and
/// two power blocks with a row in common other than a linking one (e.g. a neighbour pair across their boundary)
/// become one block. Without the linking rows the blocks are independent models; with them priced, their optima
/// add up to a bound on the whole model (see `docs/formulation.md`, section 8).
///
/// A plain value computed once from the model; knows nothing of any solver.
struct BlockDecomposition: Sendable {
    /// One independent part of the model.
    struct Block: Sendable {
        /// Full-model indices of its variables, increasing.
        let variables: [Int]
        /// Full-model indices of the rows among its variables only, increasing.
        let rows: [Int]
    }

    /// The blocks, every model variable in exactly one (a variable in no row is a block of its own).
    let blocks: [Block]
    /// The rows priced by the relaxation, increasing.
    let linkingRows: [Int]
    /// Every row's terms (variable index, coefficient), merged, constants moved into the bounds.
    let rowTerms: [[(variable: Int, coefficient: Double)]]
    /// Every row's lower bound on its terms (−∞ for none).
    let rowLower: [Double]
    /// Every row's upper bound on its terms (+∞ for none).
    let rowUpper: [Double]
    /// Dense objective coefficients.
    let objective: [Double]
    /// The objective's constant.
    let constant: Double
    /// The model the blocks come from.
    let model: Model
    /// Per variable, the firm an assignment variable `x[f,p]` places (−1 for every other variable); empty when the
    /// model was not split from an ``AllocationModel``. Tells ``LagrangianBound`` which linking rows are "each firm at
    /// most once", to price them before any LP is solved.
    let firmOf: [Int]
    /// The number of plots a movable firm can take: with a candidate that is not fixed, not held by a fixed incumbent
    /// (0 when not split from an ``AllocationModel``).
    let plotCount: Int

    /// Splits `allocation`'s model along the power blocks of `scenario`'s plots.
    init(_ allocation: AllocationModel, scenario: Scenario) {
        var blockIndex: [String: Int] = [:]
        for (i, b) in scenario.site.powerBlocks.enumerated() where blockIndex[b.id] == nil { blockIndex[b.id] = i }
        var label = [Int](repeating: -1, count: allocation.model.variables.count)
        for a in allocation.assignmentVariables {
            label[a.variable.index] = blockIndex[scenario.site.plots[a.plot].powerBlock] ?? -1
        }
        var firm = [Int](repeating: -1, count: allocation.model.variables.count)
        for a in allocation.assignmentVariables { firm[a.variable.index] = a.firm }
        // The plots a movable firm can take: those with a candidate that is not fixed, less those a fixed incumbent
        // holds.
        let held = Set(allocation.assignmentVariables.filter(\.isFixed).map(\.plot))
        let open = Set(allocation.assignmentVariables.filter { !$0.isFixed && !held.contains($0.plot) }.map(\.plot))
        self.init(model: allocation.model, labels: label, firmOf: firm, plotCount: open.count)
    }

    /// Splits `model` by `labels` (one per variable; `-1` for a variable that joins the block of the rows it is in):
    /// a row whose labelled variables carry more than one label is linking; every other row ties its variables into
    /// one block.
    ///
    /// `firmOf` and `plotCount` are as the properties of the same names (empty and 0: unknown).
    ///
    /// - Precondition: `labels.count == model.variables.count`, and `firmOf` is empty or as long.
    init(model: Model, labels label: [Int], firmOf: [Int] = [], plotCount: Int = 0) {
        precondition(label.count == model.variables.count, "one label per variable")
        precondition(firmOf.isEmpty || firmOf.count == label.count, "one firm (or -1) per variable")
        self.model = model
        self.firmOf = firmOf
        self.plotCount = plotCount
        let n = model.variables.count
        // The merged row terms and the dense objective, as the search's restrictions read them.
        let incidence = ModelRestriction.Incidence(model)
        let terms = incidence.rows
        let bounds = model.constraints.map { $0.bounds.shifted(by: $0.expression.constant) }
        rowTerms = terms
        rowLower = bounds.map(\.lower)
        rowUpper = bounds.map(\.upper)
        objective = incidence.objective
        constant = model.objective.expression.constant

        var linking: [Int] = []
        var parent = Array(0..<n)
        func find(_ a: Int) -> Int {
            var a = a
            while parent[a] != a {
                parent[a] = parent[parent[a]]
                a = parent[a]
            }
            return a
        }
        for (r, row) in terms.enumerated() {
            var first = -1
            var spans = false
            for t in row where label[t.variable] >= 0 {
                if first < 0 {
                    first = label[t.variable]
                } else if label[t.variable] != first {
                    spans = true
                    break
                }
            }
            if spans {
                linking.append(r)
                continue
            }
            guard let head = row.first?.variable else { continue }
            for t in row.dropFirst() {
                let a = find(head), b = find(t.variable)
                if a != b { parent[a] = b }
            }
        }
        linkingRows = linking

        var members: [Int: [Int]] = [:]
        for v in 0..<n { members[find(v), default: []].append(v) }
        var rowsOf: [Int: [Int]] = [:]
        var isLinking = [Bool](repeating: false, count: terms.count)
        for r in linking { isLinking[r] = true }
        for (r, row) in terms.enumerated() where !isLinking[r] {
            guard let head = row.first?.variable else { continue }
            rowsOf[find(head), default: []].append(r)
        }
        blocks = members.keys.sorted().map { root in
            Block(variables: members[root]!, rows: rowsOf[root] ?? [])
        }
    }

    /// The number of non-zeros of the model's rows.
    var nonZeros: Int { rowTerms.reduce(0) { $0 + $1.count } }

    /// The number of variables of the largest block.
    var largestBlock: Int { blocks.map(\.variables.count).max() ?? 0 }
}
