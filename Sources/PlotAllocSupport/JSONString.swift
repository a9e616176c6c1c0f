import Foundation

/// JSON string literals for the reports that write their JSON by hand (one object per line, fixed decimals).
package enum JSONString {
    /// `s` as a JSON string literal: `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or `\u00XX`, every
    /// other character as it is (UTF-8 output, no `\u` escapes beyond the control range).
    package static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
