import Estate

extension WhyNotExplainer {
    /// Checks that `firmID` names a firm of `scenario`, without solving anything (so a command line can refuse a
    /// misspelt id before a long solve).
    ///
    /// - Throws: ``WhyNotError/unknownFirm(_:suggestion:)`` with the closest id when one is close (e.g. `f3` for
    ///   `F3`).
    public static func validate(firm firmID: String, in scenario: Scenario) throws(WhyNotError) {
        guard !scenario.firms.contains(where: { $0.id == firmID }) else { return }
        throw .unknownFirm(firmID, suggestion: DidYouMean.suggestion(for: firmID, among: scenario.firms.map(\.id)))
    }
}
