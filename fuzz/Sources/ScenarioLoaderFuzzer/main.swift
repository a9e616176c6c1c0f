import CFuzzerDriver
import Estate

/// libFuzzer's callback: loads the input as a scenario file, as `plotalloc check` loads it.
///
/// Any outcome but a crash, a leak, a hang or running out of memory passes: a ``ScenarioError`` is the expected
/// answer to most inputs. An error must carry at least one diagnostic with a message; the target traps otherwise, so
/// that libFuzzer saves the input.
func fuzzScenarioLoader(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    do {
        _ = try ScenarioLoader.load(bytes: bytes, file: "fuzz.yaml")
    } catch {
        precondition(!error.diagnostics.isEmpty && error.diagnostics.allSatisfy { !$0.message.isEmpty })
    }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<target>_main`; the target is built with
/// `-parse-as-library`): hands the command line to libFuzzer's driver.
@_cdecl("ScenarioLoaderFuzzer_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { fuzzScenarioLoader($0, $1) }
}
