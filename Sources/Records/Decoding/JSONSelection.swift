/// Which parts of a JSON document `JSONParser` builds. What is not selected is checked as strictly
/// as the rest — the same failures at the same offsets — but never made into values: a reader
/// that needs a tenth of a record parses it without allocating the other nine tenths.
public indirect enum JSONSelection: Sendable {
    /// The whole value.
    case all
    /// Nothing: the value is checked and read as null.
    case nothing
    /// In an object, these members, each with its own selection (the others are left out); in an
    /// array, each element with this selection; a scalar is built.
    case members(Members)

    public struct Members: Sendable {
        let entries: [(name: String, utf8: [UInt8], selection: JSONSelection)]
    }

    /// These members of an object (or of each object of an array).
    public static func keeping(_ members: KeyValuePairs<String, JSONSelection>) -> JSONSelection {
        keeping(members.map { ($0.key, $0.value) })
    }

    public static func keeping(_ members: [(String, JSONSelection)]) -> JSONSelection {
        .members(Members(entries: members.map { ($0.0, Array($0.0.utf8), $0.1) }))
    }

    /// These members, whole.
    public static func keeping(_ names: String...) -> JSONSelection {
        keeping(names.map { ($0, .all) })
    }

    var builds: Bool {
        if case .nothing = self { false } else { true }
    }
}
