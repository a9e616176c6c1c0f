/// The documented range of every number in the scenario format (docs/scenario-format.md, docs/reliability.md),
/// checked at load by ``ScenarioLoader`` with the number's position.
///
/// The ranges are wide for real estates (an industrial cluster of a few km², SMEs of up to a million workers) and
/// narrow enough that arithmetic on them cannot overflow and GLPK's tolerances cannot fake a result: every score
/// coefficient is at most ``placementValue`` + ``movePenalty`` + a few ``weight``s in size, so GLPK's relative
/// tolerances (1e-7 on bounds and objective, 1e-5 on integrality) stay far below a point of score.
public enum ScenarioLimits {
    /// Areas (phases, plots, other land, firms' area ranges), m²: 100 km².
    public static let area = 1e8
    /// Plot centroids, m from the origin, either sign.
    public static let coordinate = 1e7
    /// Lengths of a plot: width and depth, m.
    public static let length = 1e5
    /// Distances of the rules (adjacency, separation, across-road), m: 1,000 km, past any site (a distance wider
    /// than the site makes a huge model, which `check` warns about).
    public static let distance = 1e6
    /// Plot rotation, degrees, either sign.
    public static let rotation = 360.0
    /// Power: block capacities and firms' needs, kVA.
    public static let power = 1e7
    /// Wastewater flows: treatment capacities and discharges, m³ per day.
    public static let flow = 1e7
    /// Rents and maximum rents, IDR per m² per year.
    public static let rent = 1e9
    /// Workers of one firm.
    public static let workers = 1_000_000
    /// Turnover of one firm, IDR per year (Rp 1,000 trillion).
    public static let turnover = 1e15
    /// A firm's priority points.
    public static let priority = 1e4
    /// Rating weights and placement weights, score points, either sign.
    public static let weight = 1e4
    /// The score of one placed firm from the placement weights (`base + per_worker × workers + …`), either sign.
    public static let placementValue = 1e6
    /// The score lost per moved incumbent.
    public static let movePenalty = 1e6
    /// Quota counts.
    public static let count = 1_000_000
    /// A solver time limit, s (about 11.6 days).
    public static let timeLimit = 1e6

    /// How a limit prints in messages: `1e8`, `360`, `1000000` → `1e6`.
    static func show(_ v: Double) -> String {
        if v >= 1e5, v == v.rounded() {
            var mantissa = v, e = 0
            while mantissa >= 10, mantissa.truncatingRemainder(dividingBy: 10) == 0 { mantissa /= 10; e += 1 }
            if mantissa < 10 { return "\(Int(mantissa))e\(e)" }
        }
        return ScenarioValidator.show(v)
    }
}
