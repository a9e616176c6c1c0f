import Foundation

/// How a raw street block may be cut into kavlings (`site.cutting`, or per block): cuts at multiples of `module`
/// metres from the block's start, each kavling between `minWidth` and `maxWidth` metres of frontage.
public struct CuttingRules: Sendable, Hashable, Codable {
    /// The cut module, m (> 0): every cut lies at a whole multiple of it from the block's start.
    public var module: Double
    /// The narrowest kavling, m of frontage (> 0).
    public var minWidth: Double
    /// The widest kavling, m of frontage (≥ `minWidth`).
    public var maxWidth: Double

    /// Makes cutting rules.
    public init(module: Double, minWidth: Double, maxWidth: Double) {
        self.module = module
        self.minWidth = minWidth
        self.maxWidth = maxWidth
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case module, minWidth = "min_width", maxWidth = "max_width"
    }
}

/// A street block of raw land (`site.raw_blocks`): a strip of `depth` metres behind a frontage of `length` metres,
/// to be cut into kavlings `[a, b) × depth` along the frontage.
///
/// Placement: `(x, y)` is the block's start corner on its frontage line; the frontage runs from there in the direction
/// `rotation` degrees counter-clockwise from east (default 0: east), and the block lies to the left of that direction
/// (rotation 0: north of the frontage line; 180: south of it, starting at the east end). Its phase, zone, road
/// frontage, power block and rent are those of every kavling cut from it.
public struct RawBlock: Sendable, Hashable, Codable {
    /// A unique id among raw blocks and plots, e.g. `R-B1f`.
    public var id: String
    /// The id of its phase.
    public var phase: String
    /// The id of its zone.
    public var zone: String
    /// The road its frontage is on.
    public var frontage: RoadFrontage
    /// The id of its power block.
    public var powerBlock: String
    /// Rent in IDR per m² per year; `nil` when not set.
    public var rent: Double?
    /// The start corner's x, m.
    public var x: Double
    /// The start corner's y, m.
    public var y: Double
    /// The frontage direction, degrees counter-clockwise from east; `nil`: 0.
    public var rotation: Double?
    /// Frontage length L, m (> 0).
    public var length: Double
    /// Depth D, m (> 0).
    public var depth: Double
    /// The block's own cut module, m; `nil`: `site.cutting.module`.
    public var module: Double?
    /// The block's own narrowest kavling, m; `nil`: `site.cutting.min_width`.
    public var minWidth: Double?
    /// The block's own widest kavling, m; `nil`: `site.cutting.max_width`.
    public var maxWidth: Double?

    /// Makes a raw block.
    public init(
        id: String, phase: String, zone: String, frontage: RoadFrontage, powerBlock: String, rent: Double? = nil,
        x: Double, y: Double, rotation: Double? = nil, length: Double, depth: Double, module: Double? = nil,
        minWidth: Double? = nil, maxWidth: Double? = nil
    ) {
        self.id = id
        self.phase = phase
        self.zone = zone
        self.frontage = frontage
        self.powerBlock = powerBlock
        self.rent = rent
        self.x = x
        self.y = y
        self.rotation = rotation
        self.length = length
        self.depth = depth
        self.module = module
        self.minWidth = minWidth
        self.maxWidth = maxWidth
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, phase, zone, frontage, powerBlock = "power_block", rent, x, y, rotation, length, depth, module
        case minWidth = "min_width", maxWidth = "max_width"
    }

    /// The block's area, m².
    public var area: Double { length * depth }

    /// The block's cutting rules: its own values over `defaults` (`site.cutting`); `nil` when a value is missing in
    /// both (the validator reports it).
    public func cutting(defaults: CuttingRules?) -> CuttingRules? {
        guard let m = module ?? defaults?.module, let lo = minWidth ?? defaults?.minWidth,
              let hi = maxWidth ?? defaults?.maxWidth else { return nil }
        return CuttingRules(module: m, minWidth: lo, maxWidth: hi)
    }

    /// The point `along` metres down the frontage and `inward` metres into the block, in site metres.
    public func point(along: Double, inward: Double) -> (x: Double, y: Double) {
        let a = (rotation ?? 0) * .pi / 180
        let (c, s) = (cos(a), sin(a))
        return (x + along * c - inward * s, y + along * s + inward * c)
    }

    /// The kavling `[start, end)` of this block as a plot (id ``Kavling/id``, area `(end − start) × depth`, centroid
    /// at the middle of its rectangle, drawn as a `width × depth` rectangle with the block's rotation).
    public func plot(of kavling: Kavling) -> Plot {
        let c = point(along: (kavling.start + kavling.end) / 2, inward: depth / 2)
        var p = Plot(
            id: kavling.id, phase: phase, area: (kavling.end - kavling.start) * depth, x: c.x, y: c.y,
            width: kavling.end - kavling.start, depth: depth, rotation: rotation, zone: zone, frontage: frontage,
            powerBlock: powerBlock, rent: rent)
        p.derived = .kavling(kavling)
        return p
    }
}

extension RawBlock {
    /// The kavling of this block whose rectangle is `plot`'s (`width` × `depth` with the block's depth and rotation,
    /// its centre on the block's middle line, inside the block), or `nil`: how a pre-cut plot is written as a cut.
    /// Lengths compare within 1e-6 m.
    public func kavling(covering plot: Plot) -> Kavling? {
        guard let w = plot.width, let d = plot.depth, abs(d - depth) <= 1e-6,
              abs((plot.rotation ?? 0) - (rotation ?? 0)) <= 1e-9 || abs(abs((plot.rotation ?? 0) - (rotation ?? 0)) - 180) <= 1e-9
        else { return nil }
        let a = (rotation ?? 0) * .pi / 180
        let (dx, dy) = (plot.x - x, plot.y - y)
        let along = dx * cos(a) + dy * sin(a), inward = -dx * sin(a) + dy * cos(a)
        guard abs(inward - depth / 2) <= 1e-6, along - w / 2 >= -1e-6, along + w / 2 <= length + 1e-6 else { return nil }
        func snap(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
        return Kavling(block: id, start: snap(along - w / 2), end: snap(along + w / 2))
    }
}

/// Whether pre-cut plots may be merged into runs a firm takes together (`site.merging`).
public struct MergingRules: Sendable, Hashable, Codable {
    /// The most plots in one run, k ≥ 2.
    public var maxPlots: Int

    /// Makes merging rules.
    public init(maxPlots: Int) { self.maxPlots = maxPlots }

    enum CodingKeys: String, CodingKey, CaseIterable { case maxPlots = "max_plots" }
}

/// A kavling: the part `[start, end)` metres of a raw block's frontage, the block's full depth.
public struct Kavling: Sendable, Hashable, Codable {
    /// The raw block's id.
    public var block: String
    /// Metres from the block's start where the kavling begins (a multiple of the module).
    public var start: Double
    /// Metres from the block's start where it ends (`> start`).
    public var end: Double

    /// Makes a kavling.
    public init(block: String, start: Double, end: Double) {
        self.block = block
        self.start = start
        self.end = end
    }

    /// Its id for display and in layouts: `R-B1f[0-24]` (metres, shortest form).
    public var id: String { "\(block)[\(Self.show(start))-\(Self.show(end))]" }

    /// Its frontage width, m.
    public var width: Double { end - start }

    /// `v` in metres, shortest form: `12`, `12.5`.
    package static func show(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e12 { return String(Int64(v)) }
        return String(format: "%g", v)
    }
}

/// A run of pre-cut plots merged into one site for one firm: 2…k plots side by side on one street block.
public struct MergedRun: Sendable, Hashable, Codable {
    /// The plots' ids, in order along the block.
    public var plots: [String]

    /// Makes a run.
    public init(plots: [String]) { self.plots = plots }

    /// Its id for display and in layouts: `A03+A04`.
    public var id: String { plots.joined(separator: "+") }
}

/// A site a layout makes from the scenario's land: a kavling cut from a raw block, or a run of merged plots.
///
/// A layout lists the derived sites it uses (``Layout/sites``) and assigns firms to them by ``id``; the
/// effective scenario (``Scenario/applying(_:)``) turns each into a plot.
public enum DerivedSite: Sendable, Hashable, Codable {
    /// A kavling cut from a raw block.
    case kavling(Kavling)
    /// A run of merged pre-cut plots.
    case merged(MergedRun)

    /// The site's id: ``Kavling/id`` or ``MergedRun/id``.
    public var id: String {
        switch self {
        case .kavling(let k): k.id
        case .merged(let r): r.id
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, block, start, end, plots }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "kavling":
            self = .kavling(Kavling(block: try c.decode(String.self, forKey: .block),
                                    start: try c.decode(Double.self, forKey: .start),
                                    end: try c.decode(Double.self, forKey: .end)))
        case "merged":
            self = .merged(MergedRun(plots: try c.decode([String].self, forKey: .plots)))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c, debugDescription: "found \"\(other)\"; expected kavling or merged")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .kavling(let k):
            try c.encode("kavling", forKey: .kind)
            try c.encode(k.block, forKey: .block)
            try c.encode(k.start, forKey: .start)
            try c.encode(k.end, forKey: .end)
        case .merged(let r):
            try c.encode("merged", forKey: .kind)
            try c.encode(r.plots, forKey: .plots)
        }
    }
}
