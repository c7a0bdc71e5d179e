import Foundation
import GRDB

extension SQLiteCRMStore {
    public func enqueue(_ entry: OutboxEntry, by caller: Caller) throws(CRMError) -> OutboxEntry {
        let office = try caller.office()
        if let requestID = entry.requestID { _ = try request(id: requestID, by: caller) }
        guard !entry.idempotencyKey.isEmpty else { throw .invalid(field: "idempotencyKey", reason: "required") }
        let id = try write { db -> Int64 in
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM crm_outbox WHERE office_id = ? AND idempotency_key = ?",
                                                 arguments: [office, entry.idempotencyKey]) {
                return existing
            }
            try db.execute(sql: """
                INSERT INTO crm_outbox (office_id, request_id, idempotency_key, recipient, subject, body, purpose, state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'written', ?)
                """, arguments: [office, entry.requestID, entry.idempotencyKey, entry.recipient, entry.subject, entry.text,
                                 entry.purpose.rawValue, Date().timeIntervalSince1970])
            let id = db.lastInsertedRowID
            for (position, attachment) in entry.attachments.enumerated() {
                try db.execute(sql: "INSERT INTO crm_outbox_attachment (outbox_id, position, file_name, content_type, data) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, position, attachment.fileName, attachment.contentType, attachment.data])
            }
            return id
        }
        return try outboxEntry(id: id, by: caller)
    }

    public func outbox(requestID: Int64?, by caller: Caller) throws(CRMError) -> [OutboxEntry] {
        let office = try caller.office()
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM crm_outbox WHERE office_id = ? AND (? IS NULL OR request_id = ?) ORDER BY id DESC LIMIT 500
                """, arguments: [office, requestID, requestID]).map { try Self.entry($0, db) }
        }
    }

    public func outboxEntry(id: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry {
        let office = try caller.office()
        let entry = try read { db -> OutboxEntry? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM crm_outbox WHERE id = ? AND office_id = ?", arguments: [id, office]) else { return nil }
            return try Self.entry(row, db)
        }
        guard let entry else { throw .notFound("message \(id)") }
        return entry
    }

    public func claim(outboxID: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry? {
        let office = try caller.office()
        _ = try outboxEntry(id: outboxID, by: caller)  // another office's: notFound
        let claimed = try write { db -> Bool in
            try db.execute(sql: """
                UPDATE crm_outbox SET state = 'sending', attempts = attempts + 1
                WHERE id = ? AND office_id = ? AND state IN ('written', 'retry')
                """, arguments: [outboxID, office])
            return db.changesCount == 1
        }
        return claimed ? try outboxEntry(id: outboxID, by: caller) : nil
    }

    public func settle(outboxID: Int64, state: OutboxEntry.State, error: String?, by caller: Caller) throws(CRMError) {
        let office = try caller.office()
        guard [.sent, .refused, .retry].contains(state) else { throw .invalid(field: "state", reason: "a send ends sent, refused or retry") }
        let changed = try write { db -> Int in
            try db.execute(sql: """
                UPDATE crm_outbox SET state = ?, last_error = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
                WHERE id = ? AND office_id = ? AND state = 'sending'
                """, arguments: [state.rawValue, error, state.rawValue, Date().timeIntervalSince1970, outboxID, office])
            return db.changesCount
        }
        guard changed == 1 else { throw .notFound("message \(outboxID) being sent") }
    }

    public func markInterrupted() throws(CRMError) -> Int {
        try write { db in
            try db.execute(sql: "UPDATE crm_outbox SET state = 'interrupted', last_error = 'the process stopped while sending' WHERE state = 'sending'")
            return db.changesCount
        }
    }

    public func officesWithPendingMail() throws(CRMError) -> [Int64] {
        try read { db in try Int64.fetchAll(db, sql: "SELECT DISTINCT office_id FROM crm_outbox WHERE state IN ('written', 'retry') ORDER BY office_id") }
    }

    public func pending(by caller: Caller) throws(CRMError) -> [OutboxEntry] {
        let office = try caller.office()
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM crm_outbox WHERE office_id = ? AND state IN ('written', 'retry') ORDER BY id",
                             arguments: [office]).map { try Self.entry($0, db) }
        }
    }

    static func entry(_ row: Row, _ db: Database) throws -> OutboxEntry {
        let id: Int64 = row["id"]
        let attachments = try Row.fetchAll(db, sql: "SELECT * FROM crm_outbox_attachment WHERE outbox_id = ? ORDER BY position", arguments: [id])
            .map { OutboxEntry.Attachment(fileName: $0["file_name"], contentType: $0["content_type"], data: $0["data"]) }
        return OutboxEntry(id: id, officeID: row["office_id"], requestID: row["request_id"], idempotencyKey: row["idempotency_key"],
                           recipient: row["recipient"], subject: row["subject"], text: row["body"], attachments: attachments,
                           state: OutboxEntry.State(rawValue: row["state"]) ?? .written,
                           purpose: OutboxEntry.Purpose(rawValue: row["purpose"]) ?? .serviceReply, attempts: row["attempts"],
                           lastError: row["last_error"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                           sentAt: (row["sent_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
