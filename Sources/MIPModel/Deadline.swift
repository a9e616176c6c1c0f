import Foundation

/// A point on the monotonic clock by which a piece of work must end, or none: the mechanism that makes a time
/// limit bound a whole run rather than one phase of it.
///
/// One deadline is made when the run begins and handed down to every phase (formulation, the bound worker, the
/// warm-start search, GLPK, explanations, alternatives); each phase looks at ``hasPassed`` or ``remaining`` and
/// stops with an honest "stopped at the time limit" when it is reached. How the time is split between the phases
/// (a policy) is not decided here but by ``TimePolicy``; a deadline only says when the time is up.
///
/// Deadlines use `ContinuousClock` (monotonic, unaffected by changes of the wall-clock time) and compare across
/// threads. ``never`` never passes.
public struct Deadline: Sendable, Hashable, CustomStringConvertible {
    /// The instant, or `nil` for no deadline.
    public let instant: ContinuousClock.Instant?

    /// No deadline: ``hasPassed`` is always false and ``remaining`` is `nil`.
    public static let never = Deadline(instant: nil)

    /// A deadline at `instant` (`nil` for none).
    public init(instant: ContinuousClock.Instant?) {
        self.instant = instant
    }

    /// A deadline `seconds` from now; `nil`, NaN or +∞ give ``never``, zero or a negative number one already past.
    public static func after(seconds: Double?) -> Deadline {
        guard let seconds, seconds.isFinite else { return .never }
        return Deadline(instant: ContinuousClock.now.advanced(by: Self.duration(seconds)))
    }

    /// Whether the deadline exists.
    public var isFinite: Bool { instant != nil }

    /// Whether the deadline has passed (never for ``never``).
    public var hasPassed: Bool {
        guard let instant else { return false }
        return ContinuousClock.now >= instant
    }

    /// Seconds left, at least 0; `nil` for ``never``.
    public var remaining: Double? {
        guard let instant else { return nil }
        let d = instant - ContinuousClock.now
        return max(0, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }

    /// The earlier of this deadline and `other`.
    public func earlier(_ other: Deadline) -> Deadline {
        switch (instant, other.instant) {
        case let (a?, b?): Deadline(instant: min(a, b))
        case (nil, _): other
        case (_, nil): self
        }
    }

    /// This deadline moved `seconds` earlier (later for a negative number); ``never`` stays ``never``.
    public func earlier(by seconds: Double) -> Deadline {
        guard let instant, seconds.isFinite else { return self }
        return Deadline(instant: instant.advanced(by: Self.duration(-seconds)))
    }

    /// The earlier of this deadline and `seconds` from now (`nil` seconds: this deadline unchanged).
    public func capped(seconds: Double?) -> Deadline {
        earlier(.after(seconds: seconds))
    }

    /// `seconds` as a duration, clamped to ±10⁹ s so that any finite value converts.
    package static func duration(_ seconds: Double) -> Duration {
        let s = min(1e9, max(-1e9, seconds))
        let whole = s.rounded(.towardZero)
        return .seconds(Int64(whole)) + .nanoseconds(Int64(((s - whole) * 1e9).rounded()))
    }

    /// "no deadline", or the seconds left, e.g. "3.20 s left".
    public var description: String {
        guard let r = remaining else { return "no deadline" }
        return r == 0 ? "passed" : "\(String(format: "%.2f", r)) s left"
    }
}
