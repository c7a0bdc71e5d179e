import GRDB
import Storage

/// The records changed since some revision of the cache (see `RecordStore.changes(since:)`).
public struct RecordChanges: Sendable, Equatable {
    /// The revision the cache is at.
    public var revision: Int
    /// The records inserted, updated or removed since, ascending.
    public var ids: [Int]

    public init(revision: Int, ids: [Int]) { self.revision = revision; self.ids = ids }
}

extension RecordStore {
    /// Past this many changes logged, the log starts again empty: an index that far behind is
    /// built again whole anyway.
    static let changeLogLimit = 100_000

    /// Counts a change to the records (`revision()`) and logs which ones, in the transaction that
    /// makes it.
    ///
    /// While a load into an empty cache runs without the name order, the change is counted but
    /// not logged (`changes(since:)` answers nil meanwhile): the log starts again when the name
    /// order is built (`buildNameOrder`). Logging a load's records cost its writer 1 M rows
    /// inserted, and deleted every 100,000.
    static func recordChange(_ db: any SQLSession, ids: some Collection<Int>) throws {
        try bumpRevision(db)
        guard try hasNameOrder(db) else { return }
        let row = try SQLRow.one(db, "SELECT revision, logged_count FROM record_revision WHERE id = 1")!
        let revision: Int = row[0], logged: Int = row[1]
        if logged + ids.count > changeLogLimit { return try restartLog(db, at: revision) }
        // One statement for the batch: an insert per id, with its arguments, cost a tenth of an import's time.
        var list = "["
        list.reserveCapacity(ids.count * 8 + 2)
        for (i, id) in ids.enumerated() {
            if i > 0 { list += "," }
            list += String(id)
        }
        list += "]"
        try db.execute("INSERT INTO record_change (revision, object_id) SELECT ?, ids.value FROM (\(db.dialect.integers(ofJSON: "?"))) ids WHERE TRUE ON CONFLICT DO NOTHING",
                       [revision, list])
        try db.execute("UPDATE record_revision SET logged_count = logged_count + ? WHERE id = 1", [ids.count])
    }

    /// A change that may move any record (the gazetteer's positions): counted; the log starts
    /// again after it, so an index older than it is built again whole.
    static func recordChangeToEverything(_ db: any SQLSession) throws {
        try bumpRevision(db)
        try restartLog(db)
    }

    /// Empties the log: it is complete from the revision the cache is at.
    static func restartLog(_ db: any SQLSession) throws {
        try restartLog(db, at: Int.one(db, "SELECT revision FROM record_revision WHERE id = 1") ?? 0)
    }

    private static func restartLog(_ db: any SQLSession, at revision: Int) throws {
        try db.execute("DELETE FROM record_change")
        try db.execute("UPDATE record_revision SET logged_since = ?, logged_count = 0 WHERE id = 1", [revision])
    }

    /// The records changed after `revision` and the revision the cache is at now, read together;
    /// nil when the log does not reach back that far (or `revision` is ahead of this cache), or
    /// while a load into an empty cache runs without the name order (see `loadingWithoutNameOrder`).
    public func changes(since revision: Int) throws(RecordsError) -> RecordChanges? {
        try read { db in
            guard try Self.hasNameOrder(db) else { return nil }
            let row = try SQLRow.one(db, "SELECT revision, logged_since FROM record_revision WHERE id = 1")!
            let current: Int = row[0], loggedSince: Int = row[1]
            guard revision >= loggedSince, revision <= current else { return nil }
            let ids = try Int.all(db, "SELECT DISTINCT object_id FROM record_change WHERE revision > ? ORDER BY object_id",
                                       [revision])
            return RecordChanges(revision: current, ids: ids)
        }
    }
}
