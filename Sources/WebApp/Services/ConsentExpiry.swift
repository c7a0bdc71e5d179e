import Foundation
import Logging
import ServiceLifecycle
import Workflows

/// Marks "expired" the consents asked whose confirmation link was never used in time, every
/// `interval`; stops at shutdown.
struct ConsentExpiry: Service {
    let services: GuichetServices
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let expire = ExpireUnconfirmed(desk: services.consent)
        await repeatUntilShutdown(every: interval, startingNow: true, logger: logger, what: "consent expiry") {
            let expired = try await services.onOneNode("consent-expiry") { try expire.run() } ?? 0
            if expired > 0 { logger.notice("consent: \(expired) unconfirmed request(s) expired") }
        }
    }
}
