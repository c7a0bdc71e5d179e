import Foundation

/// The one sync of a database at a time, between every process of the machine (`guichet sync`,
/// the server's worker): an OS lock (`flock`) on a file beside the database. The kernel releases it
/// when its holder's process ends however it ends (`kill -9`, a crash), so a dead sync never
/// blocks the next one, and taking it is atomic: two syncs started together never both run.
public final class SyncLock: @unchecked Sendable {
    private let descriptor: Int32
    public let path: String

    private init(descriptor: Int32, path: String) { self.descriptor = descriptor; self.path = path }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The lock of the database at `databasePath`, taken without waiting; nil when another
    /// process (or another holder in this one) has it.
    public static func take(databasePath: String) throws(RecordsError) -> SyncLock? {
        let path = databasePath + ".sync-lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .sync("cannot open the sync lock \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            if reason == EWOULDBLOCK { return nil }
            throw .sync("cannot take the sync lock \(path): \(String(cString: strerror(reason)))")
        }
        return SyncLock(descriptor: descriptor, path: path)
    }
}
