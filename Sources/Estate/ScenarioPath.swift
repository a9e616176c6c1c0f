/// A key path into a scenario document, e.g. `firms[12].area.min`, as diagnostics print it.
///
/// The empty path (the document itself) prints as `<root>`.
struct ScenarioPath: Sendable, Hashable, CustomStringConvertible {
    /// One step: a mapping key or a list index.
    enum Component: Sendable, Hashable {
        /// A mapping key.
        case key(String)
        /// A zero-based list index.
        case index(Int)
    }

    /// The steps from the document root.
    var components: [Component]

    /// Makes a path from its steps.
    init(_ components: [Component] = []) {
        self.components = components
    }

    /// The document root.
    static let root = ScenarioPath()

    /// This path followed by mapping key `key`.
    func appending(_ key: String) -> ScenarioPath { ScenarioPath(components + [.key(key)]) }

    /// This path followed by list index `index`.
    func appending(_ index: Int) -> ScenarioPath { ScenarioPath(components + [.index(index)]) }

    var description: String {
        if components.isEmpty { return "<root>" }
        var s = ""
        for c in components {
            switch c {
            case .key(let k): s += s.isEmpty ? k : "." + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}
