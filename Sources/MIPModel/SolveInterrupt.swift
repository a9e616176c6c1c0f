import Foundation

/// A flag another thread (or a signal handler's queue) sets to stop a running solve.
///
/// The search stops at GLPK's next callback and the result keeps the best solution found, with termination
/// ``Termination/interrupted``. Requesting before the solve starts stops it at its first callback.
public final class SolveInterrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private let parent: SolveInterrupt?

    /// Makes a flag that is not set.
    public init() { parent = nil }

    /// Makes a flag that also counts as set whenever `parent` is (a stop of the whole run reaches each part).
    package init(linkedTo parent: SolveInterrupt?) { self.parent = parent }

    /// Asks the solve to stop. Safe from any thread; idempotent.
    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    /// Whether a stop was requested.
    public var isRequested: Bool {
        if parent?.isRequested == true { return true }
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
