// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "plotalloc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plotalloc", targets: ["plotalloc"]),
        .library(name: "PlotAlloc", targets: ["PlotAlloc"]),
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
        .target(
            name: "PlotAlloc",
            dependencies: [
                "CGLPK",
                "Geometry",
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/PlotAlloc"
        ),
        .executableTarget(
            name: "plotalloc",
            dependencies: [
                "PlotAlloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/plotalloc"
        ),
        .testTarget(
            name: "PlotAllocTests",
            dependencies: [
                "PlotAlloc",
                "Geometry",
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
