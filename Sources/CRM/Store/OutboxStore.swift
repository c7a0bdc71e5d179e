import Foundation

/// Messages written before they are sent, sent once (see `OutboxDelivery`).
public protocol OutboxStore: Sendable {
    /// Writes a message; the same idempotency key returns the entry already written.
    func enqueue(_ entry: OutboxEntry, by caller: Caller) throws(CRMError) -> OutboxEntry
    func list(requestID: Int64?, by caller: Caller) throws(CRMError) -> [OutboxEntry]
    func entry(id: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry
    /// Moves a `written` or `retry` entry to `sending` and returns it; nil when another worker
    /// has it or it is settled.
    func claim(outboxID: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry?
    func settle(outboxID: Int64, state: OutboxEntry.State, error: String?, by caller: Caller) throws(CRMError)
    /// At start-up: entries left `sending` by a stopped process become `interrupted`. Returns how many.
    func markInterrupted() throws(CRMError) -> Int
    /// Offices with messages waiting (`written` or `retry`): for the delivery worker, which then acts
    /// for each of them.
    func officesWithPendingMail() throws(CRMError) -> [Int64]
    /// Entries of the caller's office waiting to be sent (`written`, `retry`).
    func pending(by caller: Caller) throws(CRMError) -> [OutboxEntry]
}
