import Foundation
import Storage

extension SQLContactStore {
    /// In one transaction, everything of the caller's office about the person: its profile; its
    /// requests made anonymous (contact, subject and notes removed; the rest counts in the
    /// statistics) or deleted with their baskets; its messages to them emptied (address, subject,
    /// text, attachments: the fact of the send stays) or deleted with the requests; the merge
    /// snapshots; the campaigns' exclusions. When no office holds the person any more, the shared
    /// identity row and the duplicates merged into it go too.
    func erase(_ ref: Int64, keepingRequests: Bool, by caller: Caller) throws(CRMError) -> ContactErasure {
        let profile = try contact(id: ref, by: caller)
        return try executor.write(as: caller) { db, tenant in
            guard let contactID = try tenant.person(db, ref: ref) else { throw CRMError.notFound("contact \(ref)") }
            var erasure = ContactErasure(email: profile.email, phones: [profile.phone, profile.mobile].compactMap { $0 })
            let office = tenant.office
            let requestIDs = try Int64.all(db, "SELECT id FROM crm_request WHERE office_id = ? AND contact_id = ?", [office, contactID])
            let inRequests = requestIDs.isEmpty ? "0" : requestIDs.map(String.init).joined(separator: ",")
            let messagesCondition = "office_id = ? AND (request_id IN (\(inRequests)) OR (CAST(? AS TEXT) IS NOT NULL AND lower(recipient) = lower(CAST(? AS TEXT))))"
            let messageArguments: SQLArguments = [office, profile.email, profile.email]
            let messageIDs = try Int64.all(db, "SELECT id FROM crm_outbox WHERE \(messagesCondition)", messageArguments)
            erasure.messages = messageIDs.count
            if !messageIDs.isEmpty {
                try db.execute("DELETE FROM crm_outbox_attachment WHERE outbox_id IN (\(messageIDs.map(String.init).joined(separator: ",")))")
            }
            erasure.requests = requestIDs.count
            if keepingRequests {
                try db.execute("UPDATE crm_outbox SET recipient = '', subject = '', body = '', html = NULL, unsubscribe_url = NULL, last_error = NULL WHERE \(messagesCondition)",
                               messageArguments)
                try db.execute("UPDATE crm_request SET contact_id = NULL, subject = NULL, notes = NULL WHERE office_id = ? AND contact_id = ?",
                               [office, contactID])
            } else {
                try db.execute("DELETE FROM crm_outbox WHERE \(messagesCondition)", messageArguments)
                try db.execute("DELETE FROM crm_basket WHERE office_id = ? AND request_id IN (\(inRequests))", [office])
                try db.execute("DELETE FROM crm_request WHERE office_id = ? AND id IN (\(inRequests))", [office])
            }
            try db.execute("""
                DELETE FROM crm_campaign_exclusion WHERE contact_id = ? AND campaign_id IN (SELECT id FROM crm_campaign WHERE office_id = ?)
                """, [contactID, office])
            // The duplicates merged into the person (their snapshots hold the person's data).
            let merged = try Int64.all(db, "SELECT merged_id FROM crm_contact_merge WHERE office_id = ? AND kept_id = ?",
                                            [office, contactID])
            erasure.mergeSnapshots = try tenant.delete(db, from: "crm_contact_merge", where: "kept_id = ? OR merged_id = ?", [contactID, contactID])
            try tenant.delete(db, from: "crm_apidae_contact", where: "contact_id = ?", [contactID])
            try tenant.delete(db, from: "crm_contact_profile", where: "ref = ?", [ref])
            for id in [contactID] + merged where try Self.isUnheld(id, db) {
                try db.execute("UPDATE crm_request SET contact_id = NULL WHERE contact_id = ?", [id])
                try db.execute("UPDATE crm_contact SET merged_into = NULL WHERE merged_into = ?", [id])
                try db.execute("DELETE FROM crm_contact WHERE id = ?", [id])
                if id == contactID { erasure.personGone = true }
            }
            return erasure
        }
    }

    /// No office has a profile of the person, and no other office's merge history names them.
    static func isUnheld(_ id: Int64, _ db: any SQLSession) throws -> Bool {
        try Int.one(db, """
            SELECT (SELECT count(*) FROM crm_contact_profile WHERE contact_id = ?) + (SELECT count(*) FROM crm_contact_merge WHERE kept_id = ? OR merged_id = ?)
                 + (SELECT count(*) FROM crm_campaign_exclusion WHERE contact_id = ?)
            """, [id, id, id, id]) == 0
    }
}
