import CFuzzerDriver
import Estate

/// libFuzzer's callback: reads the input as a layout file in both formats `plotalloc score` reads (JSON, CSV) and
/// with the format sniffed, as for a file without a known extension.
func fuzzLayoutReader(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    for format in [LayoutDocument.Format.json, .csv] {
        _ = try? LayoutDocument.parse(text, file: "fuzz.layout", format: format)
    }
    _ = try? LayoutDocument.parse(text, file: "fuzz.layout")
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<target>_main`; the target is built with
/// `-parse-as-library`): hands the command line to libFuzzer's driver.
@_cdecl("LayoutReaderFuzzer_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { fuzzLayoutReader($0, $1) }
}
