import Foundation
import Testing

/// The module graph of docs/architecture.md, checked on the sources.
///
/// The compiler already refuses an import that points back up the chain (a circular dependency between modules).
/// Two things it lets through, because SwiftPM puts every built module and every system library's module map of a
/// target's dependencies on the search path: an import of a module the target does not declare (e.g. `Reports`
/// importing `GLPKBackend`), and `import CGLPK` in any target downstream of `GLPKBackend` (likewise `CPROJ` and
/// `CGEOS` downstream of `Geometry`). This suite closes both.
@Suite struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// What each module may import besides the system and the two declared packages (Package.swift's dependencies).
    static let allowed: [String: Set<String>] = [
        "PlotAllocSupport": [],
        "MIPModel": [],
        "GLPKBackend": ["MIPModel", "PlotAllocSupport", "CGLPK"],
        "Geometry": ["CPROJ", "CGEOS"],
        // CYaml is Yams' own C module (libyaml): the loader scans its events under a budget before Yams composes.
        "Estate": ["MIPModel", "PlotAllocSupport", "Geometry", "Yams", "CYaml"],
        "Allocation": ["Estate", "MIPModel", "GLPKBackend", "PlotAllocSupport"],
        "Reports": ["Allocation", "Estate", "Geometry", "MIPModel", "PlotAllocSupport"],
        "Benchmarks": ["Allocation", "Estate", "MIPModel", "GLPKBackend", "PlotAllocSupport"],
        "PlotAllocTestSupport": ["Estate"],
        "plotalloc-benchmarks": ["Estate", "Benchmarks", "ArgumentParser"],
        "plotalloc": [
            "PlotAllocSupport", "MIPModel", "GLPKBackend", "Estate", "Allocation", "Reports", "Benchmarks",
            "ArgumentParser",
        ],
    ]
    static let system: Set<String> = ["Foundation", "FoundationXML", "Dispatch", "Glibc", "Darwin", "Synchronization"]

    /// The modules a Swift file imports (`import X`, `internal import X`, `@testable import X`, …).
    static func imports(of file: URL) throws -> [String] {
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                  words[..<i].allSatisfy({ ["internal", "public", "package", "private", "@testable", "@preconcurrency"].contains($0) })
            else { return nil }
            return String(words[i + 1])
        }
    }

    @Test func everyModuleImportsOnlyWhatItsLayerAllows() throws {
        let fm = FileManager.default
        let folders = try fm.contentsOfDirectory(atPath: Self.sources.path).filter { !["CGLPK", "CPROJ", "CGEOS"].contains($0) }
        #expect(Set(folders) == Set(Self.allowed.keys), "a new target needs its place in the module graph")
        var checked = 0
        for folder in folders {
            let root = Self.sources.appendingPathComponent(folder)
            let files = fm.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            for file in files ?? [] {
                for module in try Self.imports(of: root.appendingPathComponent(file))
                where !Self.system.contains(module) {
                    #expect(Self.allowed[folder]?.contains(module) == true, "\(folder)/\(file) imports \(module)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func importsAreFoundInTheSourceText() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("imports-\(UUID()).swift")
        try "import Foundation\ninternal import CGLPK\n@testable import Estate\n// import Nothing\nlet x = 1\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try Self.imports(of: file) == ["Foundation", "CGLPK", "Estate"])
    }
}
