import Estate

/// The firm-by-firm difference between two layouts: who is placed in one and not the other, who moved, who stayed.
///
/// Firms are matched by id, so the two layouts may come from different scenarios (phase 1 and the expansion): a
/// firm the first scenario does not have and the second places counts as added. Firms placed in neither layout are
/// not listed.
public struct LayoutDiff: Sendable, Hashable, Codable {
    /// What happened to one firm between the first layout and the second.
    public enum Change: String, Sendable, Hashable, Codable, CaseIterable {
        /// Placed in the second layout only.
        case added
        /// Placed in the first layout only.
        case dropped
        /// Placed in both, on different plots.
        case moved
        /// Placed in both, on the same plot.
        case unchanged
    }

    /// One firm's change.
    public struct Entry: Sendable, Hashable, Codable {
        /// The firm id.
        public var firm: String
        /// What happened.
        public var change: Change
        /// Its plot in the first layout; `nil` when it was not placed there.
        public var from: String?
        /// Its plot in the second layout; `nil` when it is not placed there.
        public var to: String?

        /// Makes an entry.
        public init(firm: String, change: Change, from: String?, to: String?) {
            self.firm = firm
            self.change = change
            self.from = from
            self.to = to
        }
    }

    /// Every firm placed in at least one layout: first the ids of `firmOrder` in that order, then the others by id.
    public var entries: [Entry]

    /// Compares `first` with `second`.
    ///
    /// `firmOrder` fixes the order of the entries (usually the firms of both scenarios, in file order); ids it does
    /// not name follow, sorted. Duplicates in `firmOrder` are ignored after their first occurrence.
    public init(from first: Layout, to second: Layout, firmOrder: [String] = []) {
        var seen = Set<String>()
        var order: [String] = []
        for id in firmOrder where seen.insert(id).inserted { order.append(id) }
        let rest = Set(first.assignments.keys).union(second.assignments.keys).subtracting(seen)
        order += rest.sorted()
        entries = order.compactMap { firm in
            let a = first.assignments[firm], b = second.assignments[firm]
            switch (a, b) {
            case (nil, nil): return nil
            case (nil, let to?): return Entry(firm: firm, change: .added, from: nil, to: to)
            case (let from?, nil): return Entry(firm: firm, change: .dropped, from: from, to: nil)
            case (let from?, let to?):
                return Entry(firm: firm, change: from == to ? .unchanged : .moved, from: from, to: to)
            }
        }
    }

    /// The entries with change `change`, in entry order.
    public func entries(_ change: Change) -> [Entry] { entries.filter { $0.change == change } }

    /// Whether the two layouts place the same firms on the same plots.
    public var isEmpty: Bool { entries.allSatisfy { $0.change == .unchanged } }
}
