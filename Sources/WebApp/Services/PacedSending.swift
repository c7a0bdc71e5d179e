import CRM
import Foundation
import Logging
import ServiceLifecycle

/// Sends, every `interval`, the paced messages due (campaigns, an import's confirmation emails),
/// each campaign at its own rate and the imports at `importRate` a minute, over the whole cluster;
/// stops at shutdown.
/// Without a mail server it only waits for the shutdown.
struct PacedSending: Service {
    let services: GuichetServices
    let interval: Duration
    let importRate: Int
    let logger: Logger

    func run() async throws {
        guard let mailer = await mailerOrShutdown(services) else { return }
        let delivery = mailer.delivery(services.crm.outbox)
        let window = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let rate = importRate
        await repeatUntilShutdown(every: interval, logger: logger, what: "paced sending") {
            // One node paces at a time, and what any node sent in the last minute counts: a
            // campaign's rate is the cluster's, not each node's.
            let sent = try await services.onOneNode("paced-sending") { try delivery.deliverPaced(window: window, defaultRate: rate) } ?? 0
            if sent > 0 { logger.notice("campaigns and imports: \(sent) message(s) sent") }
        }
    }
}
