import Foundation
import Logging
import ServiceLifecycle
import Workflows

/// Runs the retention policy of every office every `interval` (a day unless configured); stops at
/// shutdown. The counts go to the log (never who).
struct RetentionJob: Service {
    let services: GuichetServices
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let use = RetentionRun(desk: services.consent)
        await repeatUntilShutdown(every: interval, logger: logger, what: "retention") {
            // One node applies the policies at a time; another finding it under way skips its turn.
            for report in try await services.onOneNode("retention", { try use.run() }) ?? [] where report.warned + report.anonymised + report.deleted + report.messagesPurged > 0 {
                logger.notice("retention: office \(report.officeID): warned \(report.warned), anonymised \(report.anonymised), deleted \(report.deleted), messages purged \(report.messagesPurged)")
            }
        }
    }
}
