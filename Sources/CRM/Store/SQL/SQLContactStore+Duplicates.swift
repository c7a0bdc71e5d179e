import Foundation
import Storage

extension SQLContactStore {
    func duplicates(of contactID: Int64, by caller: Caller) throws(CRMError) -> [Contact] {
        let c = try contact(id: contactID, by: caller)
        return try executor.read(as: caller) { db, tenant in
            try tenant.contactRows(db, where: """
                p.ref != ? AND (
                    (CAST(? AS TEXT) IS NOT NULL AND lower(p.email) = lower(CAST(? AS TEXT)))
                    OR (CAST(? AS TEXT) IS NOT NULL AND lower(p.last_name) = lower(CAST(? AS TEXT)) AND lower(coalesce(p.first_name, '')) = lower(coalesce(CAST(? AS TEXT), ''))
                        AND p.postal_code = ?))
                """, [c.id, c.email, c.email, c.lastName, c.lastName, c.firstName, c.postalCode]).map(Self.contact)
        }
    }

    func mergePreview(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact {
        guard mergedID != keptID else { throw .invalid(field: "merge", reason: "un contact ne peut pas être fusionné avec lui-même") }
        return Self.merged(try contact(id: mergedID, by: caller), into: try contact(id: keptID, by: caller))
    }

    /// Within the caller's office only: its profile of the kept person takes the duplicate's
    /// fields where empty, its requests about the duplicate move over, its profile of the
    /// duplicate goes (kept as a snapshot in `crm_contact_merge`). Other offices' profiles and
    /// requests are never touched; the duplicate person leaves the region's lists once no office
    /// has a profile of them.
    func merge(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact {
        let duplicate = try contact(id: mergedID, by: caller)
        let result = try mergePreview(mergedID, into: keptID, by: caller)
        try executor.write(as: caller) { db, tenant in
            // The shared people behind the office's two references.
            guard let kept = try tenant.person(db, ref: keptID), let merged = try tenant.person(db, ref: mergedID) else {
                throw CRMError.notFound("contact")
            }
            try Self.write(result, to: db, tenant)
            try tenant.update(db, "crm_request", set: "contact_id = ?", [kept], where: "contact_id = ?", [merged])
            try tenant.update(db, "crm_apidae_contact", set: "contact_id = ?", [kept], where: "contact_id = ?", [merged])
            try tenant.delete(db, from: "crm_contact_profile", where: "ref = ?", [mergedID])
            try db.execute("""
                UPDATE crm_contact SET merged_into = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM crm_contact_profile WHERE contact_id = ?)
                """, [kept, merged, merged])
            try tenant.insert(db, into: "crm_contact_merge", [("kept_id", kept), ("merged_id", merged), ("by_user", caller.userName),
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
