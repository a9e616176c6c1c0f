// swift-tools-version: 6.0
// libFuzzer targets for plotalloc's input readers; kept out of the main package so that `swift build` and
// `swift test` stay fast. Build and run with fuzz/run.sh (see fuzz/README.md).
import PackageDescription

let package = Package(
    name: "plotalloc-fuzz",
    dependencies: [
        .package(name: "plotalloc", path: ".."),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver: SwiftPM gives each executable its own main, which calls it.
        .target(name: "CFuzzerDriver"),
        // The readers live in the Estate module of the library product PlotAlloc.
        .executableTarget(
            name: "ScenarioLoaderFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "PlotAlloc", package: "plotalloc")]
        ),
        .executableTarget(
            name: "LayoutReaderFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "PlotAlloc", package: "plotalloc")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
