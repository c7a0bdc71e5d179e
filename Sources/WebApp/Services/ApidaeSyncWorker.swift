import Foundation
import Logging
import Records
import ServiceLifecycle
import Workflows

/// Runs the queued syncs one at a time, on the blocking pool (network, unzip, SQLite, photos):
/// export notifications as they arrive, the nightly pull, the admin's button. Each run holds the
/// database's sync lock (`guichet sync` in another process waits its turn); taking it, a run a
/// stopped process left marked running is found dead: an export goes back to the queue (its
/// download resumes where it stopped), a pull is marked interrupted and its staging removed.
struct ApidaeSyncWorker: Service {
    let services: GuichetServices
    let interval: Duration
    let logger: Logger

    func run() async throws {
        guard let sync = services.apidae else {
            try? await gracefulShutdown()
            return
        }
        if services.refusesUnsignedNotifications {
            logger.warning("Apidae: \(ApidaeController.unsignedRefusal)")
        }
        await repeatUntilShutdown(every: interval, logger: logger, what: "Apidae sync not run") {
            while let run = try await services.blocking.run({ sync.runNext() }) {
                // The summary holds counts and the reason of a failure, never a person's data or the key.
                logger.notice("Apidae \(run.kind.rawValue) sync #\(run.id) \(run.status.rawValue): \(run.message ?? "")")
            }
        }
    }
}

/// Queues a pull every night at the configured time (`GUICHET_APIDAE_SYNC_AT`, local time).
struct ApidaeNightly: Service {
    let services: GuichetServices
    let logger: Logger

    func run() async throws {
        guard let sync = services.apidae else {
            try? await gracefulShutdown()
            return
        }
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let next = Self.next(sync.configuration.nightlyAt, after: Date())
                try await Task.sleep(for: .seconds(max(1, next.timeIntervalSinceNow)))
                do {
                    let run = try await services.blocking.run { try sync.queuePull(scheduledAt: next) }
                    logger.notice("Apidae nightly pull queued (#\(run.id), by this node or another)")
                } catch {
                    logger.error("Apidae nightly pull not queued: \(error)")
                }
            }
        }
    }

    /// The next `hour:minute` of the local calendar strictly after `date`.
    static func next(_ at: (hour: Int, minute: Int), after date: Date, calendar: Calendar = .current) -> Date {
        calendar.nextDate(after: date, matching: DateComponents(hour: at.hour, minute: at.minute, second: 0), matchingPolicy: .nextTime) ?? date.addingTimeInterval(86400)
    }
}
