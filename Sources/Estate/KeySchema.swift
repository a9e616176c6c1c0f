/// The shape a YAML value must have: the structural half of the scenario format, checked on the node tree before
/// decoding so that every shape error in a file is reported with its position, not only the first.
///
/// Mapping schemas are built from each type's `CodingKeys.allCases` with an exhaustive `switch`, so a key added to a
/// scenario type cannot be forgotten here: the build fails until it is given a shape.
indirect enum KeySchema: Sendable {
    /// Any scalar except null (ids, names, labels).
    case string
    /// A number: an integer or a float in YAML's plain style (`.inf` and `.nan` pass here and fail later as
    /// non-finite).
    case number
    /// A whole number.
    case integer
    /// `true` or `false` (YAML 1.1 spellings `yes`/`no`/`on`/`off` are accepted, as Yams decodes them).
    case bool
    /// One of a fixed set of words (the raw values of an enum).
    case choice([String])
    /// A list whose elements all have one shape.
    case list(KeySchema)
    /// A mapping with known keys.
    case object(ObjectSchema)

    /// A mapping's keys, in declaration order, with their shapes and whether each must be present.
    struct ObjectSchema: Sendable {
        /// One key of the mapping.
        struct Field: Sendable {
            /// The YAML key.
            var key: String
            /// The value's shape.
            var schema: KeySchema
            /// Whether the key must be present (and not null).
            var required: Bool
        }

        /// The keys in `CodingKeys` order.
        var fields: [Field]
        /// Keys required only when another key has a given value: (key, when key, equals value).
        var conditional: [(key: String, when: String, equals: String)] = []

        /// Looks up a field by key.
        func field(_ key: String) -> Field? { fields.first { $0.key == key } }
    }

    /// A mapping schema from a `CodingKeys` type: `shape(key)` gives each key's shape and whether it is required.
    static func object<K: CodingKey & CaseIterable>(
        _ keys: K.Type, conditional: [(key: K, when: K, equals: String)] = [],
        _ shape: (K) -> (KeySchema, required: Bool)
    ) -> KeySchema {
        let fields = K.allCases.map { key in
            let (schema, required) = shape(key)
            return ObjectSchema.Field(key: key.stringValue, schema: schema, required: required)
        }
        let cond = conditional.map { (key: $0.key.stringValue, when: $0.when.stringValue, equals: $0.equals) }
        return .object(ObjectSchema(fields: fields, conditional: cond))
    }

    /// A choice among an enum's raw values, in declaration order.
    static func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> KeySchema where E.RawValue == String {
        .choice(E.allCases.map(\.rawValue))
    }

    /// How a diagnostic names what was expected, e.g. `a number`, `one of main, local`.
    var expectation: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .integer: "a whole number"
        case .bool: "true or false"
        case .choice(let words): "one of " + words.joined(separator: ", ")
        case .list: "a list"
        case .object: "a mapping"
        }
    }
}
