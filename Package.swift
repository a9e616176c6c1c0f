// swift-tools-version: 6.0
import PackageDescription

// The library is split into modules along the data flow (docs/architecture.md), so that a wrong-way import does not
// compile: Support ← MIPModel ← GLPKBackend (the only importer of CGLPK); MIPModel, Geometry (the only importer of
// CPROJ and CGEOS) ← Estate (scenario, rules' definitions, layout, verifier: no solver); Estate + GLPKBackend ←
// Allocation ← Reports, Benchmarks ← plotalloc.
let package = Package(
    name: "plotalloc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plotalloc", targets: ["plotalloc"]),
        .executable(name: "plotalloc-benchmarks", targets: ["plotalloc-benchmarks"]),
        .library(
            name: "PlotAlloc",
            targets: [
                "PlotAllocSupport", "MIPModel", "GLPKBackend", "Geometry", "Estate", "Allocation", "Reports", "Benchmarks",
            ]
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GLPK 5.0 from Debian ships no pkg-config file: the module map names the library.
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // PROJ 9 and GEOS 3.11 from Debian: the module maps name the libraries, as for GLPK.
        .systemLibrary(
            name: "CPROJ",
            path: "Sources/CPROJ",
            providers: [.apt(["libproj-dev"])]
        ),
        .systemLibrary(
            name: "CGEOS",
            path: "Sources/CGEOS",
            providers: [.apt(["libgeos-dev"])]
        ),
        // Site geometry: the only importer of CPROJ and CGEOS; a leaf (no other target of the package).
        .target(
            name: "Geometry",
            dependencies: ["CPROJ", "CGEOS"],
            path: "Sources/Geometry"
        ),
        // AtomicFile, DiagnosticLine, SeededGenerator: no dependencies.
        .target(name: "PlotAllocSupport"),
        // The solver-independent MIP model, solve results, the stop flag and progress; no solver.
        .target(name: "MIPModel"),
        // The GLPK backend: the only target that imports CGLPK.
        .target(name: "GLPKBackend", dependencies: ["MIPModel", "PlotAllocSupport", "CGLPK"]),
        // The estate domain: scenario types, loader, generator, the rules' definitions, layouts and the verifier.
        // It depends on no solver and cannot reach the formulation. Drawn sites are measured through Geometry.
        .target(
            name: "Estate",
            dependencies: ["MIPModel", "PlotAllocSupport", "Geometry", .product(name: "Yams", package: "Yams")]
        ),
        // Formulation, warm-start search, bounds, the Allocator, explanations, alternative layouts.
        .target(name: "Allocation", dependencies: ["Estate", "MIPModel", "GLPKBackend", "PlotAllocSupport"]),
        .target(name: "Reports", dependencies: ["Allocation", "Estate", "Geometry", "MIPModel", "PlotAllocSupport"]),
        .target(
            name: "Benchmarks",
            dependencies: ["Allocation", "Estate", "MIPModel", "GLPKBackend", "PlotAllocSupport"]
        ),
        // The benchmark scenarios as a Swift target: `swift run -c release plotalloc-benchmarks` (benchmarks/README.md,
        // "The Swift benchmark target"; a plain executable rather than package-benchmark: 60 s solves, one child
        // process per run, no dependency added).
        .executableTarget(
            name: "plotalloc-benchmarks",
            dependencies: [
                "Estate", "Benchmarks", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/plotalloc-benchmarks"
        ),
        // Oracles for the tests (exhaustive search); not part of the library product.
        .target(name: "PlotAllocTestSupport", dependencies: ["Estate"]),
        .executableTarget(
            name: "plotalloc",
            dependencies: [
                "PlotAllocSupport", "MIPModel", "GLPKBackend", "Estate", "Allocation", "Reports", "Benchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/plotalloc"
        ),
        .testTarget(
            name: "PlotAllocTests",
            dependencies: [
                "PlotAllocSupport", "MIPModel", "GLPKBackend", "Estate", "Allocation", "Reports", "Benchmarks",
                "PlotAllocTestSupport", "Geometry",
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Tests/PlotAllocTests",
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GeometryTests",
            dependencies: ["Geometry"],
            path: "Tests/GeometryTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
