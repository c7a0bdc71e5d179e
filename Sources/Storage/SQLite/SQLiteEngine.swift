import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

/// The embedded engine: one GRDB `DatabasePool` over one file (WAL: reads run beside the writer).
final class SQLiteEngine: DatabaseEngine {
    let path: String
    let pool: DatabasePool
    var dialect: SQLDialect { .sqlite }

    init(path: String) throws(StorageError) {
        self.path = path
        // A new file's WAL mode and page size are set by the first opening; two processes creating
        // it together got "database is locked". Opening and migrating go one process at a time.
        let lock = try Self.exclusiveLock(path + ".open-lock")
        defer { flock(lock, LOCK_UN); Glibc.close(lock) }
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration)
        } catch {
            throw .unavailable("cannot open \(path): \(error)")
        }
    }

    /// Every module's settings on every connection:
    /// - a writer waits up to 10 s for another (an import, another process) instead of failing;
    /// - foreign keys on; deleted rows overwritten with zeros (`secure_delete`), so an erased
    ///   person's data does not linger in free pages;
    /// - WAL + NORMAL (a crash loses at most the last transactions, never consistency), a larger
    ///   page cache and memory-mapped reads for bulk imports; 16 KiB pages (five or six records'
    ///   raw JSON where 4 KiB held one), which takes effect when the file is created.
    static var configuration: Configuration {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: """
                PRAGMA secure_delete = ON;
                PRAGMA page_size = 16384;
                PRAGMA synchronous = NORMAL;
                PRAGMA cache_size = -65536;
                PRAGMA mmap_size = 1073741824;
                PRAGMA wal_autocheckpoint = 4000;
                """)
        }
        return config
    }

    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        do { return try pool.read { db in try body(SQLiteSession(db: db)) } } catch { throw Self.mapped(error) }
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        do { return try immediateWrite { db in try body(SQLiteSession(db: db)) } } catch { throw Self.mapped(error) }
    }

    /// A transaction that takes the write lock at BEGIN (IMMEDIATE): another process writing the
    /// same file (a command-line sync beside the server) is waited for there, never mid-way.
    func immediateWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            guard let result else { throw StorageError.failed("a transaction ended without its result") }
            return result
        }
    }

    /// GRDB's errors as `StorageError`; the caller's own errors pass through.
    static func mapped(_ error: any Error) -> any Error {
        error is DatabaseError ? SQLiteSession.storageError(error) : error
    }

    func migrate(_ list: MigrationList) throws(StorageError) {
        var migrator = DatabaseMigrator()
        for migration in list.sqlite {
            migrator.registerMigration(migration.identifier) { db in
                switch migration.body {
                case let .grdb(body): try body(db)
                case let .session(body): try body(SQLiteSession(db: db))
                }
            }
        }
        // Processes opening the file together (two `guichet sync`, a node and an import): one
        // migrates, the others wait for it and find nothing left to do — GRDB reads which
        // migrations ran before its transaction, so two could run the same one.
        let lock = try Self.exclusiveLock(path + ".open-lock")
        defer { flock(lock, LOCK_UN); Glibc.close(lock) }
        do {
            try pool.write { db in
                guard try db.tableExists("grdb_migrations") else { return }
                for (old, new) in list.renamed {
                    try db.execute(sql: "UPDATE grdb_migrations SET identifier = ? WHERE identifier = ?", arguments: [new, old])
                }
            }
            try migrator.migrate(pool)
        } catch {
            throw SQLiteSession.storageError(error)
        }
    }

    /// `file` opened and locked (flock, waiting for another process's); its descriptor.
    static func exclusiveLock(_ file: String) throws(StorageError) -> Int32 {
        let descriptor = Glibc.open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unavailable("cannot open the lock \(file): \(String(cString: strerror(errno)))") }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = errno
                Glibc.close(descriptor)
                throw .unavailable("cannot take the lock \(file): \(String(cString: strerror(reason)))")
            }
        }
        return descriptor
    }

    func close() {
        try? pool.close()
    }
}
