import Foundation
import GRDB

extension SQLiteContactStore {
    func duplicates(of contactID: Int64, by caller: Caller) throws(CRMError) -> [Contact] {
        let c = try contact(id: contactID, by: caller)
        return try executor.read(as: caller) { db, tenant in
            try tenant.contactRows(db, where: """
                c.id != ? AND c.merged_into IS NULL AND (
                    (? IS NOT NULL AND lower(c.email) = lower(?))
                    OR (? IS NOT NULL AND lower(c.last_name) = lower(?) AND lower(coalesce(c.first_name, '')) = lower(coalesce(?, ''))
                        AND c.postal_code = ?))
                """, [c.id, c.email, c.email, c.lastName, c.lastName, c.firstName, c.postalCode]).map(Self.contact)
        }
    }

    func mergePreview(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact {
        guard mergedID != keptID else { throw .invalid(field: "merge", reason: "a contact cannot be merged into itself") }
        return Self.merged(try contact(id: mergedID, by: caller), into: try contact(id: keptID, by: caller))
    }

    func merge(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact {
        let duplicate = try contact(id: mergedID, by: caller)
        let result = try mergePreview(mergedID, into: keptID, by: caller)
        try executor.write(as: caller) { db, tenant in
            try db.execute(sql: "UPDATE crm_contact SET \(Self.columns.map { "\($0) = ?" }.joined(separator: ", ")), last_interaction_at = ? WHERE id = ?",
                           arguments: StatementArguments(Self.values(result) + [result.lastInteractionAt?.timeIntervalSince1970, keptID]))
            // Every office that knew the duplicate keeps seeing the person, and its requests.
            try db.execute(sql: """
                INSERT OR IGNORE INTO crm_contact_owner (contact_id, office_id, since)
                SELECT ?, office_id, since FROM crm_contact_owner WHERE contact_id = ?
                """, arguments: [keptID, mergedID])
            try db.execute(sql: "UPDATE crm_request SET contact_id = ? WHERE contact_id = ?", arguments: [keptID, mergedID])
            try db.execute(sql: "UPDATE crm_contact SET merged_into = ? WHERE id = ?", arguments: [keptID, mergedID])
            try tenant.insert(db, into: "crm_contact_merge", [("kept_id", keptID), ("merged_id", mergedID), ("by_user", caller.userName),
                                                              ("at", Date().timeIntervalSince1970), ("merged_snapshot", JSONColumn.encode(duplicate))])
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
