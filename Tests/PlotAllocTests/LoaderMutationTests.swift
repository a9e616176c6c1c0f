import Foundation
import Testing
@testable import Estate
import PlotAllocSupport

/// A bounded, seeded mutation test of the loader (the long campaigns are fuzz/run.sh's): 2,000 mutants of the
/// tutorial and of the test fixtures, each loaded from bytes. Every outcome must be a scenario or an error whose
/// every diagnostic has a message and prints on one line without control characters (tabs aside); none may trap.
@Suite struct LoaderMutationTests {
    static let seeds: [[UInt8]] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let files = ["Fixtures/base.yaml", "Fixtures/minimal.yaml", "Fixtures/shape-errors.yaml",
                     "../../scenarios/tutorial.yaml"]
        return files.compactMap { try? Array(Data(contentsOf: root.appendingPathComponent($0))) }
    }()

    /// Pieces that reach the loader's limits: anchors, aliases, merges, tags, tabs, bad UTF-8, escapes, nesting.
    static let tokens: [[UInt8]] = [
        "&a ", "*a", "<<: *a\n", "<<: [*a, *a]", "!!str ", "!!null ", "!x ", "? ", "\t", "\u{1B}[2J", "[[[[", "]]]]",
        "{", "}", ": ", "- ", "\n  ", "1e308", "-1e308", ".nan", "9223372036854775807", "~", "\"", "'",
        "---\n", "...\n", "%YAML 1.2\n", "#", ",", "\r\n",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80], [0x00], [0xEF, 0xBB, 0xBF]]

    static func mutate(_ input: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: if !bytes.isEmpty { bytes[at] = UInt8.random(in: 0...255, using: &rng) }
            case 1: bytes.insert(contentsOf: tokens.randomElement(using: &rng)!, at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
            case 3:
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: min(bytes.count, end))
            default: if !bytes.isEmpty { bytes[at] = UInt8(ascii: ["0", "9", "-", ".", "e", " ", ":"].randomElement(using: &rng)!) }
            }
        }
        return bytes
    }

    @Test func mutantsLoadOrFailWithMessages() {
        var rng = SeededGenerator(seed: 11)
        var loaded = 0, refused = 0
        for n in 0..<2_000 {
            let seed = Self.seeds[n % Self.seeds.count]
            let mutant = Self.mutate(seed, &rng)
            do {
                _ = try ScenarioLoader.load(bytes: mutant, file: "m.yaml")
                loaded += 1
            } catch {
                refused += 1
                #expect(!error.diagnostics.isEmpty, "mutant \(n)")
                for d in error.diagnostics {
                    #expect(!d.message.isEmpty, "mutant \(n)")
                    #expect(!d.headline.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }, "mutant \(n)")
                }
            }
        }
        // Not vacuous: some mutants still load, most are refused.
        #expect(loaded > 0 && refused > loaded)
    }
}
