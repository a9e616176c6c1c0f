import PlotAlloc

/// libFuzzer's entry point: loads the input as a scenario file, as `plotalloc check` does.
///
/// Any outcome but a crash, a leak, a hang or an out-of-memory is a pass: a ``ScenarioError`` is the expected
/// answer to most inputs. Errors must carry a message; the test traps otherwise so that libFuzzer records it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioLoader(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    do {
        _ = try ScenarioLoader.load(bytes: bytes, file: "fuzz.yaml")
    } catch {
        precondition(!error.diagnostics.isEmpty && error.diagnostics.allSatisfy { !$0.message.isEmpty })
    }
    return 0
}
