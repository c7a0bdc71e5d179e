import Foundation
import Storage

struct SQLApidaeContactStore: ApidaeContactStore {
    let executor: SQLExecutor

    func links(by caller: Caller) throws(CRMError) -> [ApidaeContactLink] {
        try executor.read(as: caller) { db, tenant in try Self.rows(db, tenant).map(Self.link) }
    }

    func links(contactID: Int64, by caller: Caller) throws(CRMError) -> [ApidaeContactLink] {
        try executor.read(as: caller) { db, tenant in
            try Self.rows(db, tenant, where: "a.contact_id = (SELECT contact_id FROM crm_contact_profile WHERE office_id = a.office_id AND ref = ?)",
                          [contactID]).map(Self.link)
        }
    }

    func save(_ link: ApidaeContactLink, by caller: Caller) throws(CRMError) {
        try executor.write(as: caller) { db, tenant in
            guard let person = try tenant.person(db, ref: link.contactID) else {
                throw CRMError.notFound("contact \(link.contactID)")
            }
            try tenant.delete(db, from: "crm_apidae_contact", where: "structure_id = ?", [link.structureID])
            try tenant.insertRow(db, into: "crm_apidae_contact", [
                ("structure_id", link.structureID), ("contact_id", person), ("category", link.category),
                ("synced", JSONColumn.encode(link.synced)), ("synced_at", link.syncedAt.timeIntervalSince1970),
                ("left_at", link.leftAt?.timeIntervalSince1970),
            ])
        }
    }

    func markLeft(structureIDs: [Int], at date: Date, by caller: Caller) throws(CRMError) -> Int {
        guard !structureIDs.isEmpty else { return 0 }
        return try executor.write(as: caller) { db, tenant in
            try tenant.update(db, "crm_apidae_contact", set: "left_at = ?", [date.timeIntervalSince1970],
                              where: "left_at IS NULL AND structure_id IN (\(structureIDs.map { _ in "?" }.joined(separator: ",")))",
                              SQLArguments(structureIDs))
        }
    }

    /// The office's links (`a`), each with its contact as the office's reference.
    static func rows(_ db: any SQLSession, _ tenant: Tenant, where condition: String = "TRUE", _ arguments: SQLArguments = []) throws -> [SQLRow] {
        try SQLRow.all(db, """
            SELECT a.*, \(tenant.refSQL(of: "a.contact_id")) AS contact_ref FROM crm_apidae_contact a
            WHERE a.office_id = ? AND (\(condition)) ORDER BY a.structure_id
            """, [tenant.office] + arguments)
    }

    static func link(_ row: SQLRow) -> ApidaeContactLink {
        ApidaeContactLink(officeID: row["office_id"], structureID: row["structure_id"], contactID: row["contact_ref"], category: row["category"],
                          synced: JSONColumn.decode(row["synced"]) ?? [:], syncedAt: Date(timeIntervalSince1970: row["synced_at"]),
                          leftAt: (row["left_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
