import Foundation
import MIPModel

/// Published optima of generalized assignment problems, read from a tab-separated file such as
/// `benchmarks/gap/optima.tsv`: a header `instance problem sense optimum status`, then one row per problem
/// (`sense` is `max` or `min`; `status` is `optimal` or `best_known`). Lines starting with `#` and blank lines are
/// ignored.
public struct GAPOptima: Sendable, Hashable {
    /// One published value.
    public struct Entry: Sendable, Hashable {
        /// The published objective value.
        public var value: Int
        /// Whether it is a proven optimum (otherwise the best known value).
        public var proven: Bool

        /// Makes an entry.
        public init(value: Int, proven: Bool) {
            self.value = value
            self.proven = proven
        }
    }

    private var entries: [String: Entry] = [:]

    /// Makes an empty table.
    public init() {}

    private static func key(_ instance: String, _ problem: Int, _ sense: ObjectiveSense) -> String {
        "\(instance)\t\(problem)\t\(sense == .maximize ? "max" : "min")"
    }

    /// The number of entries.
    public var count: Int { entries.count }

    /// The published value for a problem, or `nil` when the table has none.
    public func entry(instance: String, problem: Int, sense: ObjectiveSense) -> Entry? {
        entries[Self.key(instance, problem, sense)]
    }

    /// Adds or replaces an entry.
    public mutating func set(_ entry: Entry, instance: String, problem: Int, sense: ObjectiveSense) {
        entries[Self.key(instance, problem, sense)] = entry
    }

    /// Reads a table from `path`.
    ///
    /// - Throws: ``GAPReadError`` naming the line and column of the first malformed field.
    public static func read(path: String) throws(GAPReadError) -> GAPOptima {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw GAPReadError(file: path, line: 1, column: 1, problem: nil, path: "file",
                               message: "cannot be read (\(error.localizedDescription))",
                               expected: "a readable table of optima")
        }
        var table = GAPOptima()
        var sawHeader = false
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func fail(_ field: Int, _ name: String, _ message: String, _ expected: String) -> GAPReadError {
                let column = fields.prefix(field).reduce(1) { $0 + $1.count + 1 }
                return GAPReadError(file: path, line: number + 1, column: column, problem: nil,
                                    path: "optima[\(number + 1)].\(name)", message: message, expected: expected)
            }
            if !sawHeader {
                guard fields == ["instance", "problem", "sense", "optimum", "status"] else {
                    throw fail(0, "header", "the first row is not the header",
                               "instance, problem, sense, optimum, status separated by tabs")
                }
                sawHeader = true
                continue
            }
            guard fields.count == 5 else {
                throw fail(0, "fields", "the row has \(fields.count) fields", "5 fields separated by tabs")
            }
            guard !fields[0].isEmpty else { throw fail(0, "instance", "the name is empty", "an instance name") }
            guard let problem = Int(fields[1]), problem >= 1 else {
                throw fail(1, "problem", "'\(fields[1])' is not a problem number", "a whole number ≥ 1")
            }
            let sense: ObjectiveSense
            switch fields[2] {
            case "max": sense = .maximize
            case "min": sense = .minimize
            default: throw fail(2, "sense", "'\(fields[2])' is not a sense", "max or min")
            }
            guard let value = Int(fields[3]) else {
                throw fail(3, "optimum", "'\(fields[3])' is not a whole number", "the published objective value")
            }
            let proven: Bool
            switch fields[4] {
            case "optimal": proven = true
            case "best_known": proven = false
            default: throw fail(4, "status", "'\(fields[4])' is not a status", "optimal or best_known")
            }
            table.set(Entry(value: value, proven: proven), instance: fields[0], problem: problem, sense: sense)
        }
        return table
    }
}
