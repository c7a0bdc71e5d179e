import CRM
import Foundation
import Logging
import Mail
import ServiceLifecycle

/// Looks every `interval` for the messages due in the outbox of every office (written, or to be
/// tried again after their wait: `RetryBackoff`) and sends them; stops at shutdown. Without a mail server it only waits for the shutdown.
struct OutboxRetry: Service {
    let services: GuichetServices
    let interval: Duration
    let logger: Logger

    func run() async throws {
        guard let mailer = await mailerOrShutdown(services) else { return }
        let delivery = mailer.delivery(services.crm.outbox)
        await repeatUntilShutdown(every: interval, logger: logger, what: "outbox") {
            let sent = try await services.blocking.run {
                _ = try delivery.store.markInterrupted(claimedBefore: Date().addingTimeInterval(-OutboxDelivery.longestSend))
                return try delivery.deliverAllPending()
            }
            if sent > 0 { logger.notice("outbox: \(sent) waiting message(s) sent") }
        }
    }
}
