import Logging
import ServiceLifecycle
import Storage
import Workflows

extension GuichetServices {
    /// Runs `body` on the blocking pool unless another node (or process) of this database runs the
    /// job `name` now: nil then. The lock is the database's (advisory on PostgreSQL, released if
    /// the node dies; a lock file beside SQLite's), held while `body` runs.
    func onOneNode<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T? {
        let database = self.database
        return try await blocking.run {
            guard let lock = try database.tryLock(name) else { return nil }
            return try withExtendedLifetime(lock) { try body() }
        }
    }
}

/// The loop the background services share: `tick` every `interval` (the first one at once or
/// after one interval) until the graceful shutdown; a tick that fails is logged with `what` and
/// the next one comes as planned.
/// The mail server the sending services use; without one, waits for the shutdown and returns nil
/// (a service that returned early would stop the whole server).
func mailerOrShutdown(_ services: GuichetServices) async -> Mailer? {
    if let mailer = services.mailer { return mailer }
    try? await gracefulShutdown()
    return nil
}

func repeatUntilShutdown(every interval: Duration, startingNow: Bool = false, logger: Logger, what: String,
                         _ tick: @escaping @Sendable () async throws -> Void) async {
    try? await cancelWhenGracefulShutdown {
        if !startingNow { try await Task.sleep(for: interval) }
        while !Task.isCancelled {
            do {
                try await tick()
            } catch is CancellationError {
                return  // the shutdown, not a failure
            } catch {
                logger.error("\(what): \(error)")
            }
            try await Task.sleep(for: interval)
        }
    }
}
