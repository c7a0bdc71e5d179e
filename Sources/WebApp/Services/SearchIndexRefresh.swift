import Foundation
import Logging
import ServiceLifecycle

/// Checks every `interval` whether an import changed the records and rebuilds the search index
/// in the background; stops at shutdown.
struct SearchIndexRefresh: Service {
    let services: GuichetServices
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await repeatUntilShutdown(every: interval, logger: logger, what: "search index not rebuilt") {
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
}
