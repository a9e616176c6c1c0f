import Foundation
import MIPModel
import GLPKBackend

/// Runs ``LagrangianBound`` on a thread of its own while the ``Allocator``'s search and GLPK run on the caller's,
/// and shares the best bound and the best known layout score between them.
///
/// The worker's GLPK solves are created, solved and deleted on its thread (GLPK's environment is per thread), and
/// the thread frees its GLPK environment before it ends. ``finish()`` stops it at its next GLPK callback or simplex
/// slice and waits for it; a block's root LP has no callback, so the wait can last as long as one such LP.
final class BoundWorker: @unchecked Sendable {
    private let lock = NSLock()
    private var best: Double?
    private var incumbent: Double?
    private var outcome: LagrangianBound.Outcome?
    private let stop: SolveInterrupt
    /// Whether the thread is still building its decomposition (pure Swift, no GLPK environment yet).
    private var building = true
    /// Whether ``finish()`` returned without waiting for the building to end; the thread then ends on its own.
    private var abandoned = false
    /// Signalled once when the thread is done; each waiter signals it again (a latch), so that ``finish()`` may be
    /// called any number of times, from any thread.
    private let done = DispatchSemaphore(value: 0)
    /// Called (on the worker's thread) when the bound falls to the best known layout's score: it is optimal.
    private let onProof: @Sendable () -> Void

    /// Starts working on `decomposition` at once.
    ///
    /// - Parameter interrupt: the whole run's stop (e.g. Ctrl-C); the worker also stops when it is requested.
    convenience init(decomposition: BlockDecomposition, options: LagrangianBound.Options,
                     interrupt: SolveInterrupt? = nil, onProof: @escaping @Sendable () -> Void) {
        self.init(building: { decomposition }, options: options, interrupt: interrupt, onProof: onProof)
    }

    /// Starts at once a thread that first builds its decomposition with `building` (so that the caller's thread
    /// goes on with the search meanwhile), then works on it.
    init(building: @escaping @Sendable () -> BlockDecomposition, options: LagrangianBound.Options,
         interrupt: SolveInterrupt? = nil, onProof: @escaping @Sendable () -> Void) {
        self.onProof = onProof
        stop = SolveInterrupt(linkedTo: interrupt)
        let thread = Thread { [self] in
            let decomposition = building()
            self.lock.lock()
            let abandoned = self.abandoned
            self.building = false
            self.lock.unlock()
            // Stopped while building (no GLPK call made yet): nobody waits for this thread any more.
            if abandoned {
                self.done.signal()
                return
            }
            let result = LagrangianBound(decomposition: decomposition).run(
                options, target: { self.target }, improved: { self.offer($0) }, stop: self.stop)
            GLPKSolver.releaseThreadEnvironment()
            self.lock.lock()
            self.outcome = result
            self.lock.unlock()
            self.done.signal()
        }
        // GLPK's branch-and-cut recurses; give it the main thread's room.
        thread.stackSize = 64 << 20
        thread.start()
    }

    /// The best bound proven so far.
    var bound: Double? {
        lock.lock()
        defer { lock.unlock() }
        return best
    }

    /// The best layout score known so far.
    var target: Double? {
        lock.lock()
        defer { lock.unlock() }
        return incumbent
    }

    /// Tells the worker about a layout score (the search's or GLPK's incumbent).
    func note(incumbent score: Double?) {
        guard let score else { return }
        lock.lock()
        if incumbent.map({ score > $0 }) ?? true { incumbent = score }
        let proved = best.map { Allocator.bound($0, proves: score) } ?? false
        lock.unlock()
        if proved { onProof() }
    }

    private func offer(_ bound: Double) {
        lock.lock()
        if best.map({ bound < $0 }) ?? true { best = bound }
        let proved = incumbent.map { Allocator.bound(bound, proves: $0) } ?? false
        lock.unlock()
        if proved { onProof() }
    }

    /// Stops the worker without waiting for it (after an interrupt, so that the run ends soon): its current LP
    /// slice, up to a few seconds of wall-clock time on the largest models of a loaded machine, ends on its own
    /// thread, which then frees its GLPK environment. Returns the best bound it had proven, if any; later calls of
    /// ``finish(stopping:)`` return `nil` at once.
    func abandon() -> Double? {
        stop.request()
        lock.lock()
        defer { lock.unlock() }
        abandoned = true
        return best
    }

    /// Stops the worker (or, with `stopping` false, lets it end on its own) and waits for it; returns what it
    /// reached. Idempotent and safe from any thread: later calls return the same outcome at once. A worker stopped
    /// while it still builds its decomposition is not waited for (it has made no GLPK call, and ends on its own
    /// when the building is done): `nil`.
    func finish(stopping: Bool = true) -> LagrangianBound.Outcome? {
        if stopping {
            stop.request()
            // Still building its decomposition (seconds on a large model): nothing to wait for, no bound yet.
            lock.lock()
            if building { abandoned = true }
            let gone = abandoned
            lock.unlock()
            if gone { return nil }
        }
        done.wait()
        done.signal()
        lock.lock()
        defer { lock.unlock() }
        return outcome
    }
}
