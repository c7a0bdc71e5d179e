import Foundation
import Storage

struct SQLAuditStore: AuditStore {
    let executor: SQLExecutor

    func record(_ action: AuditEntry.Action, contactID: Int64?, objectID: Int64?, detail: String?, officeID: Int64?, by caller: Caller) throws(CRMError) {
        let office = caller.role == .regionalAdmin ? officeID : caller.officeID
        try executor.write { db in
            try db.execute("""
                INSERT INTO crm_audit (office_id, user_id, user_name, role, action, contact_id, object_id, detail, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [office, caller.userID, caller.userName, caller.role.rawValue, action.rawValue, contactID, objectID,
                                 detail, Date().timeIntervalSince1970])
        }
    }

    func entries(_ filter: AuditFilter, by caller: Caller) throws(CRMError) -> [AuditEntry] {
        guard caller.role == .officeAdmin else { throw .forbidden("le journal d'audit est lu par l'administrateur de l'office") }
        return try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_audit", where: """
                (CAST(? AS TEXT) IS NULL OR action = ?) AND (CAST(? AS TEXT) IS NULL OR user_name = ?) AND (CAST(? AS BIGINT) IS NULL OR contact_id = ?) AND (CAST(? AS DOUBLE PRECISION) IS NULL OR at >= ?)
                AND (CAST(? AS DOUBLE PRECISION) IS NULL OR at < ?)
                """, [filter.action?.rawValue, filter.action?.rawValue, filter.userName, filter.userName, filter.contactID, filter.contactID,
                      filter.from?.timeIntervalSince1970, filter.from?.timeIntervalSince1970, filter.to?.timeIntervalSince1970,
                      filter.to?.timeIntervalSince1970], orderBy: "at DESC, id DESC", limit: max(1, min(filter.limit, 10_000)))
                .map(Self.entry)
        }
    }

    static func entry(_ row: SQLRow) -> AuditEntry {
        AuditEntry(id: row["id"], officeID: row["office_id"], userID: row["user_id"], userName: row["user_name"],
                   role: Caller.Role(rawValue: row["role"]) ?? .agent, action: AuditEntry.Action(rawValue: row["action"]) ?? .contactViewed,
                   contactID: row["contact_id"], objectID: row["object_id"], detail: row["detail"], at: Date(timeIntervalSince1970: row["at"]))
    }
}
