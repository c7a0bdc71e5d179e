import Foundation
import Storage

/// The one sync of a database at a time, between every process that uses it: on SQLite every
/// process of the machine (`flock` on `FILE.sync-lock`), on PostgreSQL every node of the region (a
/// session advisory lock). Released by the system when its holder dies however it dies (`kill -9`,
/// a crash, a node lost), so a dead sync never blocks the next one, and taking it is atomic: two
/// syncs started together never both run.
public enum SyncLock {
    /// The sync lock of the cache's database, taken without waiting; nil when another process
    /// (or another holder in this one) has it.
    public static func take(_ records: RecordStore) throws(RecordsError) -> DatabaseLock? {
        do { return try records.owner.tryLock("sync") } catch { throw .sync("cannot take the sync lock: \(error)") }
    }
}
