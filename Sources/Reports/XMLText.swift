/// Escapes text for XML and HTML documents, so that any firm, plot or scenario name can be written safely.
public enum XMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, usable in element content and in attribute values.
    ///
    /// Characters XML 1.0 forbids (control characters other than tab, newline and carriage return, and U+FFFE/U+FFFF)
    /// are replaced by U+FFFD, so the result is always well-formed. Never fails; the empty string stays empty.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x9F).contains(v) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
