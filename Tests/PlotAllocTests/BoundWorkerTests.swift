import Foundation
import Testing
@testable import MIPModel
@testable import Estate
@testable import Allocation

/// The block-bound worker thread: the run's interrupt reaches it, and `finish` is a latch any thread may call.
@Suite struct BoundWorkerTests {
    static func decomposition() throws -> BlockDecomposition {
        let scenario = try ScenarioLoader.load(path: ScenarioGeneratorTests.phase1Path)
        return BlockDecomposition(Formulation.build(scenario), scenario: scenario)
    }

    /// An interrupt requested before the worker starts stops it before the LP relaxation: no bound, no proof, and
    /// finishing without a stop of its own does not wait for a full run.
    @Test func interruptBeforeStartStopsTheWorker() throws {
        let interrupt = SolveInterrupt()
        interrupt.request()
        let proved = SolveInterrupt()
        let worker = BoundWorker(decomposition: try Self.decomposition(), options: LagrangianBound.Options(),
                                 interrupt: interrupt, onProof: { proved.request() })
        let outcome = try #require(worker.finish(stopping: false))
        #expect(outcome.lpBound == nil && outcome.lagrangianBound == nil && outcome.iterations == 0)
        #expect(outcome.note?.contains("interrupted") == true, "\(outcome.note ?? "")")
        #expect(worker.bound == nil)
        worker.note(incumbent: -1e9)
        #expect(!proved.isRequested)
    }

    /// `finish` from several threads at once: every call returns, all with the same outcome.
    @Test func finishFromSeveralThreads() throws {
        var options = LagrangianBound.Options()
        options.maxIterations = 1
        let worker = BoundWorker(decomposition: try Self.decomposition(), options: options, onProof: {})
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in results.add(worker.finish()?.iterations) }
        #expect(results.values.count == 4)
        #expect(Set(results.values.map { $0 ?? -1 }).count == 1, "\(results.values)")
        #expect(worker.finish()?.iterations == results.values.first ?? nil)
    }

    /// After an interrupt the allocator abandons the worker instead of waiting for its current LP slice: `abandon`
    /// stops it and returns the best bound it had proven (none yet here), and later `finish` calls return at once
    /// with nothing, while the thread ends on its own.
    @Test func abandonStopsWithoutWaitingAndFinishReturnsNothing() throws {
        let worker = BoundWorker(decomposition: try Self.decomposition(), options: LagrangianBound.Options(),
                                 onProof: {})
        let best = worker.abandon()
        #expect(best == worker.bound)
        #expect(worker.finish() == nil)
        #expect(worker.finish() == nil)
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Int?] = []
        func add(_ v: Int?) { lock.lock(); stored.append(v); lock.unlock() }
        var values: [Int?] { lock.lock(); defer { lock.unlock() }; return stored }
    }
}
