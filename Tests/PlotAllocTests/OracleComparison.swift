import Testing
@testable import Estate
@testable import Allocation

/// The one check every oracle comparison makes: each allocator solves `s` to `best` (the oracle's optimum, judged by
/// ``LayoutVerifier``), and its layout, verified again from the scenario alone, is feasible and scores `best`; when
/// the oracle found no feasible layout (`best == nil`), each says infeasible and returns no layout.
func expectAllocatorsReach(_ best: Double?, on s: Scenario, seed: UInt64, allocators: [Allocator]) throws {
    let verifier = LayoutVerifier(scenario: s)
    for allocator in allocators {
        let result = try allocator.allocate(s)
        let mode = allocator.warmStart ? "warm" : "cold"
        if let best {
            #expect(result.status == .optimal, "seed \(seed) \(mode): \(result.status)")
            #expect(abs((result.objective ?? .nan) - best) <= 1e-6,
                    "seed \(seed) \(mode): solver \(result.objective ?? .nan), enumeration \(best)")
            let report = verifier.verify(result.layout ?? Layout())
            #expect(report.isFeasible, "seed \(seed) \(mode): \(report.violations.map(\.message))")
            #expect(abs(report.score.total - best) <= 1e-6,
                    "seed \(seed) \(mode): verified \(report.score.total), enumeration \(best)")
        } else {
            #expect(result.status == .infeasible, "seed \(seed) \(mode): \(result.status)")
            #expect(result.layout == nil, "seed \(seed) \(mode)")
        }
    }
}
