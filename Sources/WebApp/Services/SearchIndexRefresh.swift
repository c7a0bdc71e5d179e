import Foundation
import Logging
import ServiceLifecycle

/// Applies to the search index the records an import or a sync changed, on any node: at once when
/// the database tells (PostgreSQL's notifications), and every `interval` whatever it tells (the
/// change log is the truth; SQLite has no notifications). Stops at shutdown.
struct SearchIndexRefresh: Service {
    let services: GuichetServices
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let changes = services.records.changeNotifications()
        try? await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [interval] in
                    while (try? await Task.sleep(for: interval)) != nil { signal.yield() }
                }
                if let changes {
                    group.addTask { for await _ in changes { signal.yield() } }
                }
                group.addTask {
                    for await _ in signals {
                        do { try await refresh() } catch is CancellationError { break } catch { logger.error("search index not rebuilt: \(error)") }
                    }
                }
            }
        }
    }

    private func refresh() async throws {
        let started = ContinuousClock.now
        let search = services.search
        switch try await services.blocking.run({ try search.refresh() }) {
        case .unchanged: break
        case .applied(let records):
            logger.info("search index updated: \(records) records changed since built, in \(ContinuousClock.now - started)")
        case .rebuilt:
            logger.notice("search index rebuilt: \(services.engine.recordCount) records in \(ContinuousClock.now - started)")
        }
    }
}
