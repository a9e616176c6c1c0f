/// A phase of a run, as named when a time limit or an interrupt stopped it (``AllocationResult/stoppedIn``).
public enum RunPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// Reading the scenario (``ScenarioLoader/load(path:watch:)``): no scenario, no layout.
    case load
    /// Building the integer program (``Formulation``).
    case formulate
    /// The warm-start search (``LayoutSearch``).
    case search
    /// GLPK: its root LP (solved by plotalloc in slices) or its branch-and-cut.
    case solve
    /// Explaining an infeasible scenario, or why a firm is not placed.
    case explain
    /// Looking for alternative layouts.
    case alternatives

    /// The phase in plain words, e.g. "the solver's branch-and-cut or root LP".
    public var phrase: String {
        switch self {
        case .load: "reading the scenario"
        case .formulate: "building the model"
        case .search: "the warm-start search"
        case .solve: "the solver (GLPK's root LP or branch-and-cut)"
        case .explain: "the explanation"
        case .alternatives: "the search for alternatives"
        }
    }
}
