import ArgumentParser
import Foundation
import MIPModel

/// The value of a `--cuts` option (`solve`, `compare`, `bench`): a comma list of cut families, or `all`, or `none`.
///
/// Options declare it with `transform: CutSelection.parse`, so that an unknown name is refused by the argument
/// parser (exit status 64) naming it and the names accepted, never dropped.
struct CutSelection: ExpressibleByArgument, Hashable {
    /// The families chosen, in the order first given, without repeats; empty for `none`.
    var families: [CutFamily]

    /// Parses `gomory,mir`, `all`, `none` (or the empty string); spaces around names are ignored.
    ///
    /// - Throws: `ValidationError` (`found "mirr"; expected gomory, mir, cover, clique, all or none`) for a name
    ///   that is not a cut family.
    static func parse(_ argument: String) throws -> CutSelection {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text == "all" { return CutSelection(families: CutFamily.allCases) }
        if text == "none" || text.isEmpty { return CutSelection(families: []) }
        var out: [CutFamily] = []
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let c = CutFamily(rawValue: word) else {
                throw ValidationError("found \"\(word)\"; expected "
                    + CutFamily.allCases.map(\.rawValue).joined(separator: ", ") + ", all or none")
            }
            if !out.contains(c) { out.append(c) }
        }
        return CutSelection(families: out)
    }

    /// The families of `families`.
    init(families: [CutFamily]) {
        self.families = families
    }

    /// ``parse(_:)``, or `nil` for an unknown name.
    init?(argument: String) {
        guard let parsed = try? Self.parse(argument) else { return nil }
        self = parsed
    }
}
