import Foundation
import GRDB

/// The local cache of Apidae records, communes and reference labels, in one SQLite file.
///
/// Opened with `RecordStore(path:)`; migrations run on open. Reads may run concurrently with a
/// write (WAL). All writes of one import batch happen in one transaction.
public final class RecordStore: Sendable {
    public let path: String
    let pool: DatabasePool

    public init(path: String) throws(RecordsError) {
        self.path = path
        var config = Configuration()
        // The CRM writes to the same file: a writer waits for the other instead of failing.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL + NORMAL: a crash loses at most the last transactions, never consistency.
            // A larger page cache and memory-mapped reads keep bulk imports off read(2).
            // 16 KiB pages hold five or six records' raw JSON (~2.5 KiB each) where 4 KiB pages
            // held one; takes effect when the file is created.
            try db.execute(sql: """
                PRAGMA page_size = 16384;
                PRAGMA synchronous = NORMAL;
                PRAGMA cache_size = -65536;
                PRAGMA mmap_size = 1073741824;
                PRAGMA wal_autocheckpoint = 4000;
                """)
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try pool.write { db in
                guard try db.tableExists("grdb_migrations") else { return }
                for (old, new) in Self.formerMigrationNames {
                    try db.execute(sql: "UPDATE grdb_migrations SET identifier = ? WHERE identifier = ?", arguments: [new, old])
                }
            }
            try Self.migrator.migrate(pool)
            // A load into an empty cache drops the name order until its end: one that stopped
            // before has it built now (read first: no write lock taken when it is there).
            if try !pool.read(Self.hasNameOrder) { try pool.write(Self.buildNameOrder) }
        } catch {
            throw RecordsError.database("cannot open \(path): \(error)")
        }
    }

    /// The database file named by `--db`, else `GUICHET_DB`, else `./guichet.sqlite`.
    public static func defaultPath(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        flag ?? environment["GUICHET_DB"] ?? "guichet.sqlite"
    }

    func read<T>(_ body: (Database) throws -> T) throws(RecordsError) -> T {
        do {
            if let inGeneration = try generationRead(body) { return inGeneration }
            return try pool.read(body)
        } catch let e as RecordsError { throw e } catch { throw RecordsError.database("\(error)") }
    }

    func write<T>(_ body: (Database) throws -> T) throws(RecordsError) -> T {
        do {
            if let inGeneration = try generationWrite(body) { return inGeneration }
            return try pool.write(body)
        } catch let e as RecordsError { throw e } catch {
            throw RecordsError.database("\(error)")
        }
    }

    public var recordCount: Int {
        get throws(RecordsError) { try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM tourist_object") ?? 0 } }
    }

    /// Record counts by Apidae type.
    public func countsByType() throws(RecordsError) -> [String: Int] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT type, count(*) AS n FROM tourist_object GROUP BY type")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["type"] as String, $0["n"] as Int) })
        }
    }

    /// Adds to a record's popularity (a record put in a basket counts towards it).
    public func addPopularity(id: Int, by amount: Int = 1) throws(RecordsError) {
        try write { db in
            try db.execute(sql: "UPDATE tourist_object SET popularity = popularity + ? WHERE id = ?", arguments: [amount, id])
            try db.execute(sql: "UPDATE record_revision SET popularity_revision = popularity_revision + 1 WHERE id = 1")
        }
    }
}
