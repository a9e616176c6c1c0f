import Dispatch
import Foundation
import PlotAllocSupport
import MIPModel

/// SIGINT (Ctrl-C), SIGTERM (`kill`, `timeout`, systemd, CI) and SIGHUP (the terminal closed), for every command.
///
/// Installed first thing in `main`, so a signal at any moment is handled (never the default death):
/// - In a command that searches (`solve`, `compare`: from the start of its `run()`), the first signal asks the
///   search to stop (``SolveInterrupt``); the command then finishes normally: the best layout so far is verified,
///   printed (marked interrupted) and written whole, with the usual exit status (0 with a layout, 4 without one).
///   A signal that comes while the scenario is still being read stops the reading (`no_solution`, stopped in
///   `load`, nothing written, status 4; `compare` reads its scenarios whole and stops their solves as they start).
/// - A second signal, or the first one in any other command (nothing to keep), exits at once with status
///   128 + the signal's number (130 SIGINT, 143 SIGTERM, 129 SIGHUP), after removing every temporary file the
///   process was writing (``AtomicFile/removeTemporaryFiles()``): no partial output is left; files already
///   renamed into place are whole.
final class StopSignals: @unchecked Sendable {
    /// The process's handler.
    static let shared = StopSignals()

    /// The signals handled.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let lock = NSLock()
    private let queue = DispatchQueue(label: "plotalloc.signals")
    private var sources: [DispatchSourceSignal] = []
    private var interrupt: SolveInterrupt?
    private var received: [Int32] = []
    private var children: Set<Int32> = []

    /// Takes over the signals (idempotent).
    func install() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for signo in Self.handled {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: queue)
            source.setEventHandler { [unowned self] in   // the source lives as long as the process
                for _ in 0..<max(1, source.data) { self.handle(signo) }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Makes the first signal stop `interrupt`'s search instead of exiting; if a signal already came, requests
    /// the stop now. Returns `interrupt`.
    @discardableResult
    func stopping(_ interrupt: SolveInterrupt) -> SolveInterrupt {
        lock.lock()
        defer { lock.unlock() }
        self.interrupt = interrupt
        if !received.isEmpty { interrupt.request() }
        return interrupt
    }

    /// Runs `body` with child process `pid` listed: an exit at once forwards the signal to it first (a benchmark
    /// run in a child process does not outlive the parent).
    func withChild<R>(_ pid: Int32, _ body: () throws -> R) rethrows -> R {
        lock.lock()
        children.insert(pid)
        lock.unlock()
        defer {
            lock.lock()
            children.remove(pid)
            lock.unlock()
        }
        return try body()
    }

    /// The name of the first signal received (`SIGTERM`), or `nil`.
    var firstSignal: String? {
        lock.lock()
        defer { lock.unlock() }
        return received.first.map(Self.name)
    }

    private func handle(_ signo: Int32) {
        lock.lock()
        received.append(signo)
        let graceful = received.count == 1 ? interrupt : nil
        let running = children
        lock.unlock()
        guard let graceful else {
            for pid in running { kill(pid, signo) }
            AtomicFile.removeTemporaryFiles()
            _exit(128 + signo)
        }
        let note = "\nplotalloc: \(Self.name(signo)): stopping the search; the best layout so far follows "
            + "(a second signal, e.g. Ctrl-C again, exits at once)\n"
        _ = note.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        graceful.request()
    }

    /// `SIGINT`, `SIGTERM`, `SIGHUP`.
    static func name(_ signo: Int32) -> String {
        switch signo {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signo)"
        }
    }
}
