import Foundation
import GRDB
import Storage

/// The local cache of Apidae records, communes and reference labels, on the process's database
/// owner (the embedded SQLite engine for now).
///
/// Reads may run concurrently with a write (WAL). All writes of one import batch happen in one
/// transaction; inside an owner's transaction (or a `generation`) they join it.
public final class RecordStore: Sendable {
    public let owner: DatabaseOwner

    public init(owner: DatabaseOwner) throws(RecordsError) {
        self.owner = owner
        do {
            // A load into an empty cache drops the name order until its end: one that stopped
            // before has it built now (read first: no write lock taken when it is there).
            if try !owner.read(Self.hasNameOrder) { try owner.write(Self.buildNameOrder) }
        } catch {
            throw .database("cannot open \(owner.location): \(error)")
        }
    }

    /// The cache alone on a SQLite file (its own owner), for tools, benchmarks and tests; a
    /// server opens one owner for every module.
    public convenience init(path: String) throws(RecordsError) {
        let owner: DatabaseOwner
        do { owner = try DatabaseOwner.open(.sqlite(path: path), migrations: Self.migrations) } catch {
            throw .database("cannot open \(path): \(error)")
        }
        try self.init(owner: owner)
    }

    /// The SQLite file (the folder beside it holds sync staging and locks).
    public var path: String {
        if case let .sqlite(path) = owner.location { return path }
        return owner.location.description
    }

    /// The database file named by `--db`, else `GUICHET_DB`, else `./guichet.sqlite`.
    public static func defaultPath(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        flag ?? environment["GUICHET_DB"] ?? "guichet.sqlite"
    }

    /// A read on either engine.
    func read<T>(_ body: (any SQLSession) throws -> T) throws(RecordsError) -> T {
        do { return try owner.read(body) } catch { throw Self.recordsError(error) }
    }

    /// A write on either engine: a transaction of its own, or inside a generation (any
    /// transaction open on this thread) a savepoint, so that a failed write undoes only itself.
    func write<T>(_ body: (any SQLSession) throws -> T) throws(RecordsError) -> T {
        do { return try owner.write(savepoint: true, body) } catch { throw Self.recordsError(error) }
    }

    /// SQLite's hot paths (the import's writer, the index's million rows) on GRDB's connection.
    func grdbRead<T>(_ body: (Database) throws -> T) throws(RecordsError) -> T {
        do { return try owner.withGRDB(writing: false, body) } catch { throw Self.recordsError(error) }
    }

    func grdbWrite<T>(_ body: (Database) throws -> T) throws(RecordsError) -> T {
        do { return try owner.withGRDB(writing: true, savepoint: true, body) } catch { throw Self.recordsError(error) }
    }

    static func recordsError(_ error: any Error) -> RecordsError {
        if let error = error as? RecordsError { return error }
        if let error = error as? StorageError, case let .unavailable(reason) = error { return .unavailable(reason) }
        return .database("\(error)")
    }

    public var recordCount: Int {
        get throws(RecordsError) { try read { try Int.one($0, "SELECT count(*) FROM tourist_object") ?? 0 } }
    }

    /// Record counts by Apidae type.
    public func countsByType() throws(RecordsError) -> [String: Int] {
        try read { db in
            let rows = try SQLRow.all(db, "SELECT type, count(*) AS n FROM tourist_object GROUP BY type")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["type"] as String, $0["n"] as Int) })
        }
    }

    /// Adds to a record's popularity (a record put in a basket counts towards it).
    public func addPopularity(id: Int, by amount: Int = 1) throws(RecordsError) {
        try write { db in
            try db.execute("UPDATE tourist_object SET popularity = popularity + ? WHERE id = ?", [amount, id])
            try db.execute("UPDATE record_revision SET popularity_revision = popularity_revision + 1 WHERE id = 1")
        }
    }
}
