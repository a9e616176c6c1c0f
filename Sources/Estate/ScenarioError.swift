/// Why a scenario could not be loaded or checked: every problem found, in file order, up to a cap.
///
/// Its `description` is the diagnostics' lines joined with newlines (syntax errors add their source line and caret),
/// followed by `file: note: N more errors not shown` when more than ``ScenarioLoader/maxErrors`` were found.
/// Never empty: a thrown `ScenarioError` holds at least one diagnostic.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for callers that react differently (the CLI maps all to exit code 2).
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The file could not be read (missing, unreadable, not UTF-8).
        case unreadable
        /// The text is not well-formed YAML (libyaml's scanner, parser or composer stopped).
        case syntax
        /// Well-formed YAML that breaks the format or its rules.
        case invalid
    }

    /// The kind of failure.
    public var kind: Kind
    /// The problems reported, at most ``ScenarioLoader/maxErrors``, in file order.
    public var diagnostics: [ScenarioDiagnostic]
    /// How many more problems were found but not reported.
    public var omitted: Int

    /// Makes an error; `diagnostics` beyond `cap` are counted in ``omitted``.
    public init(kind: Kind, diagnostics: [ScenarioDiagnostic], cap: Int = ScenarioLoader.maxErrors) {
        self.kind = kind
        self.diagnostics = Array(diagnostics.prefix(cap))
        self.omitted = max(0, diagnostics.count - cap)
    }

    /// The diagnostics' lines, one per problem (syntax errors followed by their snippet), then the omission note.
    public var description: String {
        var lines = diagnostics.map(\.description)
        if omitted > 0, let file = diagnostics.first?.file {
            lines.append("\(file): note: \(omitted) more error\(omitted == 1 ? "" : "s") not shown")
        }
        return lines.joined(separator: "\n")
    }
}
