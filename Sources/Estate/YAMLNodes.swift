import Foundation
import Yams

/// Helpers for reading Yams nodes the way Yams' decoder reads them, with positions kept.
enum YAMLNodes {
    /// A mapping's key/value pairs with YAML merge keys (`<<: *base`) expanded as Yams' decoder does: merged pairs
    /// first, then the mapping's own, a later key replacing an earlier one of the same name. Keys that are not scalars
    /// are kept with a `nil` name.
    static func pairs(of mapping: Node.Mapping) -> [(name: String?, key: Node, value: Node)] {
        var merged: [(name: String?, key: Node, value: Node)] = []
        var own: [(name: String?, key: Node, value: Node)] = []
        for (key, value) in mapping {
            if key.tag.rawValue == Tag.Name.merge.rawValue {
                switch value {
                case .mapping(let m):
                    merged.append(contentsOf: pairs(of: m))
                case .sequence(let s):
                    for case .mapping(let m) in s.reversed() { merged.append(contentsOf: pairs(of: m)) }
                default:
                    break
                }
            } else {
                own.append((key.scalar?.string, key, value))
            }
        }
        var out: [(name: String?, key: Node, value: Node)] = []
        var indexByName: [String: Int] = [:]
        for pair in merged + own {
            if let name = pair.name, let i = indexByName[name] {
                out[i] = pair
            } else {
                if let name = pair.name { indexByName[name] = out.count }
                out.append(pair)
            }
        }
        return out
    }

    /// The value of key `name` in `node`, when `node` is a mapping that has it.
    static func value(of name: String, in node: Node) -> Node? {
        guard case .mapping(let m) = node else { return nil }
        return pairs(of: m).last { $0.name == name }?.value
    }

    /// Whether `node` is a YAML null (`~`, `null`, or nothing after the colon), as Yams' `decodeNil` sees it.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node else { return false }
        return NSNull.construct(from: s) != nil
    }

    /// How a diagnostic names a value that was found: `"ten"` (quoted, cut at 40 characters), `nothing`,
    /// `a mapping`, `a list`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            if isNull(node) { return "nothing" }
            return quote(s.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// `text` in double quotes, with quotes, backslashes and control characters escaped; cut at 40 characters.
    static func quote(_ text: String) -> String {
        var body = ""
        for (n, ch) in text.unicodeScalars.enumerated() {
            if n == 40 { body += "…"; break }
            switch ch {
            case "\"": body += "\\\""
            case "\\": body += "\\\\"
            case "\n": body += "\\n"
            case "\t": body += "\\t"
            default:
                if ch.value < 0x20 || ch.value == 0x7F {
                    body += "\\u{" + String(ch.value, radix: 16) + "}"
                } else {
                    body.unicodeScalars.append(ch)
                }
            }
        }
        return "\"" + body + "\""
    }

    /// The source line `line` (1-based) of `text` and a caret line under `column` (1-based, in Unicode scalars),
    /// as Yams prints them under a syntax error; empty when the line does not exist. Lines longer than
    /// ``snippetWidth`` are cut to a window around the column, with `…` marking the cuts.
    static func snippet(line: Int, column: Int, in text: String) -> String {
        var current = 1
        for content in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == line {
                var body = Array((content.hasSuffix("\r") ? content.dropLast() : content).unicodeScalars)
                var pad = min(max(0, column - 1), body.count)
                var lead = "", trail = ""
                if body.count > snippetWidth {
                    let start = max(0, min(pad - snippetWidth / 2, body.count - snippetWidth))
                    let end = min(body.count, start + snippetWidth)
                    if start > 0 { lead = "…" }
                    if end < body.count { trail = "…" }
                    body = Array(body[start..<end])
                    pad = pad - start + lead.count
                }
                var shown = String.UnicodeScalarView()
                shown.append(contentsOf: body)
                let line = lead + String(shown) + trail
                let spaces = line.unicodeScalars.prefix(pad).map { $0 == "\t" ? "\t" : " " }.joined()
                return line + "\n" + spaces + "^"
            }
            current += 1
        }
        return ""
    }

    /// The widest source line a snippet shows, in Unicode scalars.
    static let snippetWidth = 100

    /// The node at `path` under `root`, or the deepest node on the way when the path leaves the tree, with
    /// whether the whole path was found.
    static func locate(_ path: ScenarioPath, in root: Node) -> (node: Node, exact: Bool) {
        var node = root
        for component in path.components {
            switch (component, node) {
            case (.key(let k), .mapping):
                guard let next = value(of: k, in: node) else { return (node, false) }
                node = next
            case (.index(let i), .sequence(let s)):
                guard i >= 0, i < s.count else { return (node, false) }
                node = s[i]
            default:
                return (node, false)
            }
        }
        return (node, true)
    }
}
