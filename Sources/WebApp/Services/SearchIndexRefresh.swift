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
            if try await services.blocking.run({ try search.refresh() }) {
                logger.notice("search index rebuilt after an import: \(services.engine.index.count) records in \(ContinuousClock.now - started)")
            }
        }
    }
}
