import Foundation
import Yams

/// The bounded front end shared by every YAML reader (scenarios, layout files): bytes from a file or standard
/// input, UTF-8 checked with the position of the first bad byte, and the composed tree rebuilt with aliases and
/// merge keys expanded under a budget of values, explicit tags refused.
///
/// What each limit bounds is listed in docs/reliability.md ("Input").
enum YAMLInput {
    /// The name standard input goes by on the command line.
    static let standardInputName = "-"
    /// How diagnostics name standard input.
    static let standardInputLabel = "<stdin>"

    /// A problem found while reading, with its 1-based position when it has one.
    struct Problem: Error, Sendable {
        var line: Int?
        var column: Int?
        var message: String
    }

    // MARK: - Bytes

    /// The bytes of `path` (`-` for standard input), at most `limit` of them; `noun` names what was expected
    /// (`YAML file`).
    ///
    /// Reads through what exists (a FIFO, `/dev/stdin`, a pipe) rather than trusting its reported size.
    /// - Throws: ``Problem`` (no position): no such file, a directory, unreadable, or more than `limit` bytes.
    static func bytes(path: String, limit: Int, noun: String) throws(Problem) -> [UInt8] {
        let handle: FileHandle
        if path == standardInputName {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Problem(message: "found no such file; expected a readable \(noun)")
            }
            if isDirectory.boolValue { throw Problem(message: "found a directory; expected a \(noun)") }
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw Problem(message: "found a file that cannot be read; expected a readable \(noun)")
            }
            handle = h
        }
        defer { if path != standardInputName { try? handle.close() } }
        var out: [UInt8] = []
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw Problem(message: "found a file that cannot be read; expected a readable \(noun)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            out.append(contentsOf: chunk)
            if out.count > limit {
                throw Problem(message: "found more than \(limit) bytes; expected at most \(limit) bytes")
            }
        }
        return out
    }

    /// `bytes` as text, or the position of the first byte that is not UTF-8 (line and column counted in Unicode
    /// scalars, as libyaml counts them).
    static func text(_ bytes: [UInt8]) throws(Problem) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var line = 1, column = 1, offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1 && encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error(let length):
                let bad = bytes[offset..<min(bytes.count, offset + max(length, 1))]
                let shown = bad.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
                throw Problem(
                    line: line, column: column,
                    message: "found the byte\(bad.count == 1 ? "" : "s") \(shown), not UTF-8 text; "
                        + "expected a UTF-8 file (re-save it as UTF-8)")
            case .emptyInput:
                throw Problem(line: line, column: column, message: "found bytes that are not UTF-8 text; expected UTF-8")
            }
        }
    }

    // MARK: - Tree

    /// The most values (scalars, lists, mappings, each merged key/value pair) a document may expand to.
    static let valueLimit = 1_000_000

    /// `root` rebuilt as a plain tree: aliases copied, merge keys (`<<`) expanded the way Yams' decoder expands
    /// them (merged pairs first, a later key replacing an earlier one), and no node carrying an explicit tag.
    ///
    /// Work and the result's size are bounded by `limit` values, counted as they are produced, so a small file of
    /// nested aliases or merges is refused after at most `limit` steps.
    /// - Throws: ``Problem`` at the node where the budget ran out, at an explicit tag (`!!str 2000`), or at a merge
    ///   key whose value is not a mapping or a list of mappings.
    static func expand(_ root: Node, limit: Int = valueLimit) throws(Problem) -> Node {
        var expander = Expander(limit: limit)
        return try expander.expand(root)
    }

    private struct Expander {
        let limit: Int
        var produced = 0
        /// The outermost merge key being expanded: where a merge bomb is reported (its copies carry the anchor's
        /// position, far from the cause).
        var mergeOrigin: Node?

        init(limit: Int) { self.limit = limit }

        mutating func count(_ node: Node) throws(Problem) {
            produced += 1
            if produced > limit {
                throw at(mergeOrigin ?? node, "found more than \(limit) values after expanding aliases and merge keys; expected a "
                    + "smaller document (each alias or merge counts every value it copies)")
            }
        }

        func at(_ node: Node, _ message: String) -> Problem {
            Problem(line: node.mark?.line, column: node.mark?.column, message: message)
        }

        /// A tag written in the file (`!!str`, `!local`) that changes what the value would be without it.
        ///
        /// A tag equal to the one the value has anyway (`!!int 5`, `!!map {…}`, `!!str "x"`) is no tag: Yams
        /// resolves the tags of mapping keys while composing, so such tags cannot be told from none there.
        func explicitTag(_ node: Node) -> String? {
            let name: String
            switch node {
            case .scalar(let s):
                name = s.tag.description
                if name.isEmpty { return nil }
                if s.style == .plain || s.style == .any {
                    if name == Tag.Name.str.rawValue && Self.isPlainWord(s.string) { return nil }
                    if name == Resolver.default.resolveTag(of: Node(s.string)).rawValue { return nil }
                } else if name == Tag.Name.str.rawValue {
                    return nil  // libyaml gives quoted scalars the str tag
                }
            case .mapping(let m):
                name = m.tag.description
                if name == Tag.Name.map.rawValue { return nil }
            case .sequence(let s):
                name = s.tag.description
                if name == Tag.Name.seq.rawValue { return nil }
            case .alias:
                return nil
            }
            if name.isEmpty { return nil }
            let core = "tag:yaml.org,2002:"
            return name.hasPrefix(core) ? "!!" + name.dropFirst(core.count) : name
        }

        mutating func expand(_ node: Node) throws(Problem) -> Node {
            try count(node)
            if let tag = explicitTag(node) {
                throw at(node, "found the YAML tag \(YAMLNodes.quote(tag)); expected a value without a tag "
                    + "(plotalloc reads plain values by their key's type)")
            }
            switch node {
            case .scalar, .alias:
                return node
            case .sequence(let s):
                var items: [Node] = []
                items.reserveCapacity(s.count)
                for item in s { items.append(try expand(item)) }
                return .sequence(Node.Sequence(items, .implicit, s.style, s.mark))
            case .mapping(let m):
                var merged: [(Node, Node)] = []
                var own: [(Node, Node)] = []
                for (key, value) in m {
                    if isMergeKey(key) {
                        try count(key)
                        let outermost = mergeOrigin == nil
                        if outermost { mergeOrigin = key }
                        let expanded = try expand(value)
                        if outermost { mergeOrigin = nil }
                        switch expanded {
                        case .mapping(let sub):
                            for pair in sub { try count(pair.key); merged.append((pair.key, pair.value)) }
                        case .sequence(let list) where list.allSatisfy({ $0.mapping != nil }):
                            for case .mapping(let sub) in list.reversed() {
                                for pair in sub { try count(pair.key); merged.append((pair.key, pair.value)) }
                            }
                        default:
                            throw at(value, "found \(YAMLNodes.describe(value)) after the merge key <<; expected a "
                                + "mapping or a list of mappings (an alias such as *base)")
                        }
                    } else {
                        own.append((try expand(key), try expand(value)))
                    }
                }
                var pairs: [(Node, Node)] = []
                var indexByName: [String: Int] = [:]
                for pair in merged + own {
                    if let name = pair.0.scalar?.string, let i = indexByName[name] {
                        pairs[i] = pair
                    } else {
                        if let name = pair.0.scalar?.string { indexByName[name] = pairs.count }
                        pairs.append(pair)
                    }
                }
                return .mapping(Node.Mapping(pairs, .implicit, m.style, m.mark))
            }
        }

        /// Whether Yams' resolver surely reads `text` as a string, decided without its regular expressions (which
        /// cost microseconds a key): a word starting with a letter or `_` that is none of YAML 1.1's booleans and
        /// nulls.
        static func isPlainWord(_ text: String) -> Bool {
            guard let first = text.unicodeScalars.first,
                  first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
            if text.count > 5 { return true }
            return !["y", "yes", "n", "no", "true", "false", "on", "off", "null"].contains(text.lowercased())
        }

        /// A plain `<<` key, which YAML's merge type reads as a merge.
        func isMergeKey(_ key: Node) -> Bool {
            guard case .scalar(let s) = key, s.string == "<<" else { return false }
            return s.style == .plain || s.style == .any
        }
    }
}
