import Foundation

/// Messages written before they are sent, sent once (see `OutboxDelivery`).
public protocol OutboxStore: Sendable {
    /// Writes a message; the same idempotency key returns the entry already written.
    func enqueue(_ entry: OutboxEntry, by caller: Caller) throws(CRMError) -> OutboxEntry
    func list(requestID: Int64?, by caller: Caller) throws(CRMError) -> [OutboxEntry]
    /// The office's messages to an address (any letter case), oldest first.
    func list(recipient: String, by caller: Caller) throws(CRMError) -> [OutboxEntry]
    func entry(id: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry
    /// Moves a `written` or `retry` entry to `sending` and returns it; nil when another worker
    /// has it or it is settled.
    func claim(outboxID: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry?
    /// Ends a send: `sent`, `refused`, `retry` (not before `nextAttempt`) or `failed`.
    func settle(outboxID: Int64, state: OutboxEntry.State, error: String?, nextAttempt: Date?, by caller: Caller) throws(CRMError)
    /// An `interrupted` or `failed` entry made `written` again, by an agent who checked it: the
    /// next delivery sends it (attempts counted afresh).
    func requeue(outboxID: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry
    /// Entries left `sending` by a worker that stopped — claimed before `claimedBefore`, longer ago
    /// than any send lasts (`OutboxDelivery.longestSend`) — become `interrupted`; a send in flight on
    /// another node is left alone. Returns how many.
    func markInterrupted(claimedBefore: Date) throws(CRMError) -> Int
    /// Offices with messages due (`written`, or `retry` whose wait is over): for the delivery worker,
    /// which then acts for each of them.
    func officesWithPendingMail() throws(CRMError) -> [Int64]
    /// Entries of the caller's office due to be sent (`written`, or `retry` whose wait is over), but
    /// paced ones.
    func pending(by caller: Caller) throws(CRMError) -> [OutboxEntry]
    /// The campaigns (and imports, campaign nil) with paced messages due, in every office: for the paced worker.
    func pacedBatches() throws(CRMError) -> [PacedBatch]
    /// The first `limit` paced messages due of one campaign (nil: of the office's imports).
    func pacedDue(campaignID: Int64?, limit: Int, by caller: Caller) throws(CRMError) -> [OutboxEntry]
}

/// Paced messages waiting in one office for one campaign (nil: an import's confirmation emails),
/// and the campaign's rate.
public struct PacedBatch: Sendable, Hashable {
    public var officeID: Int64
    public var campaignID: Int64?
    public var ratePerMinute: Int?
    /// Its messages taken for sending in the last minute, by any node: the rate is the cluster's.
    public var claimedInLastMinute: Int
    public init(officeID: Int64, campaignID: Int64?, ratePerMinute: Int?, claimedInLastMinute: Int = 0) {
        self.officeID = officeID; self.campaignID = campaignID; self.ratePerMinute = ratePerMinute
        self.claimedInLastMinute = claimedInLastMinute
    }
}

extension OutboxStore {
    public func settle(outboxID: Int64, state: OutboxEntry.State, error: String?, by caller: Caller) throws(CRMError) {
        try settle(outboxID: outboxID, state: state, error: error, nextAttempt: nil, by: caller)
    }
}
