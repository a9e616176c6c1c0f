/// plotalloc's version, printed by `plotalloc --version` and in every run receipt.
public enum PlotAllocVersion {
    /// The version, e.g. `0.1.0`.
    public static let current = "0.1.0"
}
