import Foundation

/// The column names of a result, shared by its rows; looked up without regard to case
/// (PostgreSQL folds unquoted names to lower case, SQLite keeps them as written).
public final class SQLColumns: Sendable {
    public let names: [String]
    private let positions: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() where positions[name.lowercased()] == nil { positions[name.lowercased()] = i }
        self.positions = positions
    }

    public func index(of name: String) -> Int? { positions[name.lowercased()] }
}

/// One row of a result, on either engine.
///
/// `row["name"]` reads a column as the type asked for, like GRDB's rows: an optional type reads
/// NULL (and a missing column) as nil; a non-optional type on NULL, or on a value that cannot be
/// that type, is a programming error (the schema and the code disagree) and stops the process.
public struct SQLRow: Sendable {
    public let columns: SQLColumns
    public let values: [SQLValue]

    public init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns; self.values = values
    }

    public var count: Int { values.count }

    public func value(named name: String) -> SQLValue {
        columns.index(of: name).map { values[$0] } ?? .null
    }

    public func hasColumn(_ name: String) -> Bool { columns.index(of: name) != nil }

    public subscript<T: SQLDecodable>(_ name: String) -> T {
        Self.read(value(named: name), as: T.self, column: name)
    }

    public subscript<T: SQLDecodable>(_ index: Int) -> T {
        Self.read(values[index], as: T.self, column: "#\(index)")
    }

    /// The row as column name → value.
    public var dictionary: [String: SQLValue] {
        Dictionary(zip(columns.names, values), uniquingKeysWith: { first, _ in first })
    }

    private static func read<T: SQLDecodable>(_ value: SQLValue, as type: T.Type, column: String) -> T {
        guard let decoded = T.decode(value) else {
            preconditionFailure("column \(column): cannot read \(value) as \(T.self)")
        }
        return decoded
    }
}
