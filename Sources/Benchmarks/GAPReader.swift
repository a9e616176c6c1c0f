import Foundation

/// Reads generalized assignment problems in the OR-Library layout (see `benchmarks/gap/SOURCE.md`).
///
/// Numbers are separated by any whitespace and rows may wrap anywhere; only the count of numbers matters. Every
/// number must be a whole number within ±``maximumMagnitude``; counts must be at least 1, resources and capacities
/// non-negative. Nothing is allocated beyond what the file's numbers fill, so a huge stated size in a short file is
/// an error, not an allocation.
public enum GAPReader {
    /// The largest magnitude accepted for any number, so that objective sums stay exact in a `Double`.
    public static let maximumMagnitude = 1_000_000_000
    /// The most agent×job entries accepted in one problem.
    public static let maximumEntries = 20_000_000

    /// Reads the file at `path`; the instances are named after the file without its extension.
    ///
    /// - Throws: ``GAPReadError`` when the file cannot be read or does not hold the layout's problems exactly.
    public static func read(path: String, layout: GAPFileLayout = .automatic) throws(GAPReadError) -> [GAPInstance] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GAPReadError(file: path, line: 1, column: 1, problem: nil, path: "file",
                               message: "cannot be read (\(error.localizedDescription))",
                               expected: "a readable OR-Library GAP file")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(bytes: [UInt8](data), file: path, name: name, layout: layout)
    }

    /// Parses `text` as the content of a file called `file`; the instances are called `name`.
    ///
    /// - Throws: ``GAPReadError`` when the text does not hold the layout's problems exactly.
    public static func parse(_ text: String, file: String, name: String,
                             layout: GAPFileLayout = .automatic) throws(GAPReadError) -> [GAPInstance] {
        try parse(bytes: Array(text.utf8), file: file, name: name, layout: layout)
    }

    /// Parses raw bytes; see ``parse(_:file:name:layout:)``.
    ///
    /// - Throws: ``GAPReadError``.
    public static func parse(bytes: [UInt8], file: String, name: String,
                             layout: GAPFileLayout) throws(GAPReadError) -> [GAPInstance] {
        let tokens = GAPTokens(bytes: bytes)
        var cursor = GAPCursor(tokens: tokens, file: file)
        guard !tokens.items.isEmpty else {
            throw GAPReadError(file: file, line: 1, column: 1, problem: nil, path: "file",
                               message: "the file holds no numbers", expected: "an OR-Library GAP file")
        }
        switch layout {
        case .multiple:
            do { return try cursor.readMultiple(name: name) } catch { throw error.error }
        case .single:
            do { return try cursor.readSingle(name: name) } catch { throw error.error }
        case .automatic:
            if tokens.looksLikeSingleProblem {
                do { return try cursor.readSingle(name: name) } catch { throw error.error }
            }
            let multipleFailure: GAPCursor.Failure
            do { return try cursor.readMultiple(name: name) } catch { multipleFailure = error }
            var single = GAPCursor(tokens: tokens, file: file)
            do {
                return try single.readSingle(name: name)
            } catch {
                throw (error.progress > multipleFailure.progress ? error : multipleFailure).error
            }
        }
    }
}

/// The whitespace-separated words of a file with their 1-based positions.
struct GAPTokens {
    struct Item {
        var start: Int
        var end: Int
        var line: Int
        var column: Int
    }

    let bytes: [UInt8]
    private(set) var items: [Item] = []
    /// The position just after the last word (or 1:1 for an empty file).
    private(set) var endLine = 1
    private(set) var endColumn = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
                i += 1
            } else if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C {
                column += 1
                i += 1
            } else {
                let start = i, startColumn = column
                while i < bytes.count && !Self.isSpace(bytes[i]) {
                    i += 1
                    column += 1
                }
                items.append(Item(start: start, end: i, line: line, column: startColumn))
                endLine = line
                endColumn = column
            }
        }
    }

    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }

    /// The word's text, shortened for messages.
    func text(_ k: Int) -> String {
        let item = items[k]
        let s = String(decoding: bytes[item.start..<item.end], as: UTF8.self)
        return s.count > 24 ? String(s.prefix(24)) + "…" : s
    }

    /// The word as an integer, or `nil` when it is not a whole number within ±``GAPReader/maximumMagnitude``.
    func integer(_ k: Int) -> Int? {
        let item = items[k]
        var i = item.start
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < item.end else { return nil }
        var value = 0
        while i < item.end {
            let d = Int(bytes[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            value = value * 10 + d
            if value > GAPReader.maximumMagnitude { return nil }
            i += 1
        }
        return negative ? -value : value
    }

    /// Whether the words are exactly one problem without a leading count: `m n`, then 2mn + m numbers.
    var looksLikeSingleProblem: Bool {
        guard items.count >= 2, let m = integer(0), let n = integer(1), m >= 1, n >= 1,
              m <= GAPReader.maximumEntries / n else { return false }
        return items.count == 2 + 2 * m * n + m
    }
}

/// Reads numbers from ``GAPTokens`` one at a time, naming what each one is in errors.
struct GAPCursor {
    /// A read error and how many words were read before it (to choose between two layouts' errors).
    struct Failure: Error {
        var error: GAPReadError
        var progress: Int
    }

    let tokens: GAPTokens
    let file: String
    var index = 0
    var problem: Int?

    init(tokens: GAPTokens, file: String) {
        self.tokens = tokens
        self.file = file
    }

    func failure(at k: Int, _ path: String, _ message: String, expected: String) -> Failure {
        let (line, column) = k < tokens.items.count
            ? (tokens.items[k].line, tokens.items[k].column) : (tokens.endLine, tokens.endColumn)
        return Failure(error: GAPReadError(file: file, line: line, column: column, problem: problem, path: path,
                                           message: message, expected: expected),
                       progress: k)
    }

    /// The next number, which must lie in `range`; `what` describes it for the error message.
    mutating func next(_ path: @autoclosure () -> String, what: @autoclosure () -> String,
                       range: ClosedRange<Int>, remaining: @autoclosure () -> String) throws(Failure) -> Int {
        guard index < tokens.items.count else {
            throw failure(at: index, path(), "the file ends here", expected: remaining())
        }
        guard let value = tokens.integer(index) else {
            throw failure(at: index, path(), "'\(tokens.text(index))' is not a whole number",
                          expected: "\(what()) (a whole number within ±\(GAPReader.maximumMagnitude))")
        }
        guard range.contains(value) else {
            let limit = range.upperBound == Int.max || range.upperBound == GAPReader.maximumMagnitude
                ? "≥ \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            throw failure(at: index, path(), "\(value) is out of range", expected: "\(what()) \(limit)")
        }
        index += 1
        return value
    }

    mutating func readMultiple(name: String) throws(Failure) -> [GAPInstance] {
        problem = nil
        let count = try next("problems", what: "the number of problems", range: 1...1_000_000,
                             remaining: "the number of problems")
        var instances: [GAPInstance] = []
        for p in 1...count {
            instances.append(try readProblem(name: name, number: p, of: count))
        }
        if index < tokens.items.count {
            problem = nil
            throw failure(at: index, "problems", "'\(tokens.text(index))' follows the last of the \(count) problems",
                          expected: "the end of the file (its first number says it holds \(count) problems)")
        }
        return instances
    }

    mutating func readSingle(name: String) throws(Failure) -> [GAPInstance] {
        let instance = try readProblem(name: name, number: 1, of: nil)
        if index < tokens.items.count {
            throw failure(at: index, "problem[1]", "'\(tokens.text(index))' follows the end of the problem",
                          expected: "the end of the file (a single-problem file holds one problem)")
        }
        return [instance]
    }

    mutating func readProblem(name: String, number p: Int, of count: Int?) throws(Failure) -> GAPInstance {
        problem = p
        let key = "problem[\(p)]"
        let whose = count.map { "problem \(p) of \($0)" } ?? "the problem"
        let m = try next("\(key).agents", what: "the number of agents m", range: 1...GAPReader.maximumEntries,
                         remaining: "the number of agents m of \(whose)")
        let n = try next("\(key).jobs", what: "the number of jobs n", range: 1...GAPReader.maximumEntries,
                         remaining: "the number of jobs n of \(whose)")
        guard m <= GAPReader.maximumEntries / n else {
            throw failure(at: index - 1, "\(key).jobs", "\(m) agents × \(n) jobs is too large",
                          expected: "at most \(GAPReader.maximumEntries) agent×job entries")
        }
        let mag = GAPReader.maximumMagnitude
        let total = 2 * m * n + m
        let first = index
        func left(_ k: Int) -> String {
            "\(total - (k - first)) more numbers for \(whose) (\(m)×\(n) costs, \(m)×\(n) resources, \(m) capacities)"
        }
        let reserve = min(n, max(0, tokens.items.count - index))
        func matrix(_ field: String, what: String, range: ClosedRange<Int>,
                    _ cursor: inout GAPCursor) throws(Failure) -> [[Int]] {
            var rows: [[Int]] = []
            rows.reserveCapacity(min(m, max(0, (cursor.tokens.items.count - cursor.index) / n)))
            for i in 1...m {
                var row: [Int] = []
                row.reserveCapacity(reserve)
                for j in 1...n {
                    let k = cursor.index
                    row.append(try cursor.next("\(key).\(field)[\(i)][\(j)]", what: what, range: range,
                                               remaining: left(k)))
                }
                rows.append(row)
            }
            return rows
        }
        let costs = try matrix("costs", what: "a cost", range: -mag...mag, &self)
        let resources = try matrix("resources", what: "a resource use", range: 0...mag, &self)
        var capacities: [Int] = []
        for i in 1...m {
            let k = index
            capacities.append(try next("\(key).capacities[\(i)]", what: "a capacity", range: 0...mag,
                                       remaining: left(k)))
        }
        return GAPInstance(name: name, problem: p, costs: costs, resources: resources, capacities: capacities)
    }
}
