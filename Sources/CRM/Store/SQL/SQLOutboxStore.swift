import Foundation
import Storage

struct SQLOutboxStore: OutboxStore {
    let executor: SQLExecutor

    func enqueue(_ entry: OutboxEntry, by caller: Caller) throws(CRMError) -> OutboxEntry {
        if let requestID = entry.requestID { _ = try SQLRequestStore(executor: executor).request(id: requestID, by: caller) }
        guard !entry.idempotencyKey.isEmpty else { throw .invalid(field: "idempotencyKey", reason: "obligatoire") }
        let id = try executor.write(as: caller) { db, tenant -> Int64 in
            if let existing = try tenant.rows(db, in: "crm_outbox", where: "idempotency_key = ?", [entry.idempotencyKey], orderBy: "id").first {
                return existing["id"]
            }
            let id = try tenant.insert(db, into: "crm_outbox", [
                ("request_id", entry.requestID), ("idempotency_key", entry.idempotencyKey), ("recipient", entry.recipient),
                ("subject", entry.subject), ("body", entry.text), ("purpose", entry.purpose.rawValue), ("state", "written"),
                ("created_at", Date().timeIntervalSince1970), ("html", entry.html), ("unsubscribe_url", entry.unsubscribeURL),
                ("campaign_id", entry.campaignID), ("paced", entry.paced), ("from_name", entry.fromName), ("reply_to", entry.replyTo),
            ])
            for (position, attachment) in entry.attachments.enumerated() {
                try db.execute("INSERT INTO crm_outbox_attachment (outbox_id, position, file_name, content_type, data) VALUES (?, ?, ?, ?, ?)",
                               [id, position, attachment.fileName, attachment.contentType, attachment.data])
            }
            return id
        }
        return try self.entry(id: id, by: caller)
    }

    func list(requestID: Int64?, by caller: Caller) throws(CRMError) -> [OutboxEntry] {
        try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_outbox", where: "CAST(? AS BIGINT) IS NULL OR request_id = ?", [requestID, requestID], orderBy: "id DESC", limit: 500)
                .map { try Self.entry($0, db) }
        }
    }

    func list(recipient: String, by caller: Caller) throws(CRMError) -> [OutboxEntry] {
        try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_outbox", where: "lower(recipient) = lower(?)", [recipient], orderBy: "id").map { try Self.entry($0, db) }
        }
    }

    func entry(id: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry {
        let entry = try executor.read(as: caller) { db, tenant in try tenant.row(db, in: "crm_outbox", id: id).map { try Self.entry($0, db) } }
        guard let entry else { throw .notFound("message \(id)") }
        return entry
    }

    func claim(outboxID: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry? {
        _ = try entry(id: outboxID, by: caller)  // another office's: notFound
        let claimed = try executor.write(as: caller) { db, tenant in
            try tenant.update(db, "crm_outbox", set: "state = 'sending', attempts = attempts + 1, claimed_at = ?", [Date().timeIntervalSince1970],
                              where: "id = ? AND state IN ('written', 'retry')", [outboxID]) == 1
        }
        return claimed ? try entry(id: outboxID, by: caller) : nil
    }

    func settle(outboxID: Int64, state: OutboxEntry.State, error: String?, nextAttempt: Date?, by caller: Caller) throws(CRMError) {
        guard [.sent, .refused, .withheld, .retry, .failed].contains(state) else {
            throw .invalid(field: "state", reason: "un envoi se termine envoyé (sent), refusé (refused), retenu (withheld), à refaire (retry) ou en échec (failed)")
        }
        let changed = try executor.write(as: caller) { db, tenant in
            try tenant.update(db, "crm_outbox", set: "state = ?, last_error = ?, next_attempt_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END",
                              [state.rawValue, error, state == .retry ? nextAttempt?.timeIntervalSince1970 : nil, state.rawValue,
                               Date().timeIntervalSince1970], where: "id = ? AND state = 'sending'", [outboxID])
        }
        guard changed == 1 else { throw .notFound("message \(outboxID) being sent") }
    }

    func requeue(outboxID: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry {
        let entry = try entry(id: outboxID, by: caller)
        guard entry.state.mayBeResent else {
            throw .invalid(field: "state", reason: "seul un message interrompu ou en échec se renvoie à la main (celui-ci est \(entry.state.rawValue))")
        }
        let changed = try executor.write(as: caller) { db, tenant in
            try tenant.update(db, "crm_outbox", set: "state = 'written', attempts = 0, next_attempt_at = NULL, last_error = ?",
                              ["sent again by \(caller.userName) after: \(entry.lastError ?? entry.state.rawValue)"],
                              where: "id = ? AND state IN ('interrupted', 'failed')", [outboxID])
        }
        guard changed == 1 else { throw .invalid(field: "state", reason: "le message a été renvoyé entre-temps") }
        return try self.entry(id: outboxID, by: caller)
    }

    func markInterrupted(claimedBefore: Date) throws(CRMError) -> Int {
        try executor.write { db in
            return try db.execute("""
                UPDATE crm_outbox SET state = 'interrupted', last_error = 'the process stopped while sending'
                WHERE state = 'sending' AND (claimed_at IS NULL OR claimed_at < ?)
                """, [claimedBefore.timeIntervalSince1970])
        }
    }

    func officesWithPendingMail() throws(CRMError) -> [Int64] {
        try executor.read { db in
            try Int64.all(db, "SELECT DISTINCT office_id FROM crm_outbox WHERE \(Self.due) ORDER BY office_id",
                               [Date().timeIntervalSince1970])
        }
    }

    func pending(by caller: Caller) throws(CRMError) -> [OutboxEntry] {
        try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_outbox", where: Self.due, [Date().timeIntervalSince1970], orderBy: "id").map { try Self.entry($0, db) }
        }
    }

    func pacedBatches() throws(CRMError) -> [PacedBatch] {
        let now = Date().timeIntervalSince1970
        return try executor.read { db in
            try SQLRow.all(db, """
                SELECT office_id, campaign_id, (SELECT rate_per_minute FROM crm_campaign c WHERE c.id = o.campaign_id) AS rate_per_minute,
                       (SELECT count(*) FROM crm_outbox s WHERE s.paced = 1 AND s.office_id = o.office_id
                        AND s.campaign_id IS NOT DISTINCT FROM o.campaign_id AND s.claimed_at > ?) AS claimed
                FROM crm_outbox o WHERE paced = 1 AND (\(Self.dueAny)) GROUP BY office_id, campaign_id ORDER BY office_id, campaign_id
                """, [now - 60, now])
                .map { PacedBatch(officeID: $0["office_id"], campaignID: $0["campaign_id"], ratePerMinute: $0["rate_per_minute"],
                                  claimedInLastMinute: $0["claimed"]) }
        }
    }

    func pacedDue(campaignID: Int64?, limit: Int, by caller: Caller) throws(CRMError) -> [OutboxEntry] {
        try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_outbox", where: "paced = 1 AND campaign_id IS NOT DISTINCT FROM ? AND (\(Self.dueAny))",
                            [campaignID, Date().timeIntervalSince1970], orderBy: "id", limit: max(0, limit)).map { try Self.entry($0, db) }
        }
    }

    /// Entries the outbox worker sends now (one argument: the time); paced ones go at their rate.
    static let due = "paced = 0 AND (\(dueAny))"
    static let dueAny = "state = 'written' OR (state = 'retry' AND coalesce(next_attempt_at, 0) <= ?)"

    static func entry(_ row: SQLRow, _ db: any SQLSession) throws -> OutboxEntry {
        let id: Int64 = row["id"]
        let campaignID: Int64? = row["campaign_id"]
        // A campaign's brochure is kept once, for all its messages.
        let attachments = try SQLRow.all(db, """
            SELECT file_name, content_type, data FROM crm_outbox_attachment WHERE outbox_id = ?
            UNION ALL SELECT file_name, content_type, data FROM crm_campaign_attachment WHERE campaign_id = ?
            """, [id, campaignID])
            .map { OutboxEntry.Attachment(fileName: $0["file_name"], contentType: $0["content_type"], data: $0["data"]) }
        return OutboxEntry(id: id, officeID: row["office_id"], requestID: row["request_id"], idempotencyKey: row["idempotency_key"],
                           recipient: row["recipient"], subject: row["subject"], text: row["body"], html: row["html"], attachments: attachments,
                           unsubscribeURL: row["unsubscribe_url"], campaignID: campaignID, paced: row["paced"], fromName: row["from_name"],
                           replyTo: row["reply_to"],
                           state: OutboxEntry.State(rawValue: row["state"]) ?? .written,
                           purpose: OutboxEntry.Purpose(rawValue: row["purpose"]) ?? .serviceReply, attempts: row["attempts"],
                           lastError: row["last_error"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                           sentAt: (row["sent_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                           nextAttemptAt: (row["next_attempt_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
