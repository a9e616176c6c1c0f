/// Why a "why not this firm?" question could not be answered. Each case prints one line.
public enum WhyNotError: Error, Sendable, CustomStringConvertible {
    /// The firm id is not in the scenario; `suggestion` is the closest id, when one is close.
    case unknownFirm(String, suggestion: String?)
    /// A solve failed or its layout did not verify.
    case allocation(AllocationError)

    public var description: String {
        switch self {
        case .unknownFirm(let id, let suggestion):
            "--explain: firm \(id) is not in the scenario; expected a firm id"
                + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        case .allocation(let e): e.description
        }
    }
}
