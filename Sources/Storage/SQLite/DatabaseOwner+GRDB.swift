import Foundation
import GRDB

extension DatabaseOwner {
    /// The GRDB connection, for code written against GRDB on the embedded engine (the record
    /// cache's bulk paths). Inside a `write` on this thread it joins that transaction — in a
    /// savepoint of its own when `savepoint` is set, so that a failed write undoes only itself;
    /// outside, a write is a transaction of its own that nested calls join.
    package func withGRDB<T>(writing: Bool, savepoint: Bool = false, _ body: (GRDB.Database) throws -> T) throws -> T {
        if let box = current.currentValue {
            guard let session = box.session as? SQLiteSession else { throw StorageError.configuration("GRDB on PostgreSQL") }
            guard box.writes || !writing else { throw StorageError.failed("a write inside a read") }
            guard writing, savepoint else { return try body(session.db) }
            var result: T?
            try session.db.inSavepoint {
                result = try body(session.db)
                return .commit
            }
            guard let result else { throw StorageError.failed("a savepoint ended without its result") }
            return result
        }
        guard let engine = engine as? SQLiteEngine else { throw StorageError.configuration("GRDB on PostgreSQL") }
        guard writing else { return try engine.pool.read(body) }
        return try engine.immediateWrite { db in
            current.currentValue = SessionBox(session: SQLiteSession(db: db), writes: true)
            defer { current.currentValue = nil }
            return try body(db)
        }
    }

    /// True on the embedded engine.
    public var isSQLite: Bool { dialect == .sqlite }
}
