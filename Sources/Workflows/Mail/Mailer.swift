import CRM
import Mail

/// The mail-sending service every use case that writes to people shares (replies, consent
/// confirmations, campaigns, account notices): a mail server, the sender address, how failed
/// sends are tried again, and who answers "may this be sent?" (the consent gate in the app).
public struct Mailer: Sendable {
    public var transport: any MailTransport
    public var from: MailAddress
    public var backoff: RetryBackoff
    public var policy: any SendPolicy
    public init(transport: any MailTransport, from: MailAddress, backoff: RetryBackoff = RetryBackoff(),
                policy: any SendPolicy = ServiceRepliesOnly()) {
        self.transport = transport; self.from = from; self.backoff = backoff; self.policy = policy
    }

    /// Delivery through this mail server, with its policy and backoff.
    public func delivery(_ outbox: any OutboxStore) -> OutboxDelivery {
        OutboxDelivery(store: outbox, transport: transport, from: from, policy: policy, backoff: backoff)
    }
}
