/// How the problems of a generalized assignment file are laid out.
public enum GAPFileLayout: String, Sendable, Hashable, CaseIterable {
    /// OR-Library's layout: the number of problems, then each problem (gap1–gap12, gapa–gapd).
    case multiple
    /// One problem without a leading count (Yagiura's type E files).
    case single
    /// Decide from the content: `single` when the numbers make up exactly one problem, `multiple` otherwise.
    /// When neither reading succeeds, the error of the reading that got further is reported.
    case automatic
}
