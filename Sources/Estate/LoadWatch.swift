import MIPModel
import Yams

/// What may stop reading a scenario before it is whole: the run's deadline and its interrupt (Ctrl-C, SIGTERM,
/// SIGHUP). ``ScenarioLoader/load(path:watch:)`` looks at it between reading the file, parsing, expanding,
/// checking the shape, decoding and validating, and inside the long ones (every 4,096 values of the shape check,
/// every firm and plot decoded, every 1,024 firms or plots validated).
///
/// Looking costs one read of the monotonic clock and of the interrupt's flag. ``none`` never stops.
public struct LoadWatch: Sendable {
    /// When the run must end (``Deadline/never`` for no limit).
    public var deadline: Deadline
    /// The run's interrupt, or `nil` for none.
    public var interrupt: SolveInterrupt?

    /// A watch that never stops a load.
    public static let none = LoadWatch(deadline: .never, interrupt: nil)

    /// Watches `deadline` and `interrupt`.
    public init(deadline: Deadline, interrupt: SolveInterrupt?) {
        self.deadline = deadline
        self.interrupt = interrupt
    }

    /// Why the load should stop now (an interrupt first, then the deadline), or `nil` to go on.
    public var cause: LoadStop.Cause? {
        if interrupt?.isRequested == true { return .interrupted }
        if deadline.hasPassed { return .timeLimit }
        return nil
    }

    /// Throws ``LoadStop`` at `stage` when the load should stop.
    func check(_ stage: LoadStop.Stage) throws(LoadStop) {
        if let cause { throw LoadStop(cause: cause, stage: stage) }
    }

    /// The key under which a watch rides in the decoder's `userInfo`, so that ``Firm`` and ``Plot`` look at it
    /// while the decoder works through a long list.
    static let userInfoKey = CodingUserInfoKey(rawValue: "plotalloc.loadWatch")!

    /// Throws ``LoadStop`` (stage ``LoadStop/Stage/decoding``) when `decoder` carries a watch that says stop.
    static func check(decoding decoder: any Decoder) throws(LoadStop) {
        guard let watch = decoder.userInfo[userInfoKey] as? LoadWatch else { return }
        try watch.check(.decoding)
    }
}

/// Reading a scenario stopped before it was whole: by the run's deadline or its interrupt. Not an input error: the
/// file may be fine; ``SolveSession`` reports it as `no_solution`, stopped in ``RunPhase/load``.
public struct LoadStop: Error, Sendable, Hashable {
    /// What stopped the load.
    public enum Cause: String, Sendable, Hashable, CaseIterable {
        /// The run's deadline (`--time-limit`) passed.
        case timeLimit = "time_limit"
        /// An interrupt (Ctrl-C, SIGTERM, SIGHUP, or ``SolveInterrupt/request()``).
        case interrupted

        /// The termination a result stopped this way reports.
        public var termination: Termination {
            switch self {
            case .timeLimit: .timeLimit
            case .interrupted: .interrupted
            }
        }
    }

    /// Where in reading the scenario it stopped.
    public enum Stage: String, Sendable, Hashable, CaseIterable {
        /// Before or after reading the file's bytes.
        case reading
        /// Parsing the YAML (libyaml, then expanding aliases and merges); libyaml itself is not interrupted.
        case parsing
        /// Checking keys and types against the format.
        case shape
        /// Decoding the typed scenario (firms, plots), and the drawn site's GeoJSON.
        case decoding
        /// The meaning checks (ids, references, ranges, incumbents).
        case validating

        /// The stage in plain words, e.g. "checking the keys".
        public var phrase: String {
            switch self {
            case .reading: "reading the file"
            case .parsing: "parsing the YAML"
            case .shape: "checking the keys"
            case .decoding: "decoding"
            case .validating: "validating"
            }
        }
    }

    /// What stopped it.
    public var cause: Cause
    /// Where.
    public var stage: Stage

    /// Makes a stop.
    public init(cause: Cause, stage: Stage) {
        self.cause = cause
        self.stage = stage
    }
}
