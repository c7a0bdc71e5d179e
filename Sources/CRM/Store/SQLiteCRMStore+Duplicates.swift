import Foundation
import GRDB

extension SQLiteCRMStore {
    public func duplicates(of contactID: Int64, by caller: Caller) throws(CRMError) -> [Contact] {
        let office = try caller.office()
        let c = try contact(id: contactID, by: caller)
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.* FROM crm_contact c JOIN crm_contact_owner o ON o.contact_id = c.id AND o.office_id = ?
                WHERE c.id != ? AND c.merged_into IS NULL AND (
                    (? IS NOT NULL AND lower(c.email) = lower(?))
                    OR (? IS NOT NULL AND lower(c.last_name) = lower(?) AND lower(coalesce(c.first_name, '')) = lower(coalesce(?, ''))
                        AND c.postal_code = ?))
                ORDER BY c.id
                """, arguments: [office, c.id, c.email, c.email, c.lastName, c.lastName, c.firstName, c.postalCode]).map(Self.contact)
        }
    }

    public func mergePreview(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact {
        guard mergedID != keptID else { throw .invalid(field: "merge", reason: "a contact cannot be merged into itself") }
        return Self.merged(try contact(id: mergedID, by: caller), into: try contact(id: keptID, by: caller))
    }

    public func merge(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact {
        let office = try caller.office()
        let duplicate = try contact(id: mergedID, by: caller)
        let result = try mergePreview(mergedID, into: keptID, by: caller)
        try write { db in
            try db.execute(sql: "UPDATE crm_contact SET \(Self.contactColumns.map { "\($0) = ?" }.joined(separator: ", ")), last_interaction_at = ? WHERE id = ?",
                           arguments: StatementArguments(Self.values(result) + [result.lastInteractionAt?.timeIntervalSince1970, keptID]))
            // Every office that knew the duplicate keeps seeing the person, and its requests.
            try db.execute(sql: """
                INSERT OR IGNORE INTO crm_contact_owner (contact_id, office_id, since)
                SELECT ?, office_id, since FROM crm_contact_owner WHERE contact_id = ?
                """, arguments: [keptID, mergedID])
            try db.execute(sql: "UPDATE crm_request SET contact_id = ? WHERE contact_id = ?", arguments: [keptID, mergedID])
            try db.execute(sql: "UPDATE crm_contact SET merged_into = ? WHERE id = ?", arguments: [keptID, mergedID])
            try db.execute(sql: "INSERT INTO crm_contact_merge (kept_id, merged_id, office_id, by_user, at, merged_snapshot) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [keptID, mergedID, office, caller.userName, Date().timeIntervalSince1970, Self.json(duplicate)])
        }
        return try contact(id: keptID, by: caller)
    }

    /// The kept contact with its empty fields filled from the duplicate; notes are joined.
    static func merged(_ duplicate: Contact, into kept: Contact) -> Contact {
        var r = kept
        func fill(_ path: WritableKeyPath<Contact, String?>) { if r[keyPath: path]?.isEmpty ?? true { r[keyPath: path] = duplicate[keyPath: path] } }
        for path: WritableKeyPath<Contact, String?> in [\.company, \.civility, \.firstName, \.lastName, \.email, \.phone, \.mobile, \.address,
                                                        \.postalCode, \.commune, \.department, \.country, \.language, \.category, \.birthDate] {
            fill(path)
        }
        if let notes = duplicate.notes, !notes.isEmpty, notes != kept.notes {
            r.notes = [kept.notes, notes].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
        r.createdAt = min(kept.createdAt, duplicate.createdAt)
        r.lastInteractionAt = [kept.lastInteractionAt, duplicate.lastInteractionAt].compactMap { $0 }.max()
        return r
    }
}
