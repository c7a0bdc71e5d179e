import Foundation
import GRDB

struct SQLiteApidaeContactStore: ApidaeContactStore {
    let executor: SQLiteExecutor

    func links(by caller: Caller) throws(CRMError) -> [ApidaeContactLink] {
        try executor.read(as: caller) { db, tenant in try tenant.rows(db, in: "crm_apidae_contact", orderBy: "structure_id").map(Self.link) }
    }

    func links(contactID: Int64, by caller: Caller) throws(CRMError) -> [ApidaeContactLink] {
        try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_apidae_contact", where: "contact_id = ?", [contactID], orderBy: "structure_id").map(Self.link)
        }
    }

    func save(_ link: ApidaeContactLink, by caller: Caller) throws(CRMError) {
        try executor.write(as: caller) { db, tenant in
            guard try !tenant.contactRows(db, where: "p.contact_id = ?", [link.contactID]).isEmpty else {
                throw CRMError.notFound("contact \(link.contactID)")
            }
            try tenant.delete(db, from: "crm_apidae_contact", where: "structure_id = ?", [link.structureID])
            try tenant.insert(db, into: "crm_apidae_contact", [
                ("structure_id", link.structureID), ("contact_id", link.contactID), ("category", link.category),
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
                              StatementArguments(structureIDs))
        }
    }

    static func link(_ row: Row) -> ApidaeContactLink {
        ApidaeContactLink(officeID: row["office_id"], structureID: row["structure_id"], contactID: row["contact_id"], category: row["category"],
                          synced: JSONColumn.decode(row["synced"]) ?? [:], syncedAt: Date(timeIntervalSince1970: row["synced_at"]),
                          leftAt: (row["left_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
