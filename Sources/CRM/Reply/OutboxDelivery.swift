import Foundation
import Mail

/// Sends what the outbox holds, once: claim (written → sending), hand to the transport, settle
/// (sent / refused / retry later / failed after too many tries) with the server's words. A process stopped between claim and settle
/// leaves the entry `sending`; `markInterrupted(claimedBefore:)` turns it `interrupted` once it is
/// older than any send (at start-up and at each look of the worker), and it is never re-sent on its
/// own — the server may already have accepted it.
public struct OutboxDelivery: Sendable {
    /// Longer than any send takes (libcurl gives up on SMTP after 60 s): a claim older than this is
    /// a stopped worker's, on this node or another.
    public static let longestSend: TimeInterval = 10 * 60

    public let store: any OutboxStore
    public let transport: any MailTransport
    public let from: MailAddress
    public let policy: any SendPolicy
    public let backoff: RetryBackoff

    public init(store: any OutboxStore, transport: any MailTransport, from: MailAddress, policy: any SendPolicy = ServiceRepliesOnly(),
                backoff: RetryBackoff = RetryBackoff()) {
        self.store = store; self.transport = transport; self.from = from; self.policy = policy; self.backoff = backoff
    }

    /// Sends one entry if it is still waiting; returns its state afterwards.
    @discardableResult
    public func deliver(outboxID: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry.State {
        if let state = try deliverIfClaimed(outboxID: outboxID, by: caller) { return state }
        return try store.entry(id: outboxID, by: caller).state
    }

    /// Sends one entry if this worker claims it; nil when it was not waiting any more (another
    /// worker, on this node or another, has it): what another sent is not counted here.
    func deliverIfClaimed(outboxID: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry.State? {
        guard let entry = try store.claim(outboxID: outboxID, by: caller) else { return nil }
        if let refusal = policy.refusal(for: entry) {
            try store.settle(outboxID: entry.id, state: .withheld, error: refusal, by: caller)
            return .withheld
        }
        let message: MailMessage
        do {
            let sender = try MailAddress(from.address, name: entry.fromName ?? from.name)
            message = MailMessage(from: sender, to: [try MailAddress(entry.recipient)], replyTo: try entry.replyTo.map { try MailAddress($0) },
                                  subject: entry.subject, text: entry.text,
                                  html: entry.html, attachments: entry.attachments, listUnsubscribe: entry.unsubscribeURL,
                                  idempotencyKey: entry.idempotencyKey)
        } catch {
            try store.settle(outboxID: entry.id, state: .refused, error: "\(error)", by: caller)
            return .refused
        }
        var failure: MailError?
        do { try transport.send(message) } catch { failure = error }
        guard let failure else {
            try store.settle(outboxID: entry.id, state: .sent, error: nil, by: caller)
            return .sent
        }
        if failure.isPermanent {
            try store.settle(outboxID: entry.id, state: .refused, error: failure.description, by: caller)
            return .refused
        }
        // `attempts` was counted by the claim.
        let next = backoff.nextAttempt(after: entry.attempts)
        let state: OutboxEntry.State = next == nil ? .failed : .retry
        try store.settle(outboxID: entry.id, state: state, error: failure.description, nextAttempt: next, by: caller)
        return state
    }

    /// Sends every waiting entry of the caller's office; returns how many were sent.
    public func deliverPending(by caller: Caller) throws(CRMError) -> Int {
        var sent = 0
        for entry in try store.pending(by: caller) where try deliverIfClaimed(outboxID: entry.id, by: caller) == .sent { sent += 1 }
        return sent
    }

    /// Sends, for each campaign (and each office's imports) with paced messages due, as many as its
    /// rate allows in `window` (the worker's tick): a campaign of 60 a minute sends 10 every 10 s.
    /// The rate holds over any minute whatever the nodes sending: what any of them took in the last
    /// minute counts (the caller runs it on one node at a time). Returns how many were sent.
    public func deliverPaced(window: TimeInterval, defaultRate: Int) throws(CRMError) -> Int {
        var sent = 0
        for batch in try store.pacedBatches() {
            let rate = max(1, batch.ratePerMinute ?? defaultRate)
            let allowance = min(max(1, Int((Double(rate) * window / 60).rounded(.down))), rate - batch.claimedInLastMinute)
            guard allowance > 0 else { continue }
            let caller = Caller(role: .agent, officeID: batch.officeID, userName: "outbox")
            for entry in try store.pacedDue(campaignID: batch.campaignID, limit: allowance, by: caller)
            where try deliverIfClaimed(outboxID: entry.id, by: caller) == .sent { sent += 1 }
        }
        return sent
    }

    /// Sends what waits in every office's outbox (the server's worker: messages whose server was
    /// down are tried again), but paced messages. Returns how many were sent.
    public func deliverAllPending() throws(CRMError) -> Int {
        var sent = 0
        for office in try store.officesWithPendingMail() {
            sent += try deliverPending(by: Caller(role: .agent, officeID: office, userName: "outbox"))
        }
        return sent
    }
}
