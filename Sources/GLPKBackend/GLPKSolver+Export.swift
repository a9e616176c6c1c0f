internal import CGLPK
import Foundation
import PlotAllocSupport
import MIPModel

extension GLPKSolver {
    /// Writes `model` to `path` in `format` with GLPK's own writer, whole or not at all.
    ///
    /// GLPK writes to a fresh temporary file (whose name is ours, never user text); the file is then moved into
    /// place, so a failed write leaves no partial file at `path`. Row and column names are sanitised model names.
    ///
    /// - Throws: ``GLPKError/invalidModel(_:)`` when the model does not validate, ``GLPKError/writeFailed(path:reason:)``
    ///   when GLPK or the file system fails.
    public func write(_ model: Model, format: ModelFileFormat, to path: String) throws(GLPKError) {
        do { try model.validate() } catch { throw .invalidModel(error) }
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("plotalloc-\(UUID().uuidString).\(format.rawValue)")
        defer { try? fm.removeItem(at: tmp) }
        let problem = GLPKProblem(model: model, names: true)
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
            try AtomicFile.replace(at: URL(fileURLWithPath: path), with: tmp)
        } catch {
            throw .writeFailed(path: path, reason: "\(error.localizedDescription)")
        }
    }
}
