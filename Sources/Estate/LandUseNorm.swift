/// A land-use norm of Indonesian industrial estates: the share of a site one use may or must take.
///
/// Source: the industrial estate technical standard as commonly quoted (plots at most 70 %, green open space at
/// least 10 %, roads and drains 8–12 %, support facilities 6–12 %); see `docs/land-use-norms.md`. The Bekasi cluster
/// (0.8 + 2.5 ha) is below the 5 ha minimum of an estate (PP 142/2015, art. 7), so the norms are a planning
/// yardstick, not a legal test.
public struct LandUseNorm: Sendable, Hashable, Codable {
    /// The land use, as the summary names it: `plots`, `green`, `roads`, `facilities`.
    public var use: String
    /// The smallest share allowed (0…1), if any.
    public var minShare: Double?
    /// The largest share allowed (0…1), if any.
    public var maxShare: Double?

    /// Makes a norm.
    public init(use: String, minShare: Double? = nil, maxShare: Double? = nil) {
        self.use = use
        self.minShare = minShare
        self.maxShare = maxShare
    }

    /// Industrial plots (*kavling industri*): at most 70 %.
    public static let plots = LandUseNorm(use: "plots", maxShare: 0.70)
    /// Green open space and buffers (*RTH*): at least 10 %.
    public static let green = LandUseNorm(use: "green", minShare: 0.10)
    /// Roads and drains (*jalan & saluran*): 8–12 %.
    public static let roads = LandUseNorm(use: "roads", minShare: 0.08, maxShare: 0.12)
    /// Support facilities (*fasilitas penunjang*): 6–12 %.
    public static let facilities = LandUseNorm(use: "facilities", minShare: 0.06, maxShare: 0.12)
    /// The four norms in the order reports list them.
    public static let all: [LandUseNorm] = [plots, green, roads, facilities]

    /// `≤ 70 %`, `≥ 10 %` or `8–12 %`.
    public var text: String {
        func pct(_ x: Double) -> String { String(Int((x * 100).rounded())) }
        switch (minShare, maxShare) {
        case (let lo?, let hi?): return "\(pct(lo))–\(pct(hi)) %"
        case (let lo?, nil): return "≥ \(pct(lo)) %"
        case (nil, let hi?): return "≤ \(pct(hi)) %"
        case (nil, nil): return "any"
        }
    }

    /// `ok`, `below` or `above` for `share` (0…1); shares are compared after rounding to 0.1 %.
    public func status(of share: Double) -> String {
        let s = (share * 1000).rounded() / 1000
        if let lo = minShare, s < lo { return "below" }
        if let hi = maxShare, s > hi { return "above" }
        return "ok"
    }
}
