import Foundation
import GRDB

/// A GRDB connection inside `read` or `write`.
struct SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws(StorageError) -> Int {
        do {
            let statement = try db.cachedStatement(sql: sql)
            try statement.setArguments(Self.arguments(arguments))
            try statement.execute()
            return db.changesCount
        } catch { throw Self.storageError(error) }
    }

    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let cursor: RowCursor
        let columns: SQLColumns
        do {
            let statement = try db.cachedStatement(sql: sql)
            try statement.setArguments(Self.arguments(arguments))
            columns = SQLColumns(statement.columnNames)
            cursor = try Row.fetchCursor(statement)
        } catch { throw Self.storageError(error) }
        while let row = try Self.next(cursor) {
            try body(SQLRow(columns: columns, values: row.databaseValues.map(Self.value)))
        }
    }

    func executeScript(_ sql: String) throws(StorageError) {
        do { try db.execute(sql: sql) } catch { throw Self.storageError(error) }
    }

    func copy(into table: String, columns: [String], rows: [[SQLValue]]) throws(StorageError) {
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(sqlPlaceholders(columns.count)))"
        for row in rows { try execute(sql, row) }
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        do {
            try db.inSavepoint {
                result = try body()
                return .commit
            }
        } catch let error as DatabaseError { throw Self.storageError(error) }
        guard let result else { throw StorageError.failed("a savepoint ended without its result") }
        return result
    }

    private static func next(_ cursor: RowCursor) throws(StorageError) -> Row? {
        do { return try cursor.next() } catch { throw storageError(error) }
    }

    static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.map { argument -> DatabaseValue in
            switch argument?.sqlValue ?? .null {
            case .null: .null
            case let .integer(i): i.databaseValue
            case let .real(d): d.databaseValue
            case let .text(s): s.databaseValue
            case let .blob(data): data.databaseValue
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case let .int64(i): .integer(i)
        case let .double(d): .real(d)
        case let .string(s): .text(s)
        case let .blob(data): .blob(data)
        }
    }

    static func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        guard let error = error as? DatabaseError else { return .failed("\(error)") }
        switch error.resultCode {
        case .SQLITE_CONSTRAINT: return .constraint(error.message ?? "\(error)")
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_CANTOPEN, .SQLITE_READONLY:
            return .unavailable("\(error)")
        default: return .failed("\(error)")
        }
    }
}

extension Database {
    /// This GRDB connection as a session, for SQLite-only code (older migrations) that calls the
    /// engine-neutral stores' helpers.
    public var session: any SQLSession { SQLiteSession(db: self) }
}

extension SQLSession {
    /// GRDB's connection behind a SQLite session (SQLite-only fast paths); nil on PostgreSQL.
    package var grdb: GRDB.Database? { (self as? SQLiteSession)?.db }
}
