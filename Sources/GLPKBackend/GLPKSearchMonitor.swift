internal import CGLPK
import Foundation
import MIPModel

/// The state shared with GLPK's branch-and-cut callback during one solve: progress, interrupt and warm start.
///
/// Lives on the solving thread for the length of one `glp_intopt` call; the C callback reaches it through an
/// unretained pointer while the solver keeps it alive. Its methods must not throw (the callback cannot).
final class GLPKSearchMonitor {
    let sense: ObjectiveSense
    let progress: ((SolveProgress) -> Void)?
    let interrupt: SolveInterrupt?
    let interval: Double
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant
    /// 1-based start vector (index 0 unused) to inject at the first heuristic call, or `nil`.
    var start: [Double]?
    var startAccepted: Bool?
    var bound: Double?
    var incumbent: Double?
    var nodes = 0
    var lastReport: Double
    /// Nodes after which the search is stopped (``GLPKOptions/nodeLimit``), and whether that happened.
    var nodeLimit: Int?
    var stoppedByNodeLimit = false

    init(sense: ObjectiveSense, progress: ((SolveProgress) -> Void)?, interrupt: SolveInterrupt?,
         interval: Double, started: ContinuousClock.Instant, start: [Double]?) {
        self.sense = sense
        self.progress = progress
        self.interrupt = interrupt
        self.interval = interval
        self.started = started
        self.lastReport = 0
        if let start { self.start = [0] + start }
    }

    var elapsed: Double {
        let d = clock.now - started
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Called from the C callback for every reason code.
    func handle(_ tree: OpaquePointer) {
        if interrupt?.isRequested == true {
            glp_ios_terminate(tree)
            return
        }
        let reason = glp_ios_reason(tree)
        if reason == GLP_IHEUR, var x = start {
            start = nil
            startAccepted = glp_ios_heur_sol(tree, &x) == 0
        }
        var active: Int32 = 0, alive: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &alive, &total)
        nodes = Int(total)
        if let limit = nodeLimit, nodes >= limit {
            stoppedByNodeLimit = true
            glp_ios_terminate(tree)
        }
        let best = glp_ios_best_node(tree)
        if best != 0 { bound = glp_ios_node_bound(tree, best) }
        let prob = glp_ios_get_prob(tree)
        if glp_mip_status(prob) == GLP_FEAS || glp_mip_status(prob) == GLP_OPT {
            incumbent = glp_mip_obj_val(prob)
        }
        if let progress {
            let now = elapsed
            if now - lastReport >= interval {
                lastReport = now
                progress(SolveProgress(incumbent: incumbent, bound: bound,
                                       gap: SolveResult.relativeGap(objective: incumbent, bound: bound),
                                       nodes: nodes, elapsed: now))
            }
        }
    }
}

/// The C-convention branch-and-cut callback: forwards to the ``GLPKSearchMonitor`` passed as `info`.
let glpkSearchCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
    guard let tree, let info else { return }
    Unmanaged<GLPKSearchMonitor>.fromOpaque(info).takeUnretainedValue().handle(tree)
}
