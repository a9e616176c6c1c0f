import CYaml
import Foundation
import Yams

/// The bounded front end shared by every YAML reader (scenarios, layout files): bytes from a file or standard
/// input, UTF-8 checked with the position of the first bad byte, libyaml's events scanned under a budget of values
/// before Yams composes anything (aliases counted at the size of what they copy, explicit tags and non-scalar keys
/// refused), and the composed tree rebuilt with merge keys expanded under the same budget.
///
/// libyaml is used through Yams' own C module (`CYaml`), the parser Yams itself runs.
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

    // MARK: - Events

    /// Scans `yaml`'s libyaml events before Yams composes them, so that composing does bounded work.
    ///
    /// Counts the values the document expands to (an alias counts the values of the node it copies), and refuses
    /// at the first event past `limit`, or at the alias that makes aliases copy more than `aliasLimit` values; refuses an explicit tag (`!!str 2000`, `!local`) and a key that is a list,
    /// a mapping or an alias (Yams hashes keys while composing: an alias key of a nested alias bomb took minutes).
    /// Syntax errors are left to Yams, which reports them with its messages.
    /// - Throws: ``Problem`` at the offending event.
    static func scan(_ yaml: String, limit: Int = valueLimit, aliasLimit: Int = aliasLimit) throws(Problem) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { buffer.deallocate() }
        _ = buffer.initialize(from: bytes)
        yaml_parser_set_input_string(&parser, buffer.baseAddress, bytes.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        struct Frame {
            var isMapping: Bool
            var expectKey = true
            var start: Int
            var anchor: String?
        }
        var stack: [Frame] = []
        var anchors: [String: Int] = [:]
        var produced = 0, copied = 0
        var event = yaml_event_t()

        func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { return }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            func refuse(_ message: String) -> Problem { Problem(line: line, column: column, message: message) }
            let isKey = stack.last.map { $0.isMapping && $0.expectKey } ?? false
            var size = 0
            var opened: Frame?
            var tag: String?
            var anchor: String?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_SCALAR_EVENT:
                size = 1
                anchor = string(event.data.scalar.anchor)
                if event.data.scalar.plain_implicit == 0 && event.data.scalar.quoted_implicit == 0 {
                    tag = string(event.data.scalar.tag)
                }
            case YAML_ALIAS_EVENT:
                if isKey { throw refuse("found an alias as a key; expected a key name") }
                size = string(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                copied += size
                if copied > aliasLimit { throw refuse(overAliasBudget(aliasLimit)) }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let mapping = event.type == YAML_MAPPING_START_EVENT
                if isKey { throw refuse("found a \(mapping ? "mapping" : "list") as a key; expected a key name") }
                size = 1
                if mapping {
                    anchor = string(event.data.mapping_start.anchor)
                    if event.data.mapping_start.implicit == 0 { tag = string(event.data.mapping_start.tag) }
                } else {
                    anchor = string(event.data.sequence_start.anchor)
                    if event.data.sequence_start.implicit == 0 { tag = string(event.data.sequence_start.tag) }
                }
                opened = Frame(isMapping: mapping, start: produced, anchor: anchor)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let done = stack.popLast() else { return }
                if let name = done.anchor { anchors[name] = produced - done.start }
                if !stack.isEmpty, stack[stack.count - 1].isMapping { stack[stack.count - 1].expectKey.toggle() }
                continue
            default:
                continue
            }
            if let tag {
                let core = "tag:yaml.org,2002:"
                let shown = tag.hasPrefix(core) ? "!!" + tag.dropFirst(core.count) : tag
                throw refuse("found the YAML tag \(YAMLNodes.quote(shown)); expected a value without a tag "
                    + "(plotalloc reads plain values by their key's type)")
            }
            produced += size
            if produced > limit {
                throw refuse(overBudget(limit))
            }
            if let opened {
                stack.append(opened)
            } else {
                if let anchor { anchors[anchor] = size }
                if !stack.isEmpty, stack[stack.count - 1].isMapping { stack[stack.count - 1].expectKey.toggle() }
            }
        }
    }

    /// The message of a document whose aliases copy more than `limit` values.
    static func overAliasBudget(_ limit: Int) -> String {
        "found aliases and merge keys copying more than \(limit) values in all; expected fewer or smaller aliases "
            + "(each alias counts every value it copies)"
    }

    /// The message of a document past the budget of values.
    static func overBudget(_ limit: Int) -> String {
        "found more than \(limit) values after expanding aliases and merge keys; expected a smaller document (each "
            + "alias or merge counts every value it copies)"
    }

    // MARK: - Tree

    /// The most values (scalars, lists, mappings, each merged key/value pair) a document may expand to: about twice
    /// the largest estate `plotalloc generate` writes (20,000 firms and plots, about 1.1 M values).
    static let valueLimit = 2_000_000
    /// The most values aliases (merge keys included) may copy in all: a small file cannot make much work.
    static let aliasLimit = 250_000

    /// `root` rebuilt as a plain tree: aliases copied, merge keys (`<<`) expanded the way Yams' decoder expands
    /// them (merged pairs first, a later key replacing an earlier one).
    ///
    /// Work and the result's size are bounded by `limit` values, counted as they are produced, so a small file of
    /// nested aliases or merges is refused after at most `limit` steps.
    /// - Throws: ``Problem`` at the node where the budget ran out (the outermost merge key when merging), or at a
    ///   merge key whose value is not a mapping or a list of mappings.
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
                throw at(mergeOrigin ?? node, YAMLInput.overBudget(limit))
            }
        }

        func at(_ node: Node, _ message: String) -> Problem {
            Problem(line: node.mark?.line, column: node.mark?.column, message: message)
        }

        mutating func expand(_ node: Node) throws(Problem) -> Node {
            try count(node)
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

        /// A plain `<<` key, which YAML's merge type reads as a merge.
        func isMergeKey(_ key: Node) -> Bool {
            guard case .scalar(let s) = key, s.string == "<<" else { return false }
            return s.style == .plain || s.style == .any
        }
    }
}
