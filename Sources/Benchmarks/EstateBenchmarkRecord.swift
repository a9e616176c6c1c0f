/// One estate of the growing-estates benchmark: its size, how it was generated, and its run
/// (time to the proven optimum, or the gap reached at the time limit; model size; peak memory).
public struct EstateBenchmarkRecord: Sendable, Hashable, Encodable {
    /// Firms, shared facilities and incumbents included.
    public var firms: Int
    /// Plots.
    public var plots: Int
    /// The generator's seed.
    public var seed: UInt64
    /// The time limit of the run in seconds.
    public var timeLimit: Double
    /// Seconds spent generating and writing the scenario (not part of the run).
    public var generateSeconds: Double
    /// Where the generated scenario was written, when it was kept.
    public var scenarioFile: String?
    /// The run, made in its own child process.
    public var run: ScenarioRunRecord

    /// Makes a record.
    public init(firms: Int, plots: Int, seed: UInt64, timeLimit: Double, generateSeconds: Double,
                scenarioFile: String?, run: ScenarioRunRecord) {
        self.firms = firms
        self.plots = plots
        self.seed = seed
        self.timeLimit = timeLimit
        self.generateSeconds = generateSeconds
        self.scenarioFile = scenarioFile
        self.run = run
    }

    enum CodingKeys: String, CodingKey {
        case firms, plots, seed, run
        case timeLimit = "time_limit"
        case generateSeconds = "generate_seconds"
        case scenarioFile = "scenario_file"
    }

    /// Encodes `firms, plots, seed, time_limit, generate_seconds, scenario_file` and `run` (a
    /// ``ScenarioRunRecord``); unknown values are `null`.
    ///
    /// - Throws: the encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(firms, forKey: .firms)
        try c.encode(plots, forKey: .plots)
        try c.encode(seed, forKey: .seed)
        try c.encode(timeLimit, forKey: .timeLimit)
        try c.encode(generateSeconds, forKey: .generateSeconds)
        try c.encode(scenarioFile, forKey: .scenarioFile)
        try c.encode(run, forKey: .run)
    }

    /// The record as one line of JSON (keys sorted), without a trailing newline.
    public var jsonLine: String { BenchmarkJSON.line(self) }
}
