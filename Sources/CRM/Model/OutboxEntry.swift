import Foundation
import Mail

/// A message in the outbox: written before it is sent, sent at most once, its outcome recorded.
public struct OutboxEntry: Sendable, Hashable {
    public var id: Int64
    public var officeID: Int64
    public var requestID: Int64?
    /// Unique per office: writing the same reply twice (a double click, a retried HTTP call) keeps one entry.
    public var idempotencyKey: String
    public var recipient: String
    public var subject: String
    public var text: String
    /// The HTML alternative of a campaign's message.
    public var html: String?
    public var attachments: [Attachment]
    /// The recipient's one-click unsubscribe link (RFC 8058 headers), on every marketing message.
    public var unsubscribeURL: String?
    /// The sender's display name (the office's) and the address answers go to.
    public var fromName: String?
    public var replyTo: String?
    /// The campaign that wrote it; its brochure is attached when sent.
    public var campaignID: Int64?
    /// Sent by the paced worker at its campaign's rate (campaigns, an import's confirmation emails),
    /// not all at once by the outbox worker.
    public var paced: Bool
    public var state: State
    /// Why the message is a visitor's service reply or a marketing send: the consent module will
    /// answer "may this be sent?" for the latter.
    public var purpose: Purpose
    public var attempts: Int
    /// The server's words for the last failure.
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    /// For `retry`: not tried again before this.
    public var nextAttemptAt: Date?

    public init(id: Int64 = 0, officeID: Int64 = 0, requestID: Int64? = nil, idempotencyKey: String, recipient: String,
                subject: String, text: String, html: String? = nil, attachments: [Attachment] = [], unsubscribeURL: String? = nil,
                campaignID: Int64? = nil, paced: Bool = false, fromName: String? = nil, replyTo: String? = nil, state: State = .written,
                purpose: Purpose = .serviceReply, attempts: Int = 0, lastError: String? = nil, createdAt: Date = Date(), sentAt: Date? = nil,
                nextAttemptAt: Date? = nil) {
        self.id = id; self.officeID = officeID; self.requestID = requestID; self.idempotencyKey = idempotencyKey
        self.recipient = recipient; self.subject = subject; self.text = text; self.html = html; self.attachments = attachments
        self.unsubscribeURL = unsubscribeURL; self.campaignID = campaignID; self.paced = paced; self.fromName = fromName; self.replyTo = replyTo
        self.state = state
        self.purpose = purpose; self.attempts = attempts; self.lastError = lastError; self.createdAt = createdAt; self.sentAt = sentAt
        self.nextAttemptAt = nextAttemptAt
    }

    /// The same as a mail's attachment: what is stored is what is sent.
    public typealias Attachment = MailMessage.Attachment

    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Written, not yet tried.
        case written
        /// Handed to the SMTP server; becomes `sent`, `refused` or `retry`.
        case sending
        case sent
        /// Permanently refused (5xx, bad address): not retried.
        case refused
        /// Stopped by the consent gate when it was to be sent (a withdrawal since it was written): never sent.
        case withheld
        /// Temporarily failed: tried again later, each time after a longer wait (`RetryBackoff`).
        case retry
        /// Temporarily failed too many times: no longer tried on its own; an agent may re-send it.
        case failed
        /// The process stopped while sending: the server may or may not have it. Never re-sent on
        /// its own (that could send twice); an agent checks and re-sends by hand.
        case interrupted

        /// An agent may send it again by hand (`OutboxStore.requeue`).
        public var mayBeResent: Bool { self == .interrupted || self == .failed }
    }

    /// Why a message is sent: a service (the answer to the person's own request, an account
    /// invitation), the office's own communications, or its partners'. The consent gate answers
    /// for the two last.
    public enum Purpose: String, Sendable, Hashable, Codable {
        case serviceReply = "service-reply"
        case marketing
        case partnerMarketing = "partner-marketing"
    }
}
