internal import CGLPK
import MIPModel

/// Owns one `glp_prob` loaded from a validated ``Model``; deletes it in `deinit`.
///
/// Bound to the thread that made it (GLPK's environment is per thread): it is created, used and released inside one
/// synchronous call of ``GLPKSolver`` and never stored. Model names are passed to GLPK only for file export, and
/// then only in a sanitised form (ASCII letters, digits and `_`, at most 64 characters, unique); user text never
/// reaches GLPK otherwise.
final class GLPKProblem {
    /// The GLPK handle; valid until `deinit` or ``environmentWasFreed()``.
    let handle: OpaquePointer
    /// Set when GLPK's environment was freed after an internal error: the handle is gone and must not be deleted.
    private var freedWithEnvironment = false

    /// Whether every row was loaded: `false` when `stop` ended the loading (the problem is then partial, to be
    /// deleted, never solved).
    private(set) var isComplete = true

    /// Rows loaded between two looks at `stop` (a fraction of a millisecond each on the largest models).
    static let rowsPerStopCheck = 1024

    /// Loads `model`, which must already have passed ``Model/validate()``.
    ///
    /// Loading a large model takes long (about 0.4 s of processor time for the 3.3 M non-zeros of the 1,600-firm
    /// estate), so it looks at `stop` before the columns and every ``rowsPerStopCheck`` rows: when `stop` returns
    /// `true` (the deadline passed, an interrupt), loading ends there and ``isComplete`` is `false`.
    ///
    /// - Parameters:
    ///   - names: whether to give rows and columns sanitised names (for LP/MPS files). Files also carry a non-zero
    ///     objective constant as an extra column `objective_constant` fixed at 1.
    ///   - stop: asked between pieces of work whether to give up; `nil` loads the whole model.
    init(model: Model, names: Bool, stop: (() -> Bool)? = nil) {
        handle = glp_create_prob()
        if stop?() == true {
            isComplete = false
            return
        }
        let n = model.variables.count
        let m = model.constraints.count
        glp_set_obj_dir(handle, model.objective.sense == .maximize ? GLP_MAX : GLP_MIN)
        if n > 0 { glp_add_cols(handle, Int32(n)) }
        if m > 0 { glp_add_rows(handle, Int32(m)) }

        var colNames = NameSanitizer(prefix: "x")
        for (i, v) in model.variables.enumerated() {
            let j = Int32(i + 1)
            if v.kind.isIntegral { glp_set_col_kind(handle, j, GLP_IV) }
            let (type, lo, hi) = Self.boundType(lower: v.lower, upper: v.upper)
            glp_set_col_bnds(handle, j, type, lo, hi)
            if names { glp_set_col_name(handle, j, colNames.name(for: v.name, index: i)) }
        }

        let objective = model.objective.expression.normalized()
        for term in objective.terms { glp_set_obj_coef(handle, Int32(term.variable.index + 1), term.coefficient) }
        if names && objective.constant != 0 {
            // GLPK's LP writer keeps the objective constant only as a comment, and MPS readers disagree on its
            // sign: in files, carry it as a column fixed at 1 so that every solver reads the same objective.
            let j = glp_add_cols(handle, 1)
            glp_set_col_bnds(handle, j, GLP_FX, 1, 1)
            glp_set_obj_coef(handle, j, objective.constant)
            glp_set_col_name(handle, j, colNames.name(for: "objective_constant", index: n))
        } else {
            glp_set_obj_coef(handle, 0, objective.constant)
        }

        // Row by row (`glp_set_mat_row`, linear in the row like `glp_load_matrix` in the whole matrix, and giving
        // the same element lists), so that `stop` can end it between rows.
        var rowNames = NameSanitizer(prefix: "r")
        var ind: [Int32] = [0]
        var val: [Double] = [0]
        for (r, c) in model.constraints.enumerated() {
            if r % Self.rowsPerStopCheck == 0 && r > 0 && stop?() == true {
                isComplete = false
                return
            }
            let i = Int32(r + 1)
            let expr = c.expression.normalized()
            let bounds = c.bounds.shifted(by: expr.constant)
            let (type, lo, hi) = Self.boundType(lower: bounds.lower, upper: bounds.upper)
            glp_set_row_bnds(handle, i, type, lo, hi)
            if names { glp_set_row_name(handle, i, rowNames.name(for: c.name, index: r)) }
            ind.removeAll(keepingCapacity: true)
            val.removeAll(keepingCapacity: true)
            ind.append(0)
            val.append(0)
            for term in expr.terms {
                ind.append(Int32(term.variable.index + 1))
                val.append(term.coefficient)
            }
            if expr.terms.count > 0 { glp_set_mat_row(handle, i, Int32(expr.terms.count), ind, val) }
        }
    }

    deinit {
        if !freedWithEnvironment { glp_delete_prob(handle) }
    }

    /// Records that `glp_free_env` released this problem (after a guarded call returned `PLOTALLOC_GLPK_ABORTED`).
    func environmentWasFreed() {
        freedWithEnvironment = true
    }

    /// GLPK's bound type for a lower and upper limit (either may be infinite; `lower ≤ upper` already checked).
    static func boundType(lower: Double, upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (GLP_FR, 0, 0)
        case (true, false): (GLP_LO, lower, 0)
        case (false, true): (GLP_UP, 0, upper)
        case (true, true): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    /// The column values of the current MIP solution, in model order.
    func mipValues(count: Int) -> [Double] {
        (0..<count).map { glp_mip_col_val(handle, Int32($0 + 1)) }
    }

    /// The row dual values of the current basic (LP) solution, in model order (GLPK's `glp_get_row_dual`: the
    /// objective's rate of change per unit of the row's activity).
    func lpRowDuals(count: Int) -> [Double] {
        (0..<count).map { glp_get_row_dual(handle, Int32($0 + 1)) }
    }

    /// The column values of the current basic (LP) solution, in model order.
    func lpValues(count: Int) -> [Double] {
        (0..<count).map { glp_get_col_prim(handle, Int32($0 + 1)) }
    }
}

@available(*, unavailable, message: "a GLPK problem belongs to the thread that created it")
extension GLPKProblem: Sendable {}

/// Makes GLPK-safe, unique row and column names from arbitrary model names.
struct NameSanitizer {
    let prefix: String
    private var used: Set<String> = []

    init(prefix: String) { self.prefix = prefix }

    /// A name of ASCII letters, digits and `_`, starting with a letter, at most 64 characters, not used before.
    mutating func name(for raw: String, index: Int) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            let c = Character(scalar)
            if scalar.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if !out.hasSuffix("_") { out.append("_") }
            if out.count >= 56 { break }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty || !(out.first!.isLetter) { out = prefix + "_" + out }
        if used.contains(out) { out += "_\(index + 1)" }
        used.insert(out)
        return out
    }
}
