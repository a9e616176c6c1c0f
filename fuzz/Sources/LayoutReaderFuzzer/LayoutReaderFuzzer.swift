import PlotAlloc

/// libFuzzer's entry point: reads the input as a layout file in every format `plotalloc score` reads (JSON, CSV
/// and the layout-file JSON that `solve --output` writes).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLayoutReader(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    for format in [LayoutDocument.Format.json, .csv] {
        _ = try? LayoutDocument.parse(text, file: "fuzz.layout", format: format)
    }
    _ = try? LayoutDocument.parse(text, file: "fuzz.layout")
    return 0
}
