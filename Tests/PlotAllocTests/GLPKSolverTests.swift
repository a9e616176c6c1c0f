import Foundation
import Testing
@testable import MIPModel
@testable import GLPKBackend

/// Conformance of the GLPK backend: models with known answers, every termination, warm starts, threads.
@Suite struct GLPKSolverTests {
    /// A 0/1 knapsack and its optimum found by enumeration.
    static func knapsack(values: [Double], weights: [Double], capacity: Double) -> (Model, Double) {
        var model = Model()
        let xs = values.indices.map { model.addVariable("take_\($0)", .binary) }
        model.addConstraint("capacity", LinearExpression(terms: zip(xs, weights).map { .init($0, $1) }),
                            .lessOrEqual(capacity))
        model.setObjective(.maximize, LinearExpression(terms: zip(xs, values).map { .init($0, $1) }))
        var best = 0.0
        for mask in 0..<(1 << values.count) {
            var w = 0.0, v = 0.0
            for i in values.indices where mask & (1 << i) != 0 { w += weights[i]; v += values[i] }
            if w <= capacity { best = max(best, v) }
        }
        return (model, best)
    }

    /// A market-split instance (Cornuéjols–Dawande): tiny, and far too hard for branch-and-bound to close quickly.
    static func marketSplit(rows: Int = 5, columns: Int = 40, seed: UInt64 = 7) -> Model {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var model = Model()
        let xs = (0..<columns).map { model.addVariable("x\($0)", .binary) }
        var objective = LinearExpression()
        for i in 0..<rows {
            let a = (0..<columns).map { _ in Double(next() % 100) }
            let d = (a.reduce(0, +) / 2).rounded(.down)
            let plus = model.addVariable("s+\(i)", .continuous)
            let minus = model.addVariable("s-\(i)", .continuous)
            var row = LinearExpression(terms: zip(xs, a).map { .init($0, $1) })
            row.add(plus, 1)
            row.add(minus, -1)
            model.addConstraint("split\(i)", row, .equal(d))
            objective.add(plus)
            objective.add(minus)
        }
        model.setObjective(.minimize, objective)
        return model
    }

    @Test func knapsackReachesItsKnownOptimum() throws {
        let (model, best) = Self.knapsack(
            values: [10, 13, 18, 31, 7, 15, 22, 9, 14, 27], weights: [11, 15, 20, 35, 10, 33, 24, 8, 17, 30],
            capacity: 90)
        let result = try GLPKSolver().solve(model)
        #expect(result.termination == .optimal)
        #expect(result.objective == best)
        #expect(result.bound == best)
        #expect(result.relativeGap == 0)
        let values = try #require(result.values)
        #expect(model.firstViolation(of: values) == nil)
        #expect(model.objective.expression.evaluate(values) == best)
    }

    @Test func knapsackOptimumIsTheSameWithGLPKDefaultsAndWithoutPresolve() throws {
        let (model, best) = Self.knapsack(
            values: [4, 8, 12, 3, 9, 6, 7], weights: [3, 7, 11, 2, 8, 5, 6], capacity: 20)
        for options in [GLPKOptions.glpkDefaults, GLPKOptions(presolve: false),
                        GLPKOptions(branching: .mostFractional, backtracking: .depthFirst),
                        GLPKOptions(feasibilityPump: true, proximitySearch: true)] {
            let result = try GLPKSolver(options: options).solve(model)
            #expect(result.termination == .optimal)
            #expect(result.objective == best)
        }
    }

    @Test func infeasibleMIPIsAResultNotAnError() throws {
        var model = Model()
        let x = model.addVariable("x", .binary)
        let y = model.addVariable("y", .binary)
        model.addConstraint("too much", [(x, 1), (y, 1)], .greaterOrEqual(3))
        model.setObjective(.maximize, [(x, 1)])
        for presolve in [true, false] {
            let result = try GLPKSolver(options: GLPKOptions(presolve: presolve)).solve(model)
            #expect(result.termination == .infeasible)
            #expect(result.values == nil)
            #expect(result.objective == nil)
        }
    }

    @Test func infeasibleLP() throws {
        var model = Model()
        let x = model.addVariable("x", upper: 1)
        model.addConstraint("c", [(x, 1)], .greaterOrEqual(2))
        let result = try GLPKSolver().solve(model)
        #expect(result.termination == .infeasible)
        #expect(!result.hasSolution)
    }

    @Test func unboundedModels() throws {
        var lp = Model()
        let x = lp.addVariable("x")
        let y = lp.addVariable("y")
        lp.addConstraint("c", [(x, 1), (y, -1)], .lessOrEqual(1))
        lp.setObjective(.maximize, [(x, 1), (y, 1)])
        #expect(try GLPKSolver().solve(lp).termination == .unbounded)

        var mip = Model()
        let n = mip.addVariable("n", .integer)
        mip.setObjective(.maximize, [(n, 1)])
        mip.addConstraint("c", [(n, 1)], .greaterOrEqual(1))
        for presolve in [true, false] {
            let result = try GLPKSolver(options: GLPKOptions(presolve: presolve)).solve(mip)
            #expect(result.termination == .infeasibleOrUnbounded)
            #expect(!result.hasSolution)
        }
    }

    @Test func lpWithAFractionalOptimum() throws {
        var model = Model()
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint("a", [(x, 2), (y, 1)], .lessOrEqual(4))
        model.addConstraint("b", [(x, 1), (y, 2)], .lessOrEqual(4))
        model.setObjective(.maximize, [(x, 1), (y, 1)])
        let result = try GLPKSolver().solve(model)
        #expect(result.termination == .optimal)
        let values = try #require(result.values)
        #expect(abs(values[0] - 4.0 / 3) < 1e-9)
        #expect(abs(values[1] - 4.0 / 3) < 1e-9)
        #expect(abs(try #require(result.objective) - 8.0 / 3) < 1e-9)
        #expect(result.nodes == 0)
    }

    @Test func equalityAndRangeRowsAndConstants() throws {
        // min x + 2y + 3z + 5 with x + y + z = 10, 2 ≤ x − y ≤ 4, z ≥ 1 (integers); brute force below.
        var model = Model()
        let x = model.addVariable("x", .integer, upper: 10)
        let y = model.addVariable("y", .integer, upper: 10)
        let z = model.addVariable("z", .integer, lower: 1, upper: 10)
        var sum = LinearExpression.sum([x, y, z])
        sum.constant = 1  // folded into the bounds: x + y + z + 1 = 11
        model.addConstraint("sum", sum, .equal(11))
        model.addConstraint("spread", [(x, 1), (y, -1)], .range(2, 4))
        var objective: LinearExpression = [(x, 1), (y, 2), (z, 3)]
        objective.constant = 5
        model.setObjective(.minimize, objective)
        var best = Double.infinity
        for a in 0...10 { for b in 0...10 { for c in 1...10 where a + b + c == 10 && (2...4).contains(a - b) {
            best = min(best, Double(a + 2 * b + 3 * c + 5))
        } } }
        let result = try GLPKSolver().solve(model)
        #expect(result.termination == .optimal)
        #expect(result.objective == best)
        let v = try #require(result.values)
        #expect(v[0] + v[1] + v[2] == 10)
        #expect((2...4).contains(v[0] - v[1]))
    }

    @Test func hardInstanceUnderAShortTimeLimitIsNeverOptimal() throws {
        let model = Self.marketSplit()
        let result = try GLPKSolver(options: GLPKOptions(timeLimit: 0.5)).solve(model)
        #expect(result.termination == .timeLimit)
        #expect(result.termination != .optimal)
        if let objective = result.objective {
            let values = try #require(result.values)
            #expect(model.firstViolation(of: values) == nil)
            let bound = try #require(result.bound)
            #expect(bound <= objective + 1e-9)  // minimising: the bound is below the incumbent
            #expect(try #require(result.relativeGap) >= 0)
        }
    }

    @Test func interruptStopsTheSearchAndKeepsTheBestSolution() throws {
        let model = Self.marketSplit(seed: 11)
        let interrupt = SolveInterrupt()
        nonisolated(unsafe) var calls = 0
        let options = GLPKOptions(timeLimit: 30, progressInterval: 0)
        let result = try GLPKSolver(options: options).solve(model, progress: { _ in
            calls += 1
            if calls == 20 { interrupt.request() }
        }, interrupt: interrupt)
        #expect(result.termination == .interrupted)
        #expect(calls >= 20)
        if let values = result.values { #expect(model.firstViolation(of: values) == nil) }
    }

    @Test func progressReportsIncumbentBoundAndNodes() throws {
        let model = Self.marketSplit(rows: 3, columns: 24, seed: 3)
        nonisolated(unsafe) var reports: [SolveProgress] = []
        let options = GLPKOptions(timeLimit: 2, progressInterval: 0)
        _ = try GLPKSolver(options: options).solve(model, progress: { reports.append($0) })
        #expect(!reports.isEmpty)
        #expect(reports.contains { $0.bound != nil })
        #expect(reports.last!.nodes >= reports.first!.nodes)
    }

    @Test func everyReturnCodeMapsToATerminationOrAnError() {
        #expect(GLPKReturnCode.headerMatches)
        #expect(GLPKSolutionStatus.headerMatches)
        let opt = GLPKSolutionStatus.optimal.rawValue
        let feas = GLPKSolutionStatus.feasible.rawValue
        let undef = GLPKSolutionStatus.undefined.rawValue
        let nofeas = GLPKSolutionStatus.noFeasible.rawValue
        func intopt(_ code: GLPKReturnCode, _ status: Int32) -> Termination? {
            try? GLPKStatusMapping.intopt(code: code.rawValue, status: status).get()
        }
        #expect(intopt(.success, opt) == .optimal)
        #expect(intopt(.success, nofeas) == .infeasible)
        #expect(intopt(.success, feas) == nil)
        #expect(intopt(.gapReached, feas) == .gapLimit)
        #expect(intopt(.gapReached, opt) == .gapLimit)
        #expect(intopt(.timeLimit, feas) == .timeLimit)
        #expect(intopt(.timeLimit, undef) == .timeLimit)
        #expect(intopt(.stopped, feas) == .interrupted)
        #expect(intopt(.stopped, undef) == .interrupted)
        #expect(intopt(.noPrimalFeasible, undef) == .infeasible)
        #expect(intopt(.noDualFeasible, undef) == .infeasibleOrUnbounded)
        for failing: GLPKReturnCode in [.badBasis, .singular, .illConditioned, .invalidBounds, .failed,
                                        .objectiveLowerLimit, .objectiveUpperLimit, .iterationLimit,
                                        .rootNotOptimal] {
            guard case .failure(.solverFailed(let f, let c, let m)) =
                GLPKStatusMapping.intopt(code: failing.rawValue, status: undef) else {
                Issue.record("\(failing) should be a solver failure")
                continue
            }
            #expect(f == "glp_intopt" && c == failing.rawValue && m == failing.meaning)
        }
        guard case .failure = GLPKStatusMapping.intopt(code: 99, status: opt) else {
            Issue.record("an unknown code must be a failure")
            return
        }
        func simplex(_ code: GLPKReturnCode, _ status: GLPKSolutionStatus) -> Termination? {
            try? GLPKStatusMapping.simplex(code: code.rawValue, status: status.rawValue).get()
        }
        #expect(simplex(.success, .optimal) == .optimal)
        #expect(simplex(.success, .noFeasible) == .infeasible)
        #expect(simplex(.success, .unbounded) == .unbounded)
        #expect(simplex(.success, .feasible) == nil)
        #expect(simplex(.timeLimit, .feasible) == .timeLimit)
        #expect(simplex(.noPrimalFeasible, .undefined) == .infeasible)
        #expect(simplex(.noDualFeasible, .undefined) == .infeasibleOrUnbounded)
        #expect(simplex(.singular, .undefined) == nil)
        #expect(simplex(.iterationLimit, .feasible) == nil)
    }

    @Test func infeasibleWarmStartIsRejectedBeforeGLPK() throws {
        let (model, _) = Self.knapsack(values: [5, 6, 7], weights: [4, 5, 6], capacity: 9)
        #expect(throws: GLPKError.invalidStart(reason: "constraint capacity is violated (activity 15.0, bounds [-inf, 9.0])")) {
            try GLPKSolver().solve(model, start: [1, 1, 1])
        }
        #expect(throws: GLPKError.invalidStart(reason: "variable take_1 = 0.5 is not integral")) {
            try GLPKSolver().solve(model, start: [0, 0.5, 0])
        }
        #expect(throws: GLPKError.invalidStart(reason: "the solution has 2 values for 3 variables")) {
            try GLPKSolver().solve(model, start: [0, 1])
        }
    }

    @Test func feasibleWarmStartIsAcceptedAndTheOptimumIsUnchanged() throws {
        let (model, best) = Self.knapsack(
            values: [10, 13, 18, 31, 7, 15, 22, 9, 14, 27], weights: [11, 15, 20, 35, 10, 33, 24, 8, 17, 30],
            capacity: 90)
        let start: [Double] = [1, 0, 0, 0, 0, 0, 0, 1, 0, 0]
        let result = try GLPKSolver().solve(model, start: start)
        #expect(result.termination == .optimal)
        #expect(result.objective == best)
        #expect(result.rawStatus.hasPrefix("glp_simplex=0 status=GLP_OPT"))
    }

    @Test func twoSolvesOnTwoThreadsAtOnceAreBothCorrect() throws {
        let a = Self.knapsack(values: [10, 13, 18, 31, 7, 15, 22, 9, 14, 27],
                              weights: [11, 15, 20, 35, 10, 33, 24, 8, 17, 30], capacity: 90)
        let b = Self.knapsack(values: [4, 8, 12, 3, 9, 6, 7, 11, 2, 5],
                              weights: [3, 7, 11, 2, 8, 5, 6, 9, 1, 4], capacity: 25)
        let jobs = [a, b, a, b]
        let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: jobs.count)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            for _ in 0..<5 {
                out[i] = (try? GLPKSolver().solve(jobs[i].0).objective) ?? -1
            }
        }
        for i in jobs.indices { #expect(out[i] == jobs[i].1) }
    }

    @Test func invalidModelsNeverReachGLPK() {
        var empty = Model()
        #expect(throws: GLPKError.invalidModel(.emptyModel)) { try GLPKSolver().solve(empty) }

        var nan = Model()
        let x = nan.addVariable("x")
        nan.addConstraint("row1", [(x, .nan)], .lessOrEqual(1))
        #expect(throws: GLPKError.self) { try GLPKSolver().solve(nan) }
        #expect((try? nan.validate()) == nil)

        var inverted = Model()
        inverted.addVariable("y", lower: 2, upper: 1)
        #expect(throws: GLPKError.invalidModel(.invalidBounds(variable: "y", lower: 2, upper: 1))) {
            try GLPKSolver().solve(inverted)
        }

        var binary = Model()
        binary.addVariable("b", .binary, lower: 0, upper: 2)
        #expect(throws: GLPKError.invalidModel(.invalidBounds(variable: "b", lower: 0, upper: 2))) {
            try GLPKSolver().solve(binary)
        }

        var fractional = Model()
        fractional.addVariable("n", .integer, lower: 0.5, upper: 3)
        #expect(throws: GLPKError.invalidModel(.fractionalIntegerBound(variable: "n", bound: 0.5))) {
            try GLPKSolver().solve(fractional)
        }

        var range = Model()
        let r = range.addVariable("r")
        range.addConstraint("bad range", [(r, 1)], .range(3, 1))
        #expect(throws: GLPKError.invalidModel(.invalidConstraintBounds(constraint: "bad range", lower: 3, upper: 1))) {
            try GLPKSolver().solve(range)
        }

        var foreign = Model()
        let f = foreign.addVariable("f")
        foreign.addConstraint("uses v7", [(Variable(index: 7), 1), (f, 1)], .lessOrEqual(1))
        #expect(throws: GLPKError.invalidModel(.unknownVariable(index: 7, context: "constraint uses v7"))) {
            try GLPKSolver().solve(foreign)
        }
        empty = Model()
        _ = empty
    }

    /// GLPK 5.0's presolver aborts the process ("glp_add_cols: ncs = 0") when it fixes every column but keeps a
    /// row; the backend catches GLPK's error, frees the environment and solves again without presolve.
    @Test func presolverAbortIsCaughtAndTheSolveRetriedWithoutIt() throws {
        var model = Model()
        let xs = (0..<6).map { model.addVariable("x\($0)", .binary) }
        for f in 0..<3 { model.addConstraint("firm\(f)", .sum([xs[2 * f], xs[2 * f + 1]]), .lessOrEqual(1)) }
        for p in 0..<2 { model.addConstraint("plot\(p)", .sum([xs[p], xs[2 + p], xs[4 + p]]), .lessOrEqual(1)) }
        model.addConstraint("power", LinearExpression(terms: xs.map { .init($0, 30) }), .lessOrEqual(20))
        model.setObjective(.maximize, LinearExpression(terms: xs.map { .init($0, 10) }))
        let result = try GLPKSolver().solve(model)
        #expect(result.termination == .optimal)
        #expect(result.objective == 0)
        #expect(result.rawStatus.hasPrefix("presolve=aborted "))
        // The thread's GLPK environment works again afterwards.
        let (knapsack, best) = Self.knapsack(values: [4, 8, 12], weights: [3, 7, 11], capacity: 14)
        #expect(try GLPKSolver().solve(knapsack).objective == best)
    }

    @Test func repeatedVariablesInARowAreMerged() throws {
        var model = Model()
        let x = model.addVariable("x", .integer, upper: 100)
        model.addConstraint("twice", [(x, 1), (x, 2)], .lessOrEqual(10))  // 3x ≤ 10
        model.setObjective(.maximize, [(x, 1)])
        #expect(try GLPKSolver().solve(model).objective == 3)
    }

    @Test func writesLPAndMPSFilesWithSafeNames() throws {
        var (model, best) = Self.knapsack(values: [5, 6, 7], weights: [4, 5, 6], capacity: 10)
        let odd = model.addVariable("naïve name with spaces & symbols [1]", .binary)
        model.addConstraint("odd", [(odd, 1)], .lessOrEqual(1))
        model.objective.expression.constant = 100
        best += 100
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plotalloc-test-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in ModelFileFormat.allCases {
            let path = dir.appendingPathComponent("knapsack.\(format.rawValue)").path
            try GLPKSolver().write(model, format: format, to: path)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("take_0"))
            #expect(text.contains("capacity"))
            #expect(text.contains("na_ve_name_with_spaces_symbols_1"))
            #expect(text.contains("objective_constant"))
            if let glpsol = Self.glpsol {
                let objective = try Self.glpsolObjective(glpsol, format: format, path: path, maximize: true)
                #expect(objective == best)
            }
        }
        let missing = dir.appendingPathComponent("no/such/dir/model.lp").path
        #expect(throws: GLPKError.self) { try GLPKSolver().write(model, format: .cplexLP, to: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    static var glpsol: String? {
        ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Solves a model file with `glpsol` and returns the objective from its report, in the model's own sense: a free
    /// MPS file of a maximisation holds its negation (``GLPKSolver/mpsNegationNote``), read as a minimisation, and
    /// the reported optimum is negated back.
    static func glpsolObjective(_ glpsol: String, format: ModelFileFormat, path: String, maximize: Bool) throws -> Double? {
        let report = path + ".out"
        defer { try? FileManager.default.removeItem(atPath: report) }
        let args = [format == .cplexLP ? "--lp" : "--freemps", path, "-o", report]
        let sign: Double = maximize && format == .freeMPS ? -1 : 1
        _ = try run(glpsol, args)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let eq = line.firstIndex(of: "=") else { return nil }
        return Double(line[line.index(after: eq)...].split(separator: " ").first ?? "").map { sign * $0 }
    }

    static func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
