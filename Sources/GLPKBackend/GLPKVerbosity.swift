/// How much GLPK itself prints (`msg_lev`). GLPK's output goes to standard error, never standard output.
public enum GLPKVerbosity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing (`GLP_MSG_OFF`), the default.
    case off
    /// Errors and warnings only (`GLP_MSG_ERR`).
    case errors
    /// Normal output (`GLP_MSG_ON`).
    case normal
    /// Everything, for debugging (`GLP_MSG_ALL`).
    case all
}
