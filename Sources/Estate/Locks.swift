/// A planner's lock on one firm, decided before solving: a promised plot, or the plots or power (street) blocks it
/// may or may not take. The YAML key `firms[].lock`; ``LockRule`` is the one place that applies it.
public struct FirmLock: Sendable, Hashable, Codable {
    /// The plot the firm is promised: it must be placed, there.
    public var plot: String?
    /// When set, the only plots it may take.
    public var allowedPlots: [String]?
    /// Plots it may not take.
    public var forbiddenPlots: [String]?
    /// When set, the only power (street) blocks whose plots it may take.
    public var allowedBlocks: [String]?
    /// Power (street) blocks whose plots it may not take.
    public var forbiddenBlocks: [String]?

    /// Makes a lock; all parts unset by default.
    public init(plot: String? = nil, allowedPlots: [String]? = nil, forbiddenPlots: [String]? = nil,
                allowedBlocks: [String]? = nil, forbiddenBlocks: [String]? = nil) {
        self.plot = plot
        self.allowedPlots = allowedPlots
        self.forbiddenPlots = forbiddenPlots
        self.allowedBlocks = allowedBlocks
        self.forbiddenBlocks = forbiddenBlocks
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case plot, allowedPlots = "allowed_plots", forbiddenPlots = "forbidden_plots"
        case allowedBlocks = "allowed_blocks", forbiddenBlocks = "forbidden_blocks"
    }
}

/// The lock rules, written once: which plots a firm's ``FirmLock`` and the plots' `reserved` flags rule out, which
/// firms must be placed because of a lock, and the words for them. ``Eligibility`` adds these reasons to its own, so
/// the formulation (no variable for a locked-out pair), the verifier (``Violation/Rule/lock``), `check` and the
/// explanations all apply them; ``ScenarioValidator`` checks the locks' ids and contradictions before that.
public enum LockRule {
    /// The reasons locks and reserved plots give why `firm` may not take `plot`; empty when they allow it.
    public static func reasons(firm: Firm, plot: Plot) -> [IneligibilityReason] {
        var out: [IneligibilityReason] = []
        if plot.reserved { out.append(.reserved(plot: plot.id)) }
        guard let lock = firm.lock else { return out }
        if let promised = lock.plot, promised != plot.id {
            out.append(.lockedToOtherPlot(firm: firm.id, plot: promised))
        }
        if let allowed = lock.allowedPlots, !allowed.contains(plot.id) {
            out.append(.lockedOutOfPlot(firm: firm.id, plot: plot.id))
        }
        if let forbidden = lock.forbiddenPlots, forbidden.contains(plot.id) {
            out.append(.lockedOutOfPlot(firm: firm.id, plot: plot.id))
        }
        if let allowed = lock.allowedBlocks, !allowed.contains(plot.powerBlock) {
            out.append(.lockedOutOfBlock(firm: firm.id, block: plot.powerBlock))
        }
        if let forbidden = lock.forbiddenBlocks, forbidden.contains(plot.powerBlock) {
            out.append(.lockedOutOfBlock(firm: firm.id, block: plot.powerBlock))
        }
        return out
    }

    /// Whether locks and reserved plots let `firm` take `plot`.
    public static func allows(firm: Firm, plot: Plot) -> Bool {
        if plot.reserved { return false }
        guard let lock = firm.lock else { return true }
        if let promised = lock.plot, promised != plot.id { return false }
        if let allowed = lock.allowedPlots, !allowed.contains(plot.id) { return false }
        if let forbidden = lock.forbiddenPlots, forbidden.contains(plot.id) { return false }
        if let allowed = lock.allowedBlocks, !allowed.contains(plot.powerBlock) { return false }
        if let forbidden = lock.forbiddenBlocks, forbidden.contains(plot.powerBlock) { return false }
        return true
    }

    /// The plot `firm` is promised (it must be placed there), or `nil`.
    public static func promisedPlot(of firm: Firm) -> String? { firm.lock?.plot }

    /// Why no plot is left to `firm` once locks and reserved plots are applied, for the explanations: "its lock
    /// (only block PB-B1) and the reserved plots rule out every plot open to machining".
    public static func explainNoPlot(firm: Firm, scope: String) -> String {
        let lock = firm.lock.map { "its lock (\(describe($0)))" }
        return (lock.map { $0 + " and the reserved plots" } ?? "the reserved plots")
            + " rule out every plot \(scope) that meets its needs"
    }

    /// The lock in words, e.g. "locked to B12" or "allowed plots A01, A02; locked out of block PB-B1".
    public static func describe(_ lock: FirmLock) -> String {
        var parts: [String] = []
        if let p = lock.plot { parts.append("locked to \(p)") }
        if let a = lock.allowedPlots { parts.append("only plot\(a.count == 1 ? "" : "s") \(a.joined(separator: ", "))") }
        if let a = lock.allowedBlocks {
            parts.append("only block\(a.count == 1 ? "" : "s") \(a.joined(separator: ", "))")
        }
        if let f = lock.forbiddenPlots, !f.isEmpty {
            parts.append("locked out of plot\(f.count == 1 ? "" : "s") \(f.joined(separator: ", "))")
        }
        if let f = lock.forbiddenBlocks, !f.isEmpty {
            parts.append("locked out of block\(f.count == 1 ? "" : "s") \(f.joined(separator: ", "))")
        }
        return parts.isEmpty ? "no lock" : parts.joined(separator: "; ")
    }
}
