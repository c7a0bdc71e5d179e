/// Answers "may this be sent?" before the outbox hands a message to the mail server. A reply to
/// the visitor's own request is a service they asked for; marketing sends will need their consent,
/// which the consent module will answer through this same protocol.
public protocol SendPolicy: Sendable {
    /// nil when the message may go; else why not, in words for the agent.
    func refusal(for entry: OutboxEntry) -> String?
}

/// Service replies go; anything else waits for the consent module.
public struct ServiceRepliesOnly: SendPolicy {
    public init() {}

    public func refusal(for entry: OutboxEntry) -> String? {
        entry.purpose == .serviceReply ? nil : "a marketing send needs the visitor's recorded consent"
    }
}
