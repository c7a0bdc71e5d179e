import Foundation
import Logging
import PostgresNIO

/// The regional engine: PostgreSQL through postgres-nio, connections pooled per process.
final class PostgresEngine: DatabaseEngine {
    let location: PostgresLocation
    let pool: PostgresConnectionPool
    var dialect: SQLDialect { .postgres }

    init(location: PostgresLocation, connections: Int, logger: Logger) throws(StorageError) {
        self.location = location
        pool = try PostgresConnectionPool(location: location, maximum: connections, logger: logger)
    }

    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.withSession { session in try body(session) }
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.withSession { session in try Self.transaction(session, body) }
    }

    /// BEGIN, the body, COMMIT; ROLLBACK when the body throws (on a live connection).
    static func transaction<T>(_ session: PostgresSession, _ body: (any SQLSession) throws -> T) throws -> T {
        _ = try session.execute("BEGIN")
        let result: T
        do {
            result = try body(session)
        } catch {
            if !session.broken { _ = try? session.execute("ROLLBACK") }
            throw error
        }
        _ = try session.execute("COMMIT")
        return result
    }

    /// Migrations under a session advisory lock: nodes started together on an empty database —
    /// one migrates, the others wait, then find nothing left to do. A node that dies mid-way
    /// releases the lock with its connection; its migration's transaction rolls back.
    func migrate(_ list: MigrationList) throws(StorageError) {
        guard !list.postgres.isEmpty else { return }
        do {
            try pool.withSession { session in
                try session.execute("SELECT pg_advisory_lock(?)", [AdvisoryKey.key("guichet-migrations")])
                defer { _ = try? session.execute("SELECT pg_advisory_unlock(?)", [AdvisoryKey.key("guichet-migrations")]) }
                try session.execute("""
                    CREATE TABLE IF NOT EXISTS guichet_migrations (identifier TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """)
                let applied = Set(try session.values("SELECT identifier FROM guichet_migrations", as: String.self))
                for migration in list.postgres where !applied.contains(migration.identifier) {
                    try Self.transaction(session) { session in
                        guard case let .session(body) = migration.body else {
                            throw StorageError.configuration("migration \(migration.identifier) is SQLite's only")
                        }
                        try body(session)
                        try session.execute("INSERT INTO guichet_migrations (identifier) VALUES (?)", [migration.identifier])
                    }
                }
            }
        } catch {
            throw (error as? StorageError) ?? .failed("migration: \(error)")
        }
    }

    func close() { pool.close() }
}

/// 64-bit keys for PostgreSQL's advisory locks, from names (FNV-1a: stable across processes).
enum AdvisoryKey {
    static func key(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: hash)
    }
}
