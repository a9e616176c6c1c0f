internal import CGLPK

extension GLPKSolver {
    /// Frees the calling thread's GLPK environment (GLPK keeps one per thread and frees it only when asked); call
    /// it last on a thread that used GLPK and is about to end, so that the thread's GLPK memory does not leak.
    ///
    /// - Precondition: no GLPK problem of this thread is alive (every ``solve(_:start:progress:interrupt:)`` has
    ///   returned). A thread without a GLPK environment is left as it is; a later solve on the thread makes a new one.
    package static func releaseThreadEnvironment() {
        _ = glp_free_env()
    }
}
