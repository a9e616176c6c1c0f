internal import CGLPK
import Foundation
import PlotAllocSupport
import MIPModel

extension GLPKSolver {
    /// Writes `model` to `path` in `format` with GLPK's own writer, whole or not at all.
    ///
    /// GLPK writes to a fresh temporary file (whose name is ours, never user text); the file is then moved into
    /// place (``AtomicFile/move(_:to:prefix:)``: a regular file is replaced whole, a device or `-` is written
    /// through), so a failed write leaves no partial file at `path`. Row and column names are sanitised model
    /// names.
    ///
    /// Free MPS has no objective sense every reader agrees on (GLPK 5.0's reader refuses an `OBJSENSE` section;
    /// other solvers minimise when there is none), so a maximisation is written negated, as the minimisation of
    /// minus the objective (its constant column included), and the file's first lines say so: a reader's optimum
    /// is minus the score (``mpsNegationNote``). A minimisation is written as it is. A model with variables but no
    /// constraint gets one row restating a variable's bound (GLPK's writers fail on a model without rows: the LP
    /// writer writes an empty problem, the MPS writer aborts the process).
    ///
    /// - Throws: ``GLPKError/invalidModel(_:)`` when the model does not validate, ``GLPKError/writeFailed(path:reason:)``
    ///   when GLPK or the file system fails.
    public func write(_ model: Model, format: ModelFileFormat, to path: String) throws(GLPKError) {
        do { try model.validate() } catch { throw .invalidModel(error) }
        var written = model
        var header = ""
        if format == .freeMPS && model.objective.sense == .maximize {
            var negated = LinearExpression()
            negated.add(model.objective.expression, times: -1)
            written.objective = Objective(sense: .minimize, expression: negated)
            header = Self.mpsNegationNote
        }
        if written.constraints.isEmpty, let (index, v) = written.variables.enumerated()
            .first(where: { $0.1.upper.isFinite || $0.1.lower.isFinite }) {
            // GLPK's writers need a row: with none, its LP writer writes an empty problem no reader takes and its
            // MPS writer aborts the process. A row restating one variable's own bound changes nothing.
            written.addConstraint("no_constraints", [(Variable(index: index), 1)],
                                  v.upper.isFinite ? .lessOrEqual(v.upper) : .greaterOrEqual(v.lower))
        }
        let tmp = AtomicFile.scratchFile(extension: format.rawValue)
        defer { AtomicFile.forget(tmp) }
        let problem = GLPKProblem(model: written, names: true)
        let terminal = GLPKTerminal(echo: options.verbosity != .off)
        terminal.install()
        let rc: Int32 = tmp.path.withCString { cpath in
            switch format {
            case .cplexLP: glp_write_lp(problem.handle, nil, cpath)
            case .freeMPS: glp_write_mps(problem.handle, GLP_MPS_FILE, nil, cpath)
            }
        }
        terminal.uninstall()
        guard rc == 0 else { throw .writeFailed(path: path, reason: "GLPK's writer failed: \(terminal.lastLine)") }
        do {
            try AtomicFile.move(tmp, to: path, prefix: Data(header.utf8))
        } catch {
            throw .writeFailed(path: path, reason: error.reason)
        }
    }

    /// The comment lines at the top of a free MPS file of a maximisation, which is written negated.
    public static let mpsNegationNote = """
        * plotalloc: NEGATED OBJECTIVE. The model maximises the score; MPS has no objective sense every reader
        * accepts (GLPK refuses OBJSENSE), so this file MINIMISES MINUS THE SCORE. Solve it as a minimisation
        * (the default of every MPS reader) and negate the optimum: the score is -(reported objective).

        """
}
