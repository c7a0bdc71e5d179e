import Foundation
import GRDB
import Storage

extension RecordStore {
    static let nameOrderIndex = "tourist_object_name_order"
    /// The records by name as the search index reads them: SQLite's byte order, PostgreSQL's "C" collation (the same).
    static func createNameOrder(_ dialect: SQLDialect) -> String {
        "CREATE INDEX IF NOT EXISTS tourist_object_name_order ON tourist_object(" + dialect.pick(sqlite: "name", postgres: "name COLLATE \"C\"") + ", id)"
    }

    /// Runs a load into an empty cache without the `(name, id)` index, built once at the end.
    ///
    /// The index places changed records in the search index's name order (`indexChanges`); kept
    /// up to date record by record, it took a third of a large load's time (1 M records: 66 s with
    /// it, 46 s without, 2.3 s to build it afterwards). A cache that already holds records keeps it:
    /// its imports and syncs are mostly updates. While it is missing, `changes(since:)` answers nil
    /// (a running server builds its index again whole); opening the cache builds it if a load
    /// stopped before the end.
    func loadingWithoutNameOrder<T>(_ body: () throws(RecordsError) -> T) throws(RecordsError) -> T {
        let empty = try read { db in try !Bool.one(db, "SELECT EXISTS(SELECT 1 FROM tourist_object)")! }
        guard empty else { return try body() }
        try write { db in try db.execute("DROP INDEX IF EXISTS \(Self.nameOrderIndex)") }
        let result: Result<T, RecordsError>
        do throws(RecordsError) { result = .success(try body()) } catch { result = .failure(error) }
        try write { db in
            // SQLite's sorter on every core: 2.5 → 1.9 s for 1 M records on two.
            if db.dialect == .sqlite { try db.execute("PRAGMA threads = \(ProcessInfo.processInfo.activeProcessorCount)") }
            defer { if db.dialect == .sqlite { _ = try? db.execute("PRAGMA threads = 0") } }
            try Self.buildNameOrder(db)
        }
        return try result.get()
    }

    /// Builds the name order and starts the change log again: the changes made without it were
    /// counted, not logged (`recordChange`).
    static func buildNameOrder(_ db: any SQLSession) throws {
        try db.execute(createNameOrder(db.dialect))
        try restartLog(db)
    }

    static func hasNameOrder(_ db: any SQLSession) throws -> Bool {
        try Bool.one(db, db.dialect.pick(sqlite: "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)",
                                         postgres: "SELECT EXISTS(SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?)"),
                     [nameOrderIndex]) ?? false
    }
}
