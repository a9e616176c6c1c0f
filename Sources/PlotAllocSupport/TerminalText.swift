/// Text from a file made safe to print on a terminal: control characters escaped, so that a name or a source line
/// cannot clear the screen, move the cursor or set the window title.
public enum TerminalText {
    /// The escape for one Unicode scalar, or `nil` when it prints as itself.
    ///
    /// C0 controls except tab and line feed, DEL and the C1 controls (U+0080–U+009F) become `\u{1b}`; line feeds
    /// and tabs are left to the caller (``escaped(_:keepingNewlines:)`` decides for whole strings).
    public static func escape(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        guard v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029 else { return nil }
        if scalar == "\t" { return nil }
        return "\\u{" + String(v, radix: 16) + "}"
    }

    /// `text` with control characters escaped; line feeds are kept when `keepingNewlines` (multi-line reports),
    /// else escaped too (one-line messages).
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { escape($0) != nil }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if keepingNewlines && scalar == "\n" {
                out.unicodeScalars.append(scalar)
            } else if let e = escape(scalar) {
                out += e
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
