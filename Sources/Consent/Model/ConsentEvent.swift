import Foundation

/// One thing that happened to a person's consent, kept for ever as it was written (append-only):
/// the current state is derived from the events, and each one is its own proof.
public struct ConsentEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A box was ticked (counter, fair, file…): a confirmation email is on its way. Not a consent yet.
        case asked
        /// The person confirmed through the signed link: the consent.
        case confirmed
        case refused
        case withdrawn
        /// The confirmation link was never used in time.
        case expired
        /// The person objects to any communication from the office: stops everything, every purpose
        /// and channel, until they confirm a new consent.
        case objected
    }

    public var id: Int64
    public var officeID: Int64
    /// The keyed hash of the person's email address (`ConsentKeys.subject`), never the address itself.
    public var subject: String
    public var purpose: Purpose
    public var channel: Channel
    public var kind: Kind
    public var mode: CollectionMode
    /// What the office says of the collection: place, date, event name.
    public var context: String?
    /// The agent who collected it, when one did.
    public var agent: String?
    /// Where the person acted online (confirmation, preferences, unsubscribe).
    public var ipAddress: String?
    public var userAgent: String?
    /// The wording the person saw, and its SHA-256.
    public var wordingVersion: Int?
    public var wordingHash: String?
    public var at: Date

    public init(id: Int64 = 0, officeID: Int64, subject: String, purpose: Purpose, channel: Channel, kind: Kind, mode: CollectionMode,
                context: String? = nil, agent: String? = nil, ipAddress: String? = nil, userAgent: String? = nil,
                wordingVersion: Int? = nil, wordingHash: String? = nil, at: Date = Date()) {
        self.id = id; self.officeID = officeID; self.subject = subject; self.purpose = purpose; self.channel = channel; self.kind = kind
        self.mode = mode; self.context = context; self.agent = agent; self.ipAddress = ipAddress; self.userAgent = userAgent
        self.wordingVersion = wordingVersion; self.wordingHash = wordingHash; self.at = at
    }
}
