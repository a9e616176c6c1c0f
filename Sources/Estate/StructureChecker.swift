import Yams

/// Walks a composed YAML tree against ``KeySchema`` and collects every shape error with its position: unknown keys
/// (with a did-you-mean), missing keys, values of the wrong type, words outside an enum.
///
/// Messages (the exact texts tests assert):
/// - `path: found X; expected Y` — a value of the wrong shape (`found "ten"; expected a number`,
///   `found nothing; expected a string`, `found "mian"; expected one of main, local (did you mean "main"?)`).
/// - `path.key: unknown key "key"; did you mean "other"?` or `…; expected one of a, b, c` when nothing is close.
/// - `path.key: missing; expected Y` — a required key is absent (reported at the mapping's position).
/// - `path.key: missing; expected Y when other is value` — a key required by another key's value.
///
/// An optional key whose value is null counts as absent. Walking stops after ``nodeLimit`` values, so that a file
/// of nested aliases cannot make the check run for ever, and once ``diagnosticLimit`` diagnostics are found.
struct StructureChecker {
    /// The file name diagnostics carry.
    let file: String
    /// What was found so far.
    private(set) var diagnostics: [ScenarioDiagnostic] = []
    private var visited = 0
    private var stopped = false
    /// What stops the walk early besides its own limits (the run's deadline and interrupt).
    let watch: LoadWatch
    /// Why the watch stopped the walk, when it did (the diagnostics are then incomplete).
    private(set) var stoppedBy: LoadStop.Cause?

    /// Values visited between two looks at ``watch`` (the first value is looked at too).
    static let watchInterval = 4_096

    /// Values visited before giving up (aliases can make a small file a huge tree).
    static let nodeLimit = 1_000_000
    /// Diagnostics collected before giving up (more than are ever shown).
    static let diagnosticLimit = 1_000

    /// Prepares a walk for `file`, stopped early when `watch` says so.
    init(file: String, watch: LoadWatch = .none) {
        self.file = file
        self.watch = watch
    }

    /// Checks `node` at `path` against `schema`, appending diagnostics.
    mutating func check(_ node: Node, against schema: KeySchema, at path: ScenarioPath) {
        guard !stopped else { return }
        visited += 1
        if visited > Self.nodeLimit {
            stopped = true
            report(node, path, "found more than \(Self.nodeLimit) values after expanding aliases; expected a smaller document")
            return
        }
        if visited % Self.watchInterval == 1, let cause = watch.cause {   // at the first value, then every interval
            stopped = true
            stoppedBy = cause
            return
        }
        switch schema {
        case .string:
            if case .scalar = node, !YAMLNodes.isNull(node) { return }
            mismatch(node, schema, path)
        case .number:
            if case .scalar(let s) = node, Double.construct(from: s) != nil { return }
            mismatch(node, schema, path)
        case .integer:
            if case .scalar(let s) = node, Int.construct(from: s) != nil { return }
            mismatch(node, schema, path)
        case .bool:
            if case .scalar(let s) = node, Bool.construct(from: s) != nil { return }
            mismatch(node, schema, path)
        case .choice(let words):
            if case .scalar(let s) = node, !YAMLNodes.isNull(node) {
                if words.contains(s.string) { return }
                var message = "found \(YAMLNodes.describe(node)); expected \(schema.expectation)"
                if let near = DidYouMean.suggestion(for: s.string, among: words) {
                    message += " (did you mean \"\(near)\"?)"
                }
                report(node, path, message)
                return
            }
            mismatch(node, schema, path)
        case .list(let element):
            guard case .sequence(let seq) = node else { return mismatch(node, schema, path) }
            for (i, item) in seq.enumerated() {
                if stopped { return }
                check(item, against: element, at: path.appending(i))
            }
        case .object(let object):
            guard case .mapping(let mapping) = node else { return mismatch(node, schema, path) }
            checkMapping(mapping, node, object, path)
        }
    }

    private mutating func checkMapping(
        _ mapping: Node.Mapping, _ node: Node, _ object: KeySchema.ObjectSchema, _ path: ScenarioPath
    ) {
        let pairs = YAMLNodes.pairs(of: mapping)
        var present: Set<String> = []
        for pair in pairs {
            if stopped { return }  // enough diagnostics: do not walk (and suggest names for) millions more keys
            guard let name = pair.name else {
                report(pair.key, path, "found \(YAMLNodes.describe(pair.key)) as a key; expected a key name")
                continue
            }
            guard let field = object.field(name) else {
                let keys = object.fields.map(\.key)
                var message = "unknown key \(YAMLNodes.quote(name)); "
                if let near = DidYouMean.suggestion(for: name, among: keys) {
                    message += "did you mean \"\(near)\"?"
                } else {
                    message += "expected " + DidYouMean.oneOf(keys, limit: keys.count)
                }
                report(pair.key, path.appending(name), message)
                continue
            }
            if YAMLNodes.isNull(pair.value) && !field.required { continue }
            present.insert(name)
            check(pair.value, against: field.schema, at: path.appending(name))
        }
        for field in object.fields where field.required && !present.contains(field.key) {
            report(node, path.appending(field.key), "missing; expected \(field.schema.expectation)")
        }
        for rule in object.conditional where !present.contains(rule.key) {
            guard let when = pairs.last(where: { $0.name == rule.when }), when.value.scalar?.string == rule.equals
            else { continue }
            let expected = object.field(rule.key)?.schema.expectation ?? "a value"
            report(node, path.appending(rule.key), "missing; expected \(expected) when \(rule.when) is \(rule.equals)")
        }
    }

    private mutating func mismatch(_ node: Node, _ schema: KeySchema, _ path: ScenarioPath) {
        report(node, path, "found \(YAMLNodes.describe(node)); expected \(schema.expectation)")
    }

    private mutating func report(_ node: Node, _ path: ScenarioPath, _ message: String) {
        guard diagnostics.count < Self.diagnosticLimit else { stopped = true; return }
        let mark = node.mark
        diagnostics.append(
            ScenarioDiagnostic(file: file, line: mark?.line, column: mark?.column, path: path.description, message: message))
    }
}
