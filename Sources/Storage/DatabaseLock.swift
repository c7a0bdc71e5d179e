import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lock held across every process that uses the database — every node of a region on
/// PostgreSQL (a session advisory lock on a connection of its own), every process of the machine on
/// SQLite (`flock` on a file beside it). Released when dropped, and by the system when its holder
/// dies however it dies (the connection closes, the process's files close): a dead holder never
/// blocks the next one.
public final class DatabaseLock: @unchecked Sendable {
    private let release: () -> Void
    /// What holds it, for messages: the lock file, or the advisory lock's name.
    public let description: String

    init(description: String, release: @escaping () -> Void) {
        self.description = description
        self.release = release
    }

    deinit { release() }
}

extension DatabaseOwner {
    /// Takes the lock `name` without waiting; nil when another holder (here or elsewhere) has it.
    public func tryLock(_ name: String) throws(StorageError) -> DatabaseLock? {
        switch location {
        case let .sqlite(path):
            let file = path + ".\(name)-lock"
            let descriptor = Glibc.open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw .unavailable("cannot open the lock \(file): \(String(cString: strerror(errno)))") }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let reason = errno
                Glibc.close(descriptor)
                if reason == EWOULDBLOCK { return nil }
                throw .unavailable("cannot take the lock \(file): \(String(cString: strerror(reason)))")
            }
            return DatabaseLock(description: file) {
                flock(descriptor, LOCK_UN)
                Glibc.close(descriptor)
            }
        case .postgres:
            guard let engine = engine as? PostgresEngine else { throw .configuration("not a PostgreSQL engine") }
            return try engine.pool.tryAdvisoryLock(name)
        }
    }
}

extension DatabaseOwner {
    /// `tryLock(name)` until it is taken (another node or process holds it: waits its end), or
    /// `unavailable` after `wait` seconds.
    public func lock(_ name: String, waitingAtMost wait: TimeInterval) throws(StorageError) -> DatabaseLock {
        let deadline = Date().addingTimeInterval(wait)
        while true {
            if let lock = try tryLock(name) { return lock }
            guard Date() < deadline else { throw .unavailable("the lock \(name) is still held after \(Int(wait)) s") }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }
}

extension PostgresConnectionPool {
    /// A session advisory lock on a connection kept for as long as the lock is held.
    func tryAdvisoryLock(_ name: String) throws(StorageError) -> DatabaseLock? {
        let connection = try lease()
        let session = PostgresSession(connection: connection, logger: logger)
        let key = AdvisoryKey.key("guichet-lock-" + name)
        let taken: Bool
        do {
            taken = try session.value("SELECT pg_try_advisory_lock(?)", [key], as: Bool.self) ?? false
        } catch {
            giveBack(connection, broken: true)
            throw error
        }
        guard taken else {
            giveBack(connection, broken: false)
            return nil
        }
        return DatabaseLock(description: "advisory lock \(name)") { [self] in
            session.statementLimit = 2  // a connection the server ended has released the lock already
            _ = try? session.execute("SELECT pg_advisory_unlock(?)", [key])
            giveBack(connection, broken: session.broken || connection.isClosed)
        }
    }
}
