/// Suggests the closest known word for a misspelt key, id or enum value.
///
/// Distance is the optimal-string-alignment edit distance (insertions, deletions, substitutions and adjacent
/// transpositions each cost 1) on lower-cased text, so `secter` → `sector`, `mian` → `main`, `a` → `A`.
package enum DidYouMean {
    /// The candidate closest to `word`, when within the tolerance: distance ≤ max(1, min(3, length / 3)), where
    /// length is the longer of the two; words of one or two letters only match by case (`a` → `A`, never `Z` → `A`).
    /// Ties go to the earlier candidate; `word` itself is never suggested, nor anything for words longer than
    /// ``maxLength`` (to keep the quadratic distance cheap).
    package static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        guard word.unicodeScalars.count <= maxLength else { return nil }
        let w = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for c in candidates where c != word {
            guard c.unicodeScalars.count <= maxLength else { continue }
            let cs = Array(c.lowercased().unicodeScalars)
            let length = max(w.count, cs.count)
            let tolerance = length <= 2 ? 0 : max(1, min(3, length / 3))
            guard abs(w.count - cs.count) <= tolerance else { continue }
            let d = distance(w, cs)
            if d <= tolerance, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// The longest word suggestions are made for, in Unicode scalars.
    static let maxLength = 64

    /// Optimal-string-alignment distance between two scalar arrays.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// `one of a, b, c` for up to `limit` words, else the first `limit` followed by `…`.
    static func oneOf(_ words: [String], limit: Int = 10) -> String {
        if words.count <= limit { return "one of " + words.joined(separator: ", ") }
        return "one of " + words.prefix(limit).joined(separator: ", ") + ", …"
    }
}
