import Foundation
import GRDB
import GRDBSQLite

/// Binds and runs a prepared statement through the SQLite C API: the import's hot insert, where
/// building `StatementArguments` per row cost a quarter of the writer's time.
struct SQLiteBinder {
    let statement: Statement
    private var index: Int32 = 0

    init(_ statement: Statement) { self.statement = statement }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private var handle: OpaquePointer { statement.sqliteStatement }

    mutating func bind(_ value: Int?) {
        index += 1
        if let value { sqlite3_bind_int64(handle, index, Int64(value)) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ value: Double?) {
        index += 1
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard let value else { sqlite3_bind_null(handle, index); return }
        var copy = value
        copy.withUTF8 { buffer in
            _ = sqlite3_bind_text(handle, index, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(buffer.count), Self.transient)
        }
    }

    /// Binds UTF-8 text without SQLite's copy of it: only for bytes that stay where they are until
    /// the statement has run (`step`), such as a `CachedRow`'s inside `withText`.
    mutating func bind(utf8 value: UnsafeBufferPointer<UInt8>?) {
        index += 1
        guard let value else { sqlite3_bind_null(handle, index); return }
        // An empty string's buffer may have no address, which SQLite would take for NULL.
        let start = value.baseAddress.map { UnsafeRawPointer($0) } ?? Self.empty
        _ = sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(value.count), nil)  // nil: SQLITE_STATIC
    }

    private static var empty: UnsafeRawPointer { UnsafeRawPointer(("" as StaticString).utf8Start) }

    /// Binds `value` as the last parameter without SQLite's copy of it (a record's 2.6 KB of JSON),
    /// runs the statement and resets it: only for bytes that stay where they are meanwhile.
    mutating func step(_ db: Database, binding value: UnsafeRawBufferPointer) throws {
        index += 1
        // An empty blob's buffer may have no address, which SQLite would take for NULL.
        _ = sqlite3_bind_blob(handle, index, value.baseAddress ?? Self.empty, Int32(value.count), nil)  // nil: SQLITE_STATIC
        try step(db)
    }

    /// Runs the statement once and resets it for the next row.
    mutating func step(_ db: Database) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            index = 0
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
    }
}
