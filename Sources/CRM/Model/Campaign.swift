import Foundation

/// A PREMIUM office's e-mail campaign: one message (a template filled per contact, with an HTML
/// version and optionally a basket's brochure) to a segment of the office's contacts, for one
/// purpose. The consent gate decides who receives it, when it is written and again when it is
/// sent. A re-opt-in campaign sends the consent confirmation email instead, to the contacts who
/// never confirmed one.
public struct Campaign: Sendable, Hashable, Codable {
    public var id: Int64
    public var officeID: Int64
    public var name: String
    /// The office's own communications or its partners' (`marketing` or `partnerMarketing`).
    public var purpose: OutboxEntry.Purpose
    /// Sends the consent confirmation email rather than `subject` and `body`.
    public var reOptIn: Bool
    /// Merge fields as in `ReplyComposer`.
    public var subject: String
    public var body: String
    /// A basket of the office whose brochure is attached.
    public var basketID: Int64?
    public var segment: Segment
    /// Messages handed to the mail server per minute at most.
    public var ratePerMinute: Int
    public var state: State
    public var createdBy: String
    public var createdAt: Date
    public var launchedAt: Date?

    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Being prepared: edited, previewed.
        case draft
        /// Launched: its messages are written and leave at its rate.
        case sending
    }

    public static let defaultRate = 60

    public init(id: Int64 = 0, officeID: Int64 = 0, name: String, purpose: OutboxEntry.Purpose = .marketing, reOptIn: Bool = false,
                subject: String = "", body: String = "", basketID: Int64? = nil, segment: Segment = Segment(),
                ratePerMinute: Int = Campaign.defaultRate, state: State = .draft, createdBy: String = "", createdAt: Date = Date(),
                launchedAt: Date? = nil) {
        self.id = id; self.officeID = officeID; self.name = name; self.purpose = purpose; self.reOptIn = reOptIn
        self.subject = subject; self.body = body; self.basketID = basketID; self.segment = segment; self.ratePerMinute = ratePerMinute
        self.state = state; self.createdBy = createdBy; self.createdAt = createdAt; self.launchedAt = launchedAt
    }

    /// Which of the office's contacts a campaign is for: every condition given must hold (a list
    /// holds when any of its values does); an empty segment is every contact with an e-mail address.
    public struct Segment: Sendable, Hashable, Codable {
        /// Avizi themes of the contact's requests to the office, "theme" or "theme/sub-theme".
        public var themes: [String]
        /// Qualif+ criteria of those requests, name → value.
        public var criteria: [String: String]
        /// Department numbers or country codes, of the contact or of their requests.
        public var origins: [String]
        /// Language codes ("fr", "en", …).
        public var languages: [String]
        public var kind: Contact.Kind?
        /// Last interaction with the office on or after / before these days.
        public var interactedSince: Date?
        public var interactedBefore: Date?

        public init(themes: [String] = [], criteria: [String: String] = [:], origins: [String] = [], languages: [String] = [],
                    kind: Contact.Kind? = nil, interactedSince: Date? = nil, interactedBefore: Date? = nil) {
            self.themes = themes; self.criteria = criteria; self.origins = origins; self.languages = languages; self.kind = kind
            self.interactedSince = interactedSince; self.interactedBefore = interactedBefore
        }
    }

    /// What became of a launched campaign's recipients.
    public struct Counts: Sendable, Hashable, Codable {
        /// Left out when the messages were written (the gate refused, no address…).
        public var excluded: Int = 0
        /// Written, waiting for their turn.
        public var waiting: Int = 0
        public var sent: Int = 0
        /// Stopped by the gate when they were to be sent (a withdrawal meanwhile).
        public var withheld: Int = 0
        /// Refused by the mail server, or failed after every try.
        public var failed: Int = 0
        /// Recipients who withdrew or objected since the launch.
        public var unsubscribed: Int = 0
        public init() {}
    }
}
