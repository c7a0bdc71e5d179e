import Foundation
import Logging
import NIOCore
import PostgresNIO

extension SQLSession {
    /// Inside a write: tells the processes listening on `channel` (`DatabaseOwner.notifications`)
    /// once the transaction commits — never if it rolls back. Notifications of one transaction on
    /// one channel come as one. SQLite has none: its readers look for themselves.
    public func notify(_ channel: String) throws(StorageError) {
        guard dialect == .postgres else { return }
        try execute("SELECT pg_notify(?, '')", [channel])
    }
}

extension DatabaseOwner {
    /// An element each time a transaction that notified `channel` commits, from any process of
    /// the database — PostgreSQL's LISTEN on a connection of its own. That connection lost, it is
    /// opened again every second until it comes back, and an element follows its return (what was
    /// notified meanwhile was missed: the reader looks at the truth again). nil on SQLite, which
    /// has no notifications (look every so often). Ends when the caller stops iterating. A lost
    /// connection is told once in the database's log, its return too.
    public func notifications(_ channel: String) -> AsyncStream<Void>? {
        guard let engine = engine as? PostgresEngine else { return nil }
        let pool = engine.pool
        let logger = pool.logger
        return AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let task = Task {
                var lost = false
                while !Task.isCancelled {
                    do {
                        let connection = try await pool.connectAsync(id: -1)
                        do {
                            try await connection.listen(on: channel) { notifications in
                                if lost { logger.notice("listening to \(channel) again") }
                                lost = false
                                continuation.yield()  // caught up after (re)connecting
                                try await withThrowingTaskGroup(of: Void.self) { group in
                                    group.addTask { for try await _ in notifications { continuation.yield() } }
                                    // A backend the server ended while idle is not always noticed:
                                    // asked every 10 s, one that does not answer in 5 s is closed.
                                    group.addTask { while true { try await Task.sleep(for: .seconds(10)); try await Self.ping(connection, logger) } }
                                    _ = try await group.next()
                                    group.cancelAll()
                                }
                            }
                        } catch {
                            if !Task.isCancelled, !lost { logger.warning("stopped listening to \(channel): \(PostgresValues.storageError(error))") }
                        }
                        try? await connection.close()
                    } catch {
                        if !lost { logger.warning("cannot listen to \(channel): \(error)") }
                    }
                    lost = true
                    try? await Task.sleep(for: .seconds(1))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private static func ping(_ connection: PostgresConnection, _ logger: Logger) async throws {
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { _ = try await connection.query("SELECT 1", logger: logger).collect(); return true }
            group.addTask {
                try await Task.sleep(for: .seconds(5))
                try? await connection.close()  // fails the query that waits
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !answered { throw StorageError.unavailable("the listening connection did not answer in 5 s") }
    }
}
