import Foundation

/// One connection inside a read or a transaction: the statements a store runs.
///
/// Statements use `?` placeholders on both engines. A session is valid only inside the closure
/// it was handed to, on that closure's thread.
public protocol SQLSession {
    var dialect: SQLDialect { get }

    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws(StorageError) -> Int

    /// Runs a query and hands over its rows in order.
    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws

    /// Runs statements separated by `;`, without arguments (migrations).
    func executeScript(_ sql: String) throws(StorageError)

    /// Runs `body` in a savepoint of the open transaction: undone alone when it throws.
    func savepoint<T>(_ body: () throws -> T) throws -> T

    /// Loads rows into a table in bulk: PostgreSQL's COPY, SQLite's prepared insert.
    func copy(into table: String, columns: [String], rows: [[SQLValue]]) throws(StorageError)
}

extension SQLSession {
    @discardableResult
    public func execute(_ sql: String) throws(StorageError) -> Int { try execute(sql, []) }

    public func rows(_ sql: String, _ arguments: SQLArguments = []) throws(StorageError) -> [SQLRow] {
        var rows: [SQLRow] = []
        do { try forEachRow(sql, arguments) { rows.append($0) } } catch { throw Self.storageError(error) }
        return rows
    }

    /// The first row, if any.
    public func row(_ sql: String, _ arguments: SQLArguments = []) throws(StorageError) -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    public func value<T: SQLDecodable>(_ sql: String, _ arguments: SQLArguments = [], as type: T.Type = T.self) throws(StorageError) -> T? {
        guard let row = try row(sql, arguments), row.count > 0 else { return nil }
        let first: T? = row[0]
        return first
    }

    /// The first column of every row (NULLs left out).
    public func values<T: SQLDecodable>(_ sql: String, _ arguments: SQLArguments = [], as type: T.Type = T.self) throws(StorageError) -> [T] {
        try rows(sql, arguments).compactMap { row in
            let value: T? = row[0]
            return value
        }
    }

    static func storageError(_ error: any Error) -> StorageError {
        (error as? StorageError) ?? .failed("\(error)")
    }
}

extension SQLDecodable {
    /// `Int.one(db, "SELECT count(*) …", [x])`: the first column of the first row, nil when none or NULL.
    public static func one(_ db: any SQLSession, _ sql: String, _ arguments: SQLArguments = []) throws(StorageError) -> Self? {
        try db.value(sql, arguments, as: Self.self)
    }

    /// `String.all(db, "SELECT name …", [x])`: the first column of every row (NULLs left out).
    public static func all(_ db: any SQLSession, _ sql: String, _ arguments: SQLArguments = []) throws(StorageError) -> [Self] {
        try db.values(sql, arguments, as: Self.self)
    }
}

extension SQLRow {
    public static func one(_ db: any SQLSession, _ sql: String, _ arguments: SQLArguments = []) throws(StorageError) -> SQLRow? {
        try db.row(sql, arguments)
    }

    public static func all(_ db: any SQLSession, _ sql: String, _ arguments: SQLArguments = []) throws(StorageError) -> [SQLRow] {
        try db.rows(sql, arguments)
    }
}
