import Foundation
import Storage

struct SQLSessionStore: SessionStore {
    let executor: SQLExecutor

    func open(_ session: StoredSession) throws(CRMError) {
        try executor.write { db in
            try db.execute("INSERT INTO crm_session (id_hash, user_id, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                           [session.idHash, session.user.id, session.csrf, session.createdAt.timeIntervalSince1970,
                                       session.lastSeenAt.timeIntervalSince1970])
        }
    }

    func session(idHash: String) throws(CRMError) -> StoredSession? {
        let row = try executor.read { db in
            try SQLRow.one(db, """
                SELECT s.id_hash, s.csrf, s.created_at, s.last_seen_at, u.* FROM crm_session s JOIN crm_user u ON u.id = s.user_id
                WHERE s.id_hash = ? AND u.disabled = 0
                """, [idHash])
        }
        guard let row else { return nil }
        return StoredSession(idHash: row["id_hash"], user: SQLUserStore.user(row), csrf: row["csrf"],
                             createdAt: Date(timeIntervalSince1970: row["created_at"]), lastSeenAt: Date(timeIntervalSince1970: row["last_seen_at"]))
    }

    func touch(idHash: String, at: Date) throws(CRMError) {
        try executor.write { db in
            try db.execute("UPDATE crm_session SET last_seen_at = \(db.dialect.greatest("last_seen_at", "?")) WHERE id_hash = ?", [at.timeIntervalSince1970, idHash])
        }
    }

    func close(idHash: String) throws(CRMError) {
        try executor.write { db in try db.execute("DELETE FROM crm_session WHERE id_hash = ?", [idHash]) }
    }

    func closeAll(userID: Int64, keeping: String?) throws(CRMError) {
        try executor.write { db in
            try db.execute("DELETE FROM crm_session WHERE user_id = ? AND id_hash IS DISTINCT FROM ?", [userID, keeping])
        }
    }

    func purge(idleBefore: Date, begunBefore: Date) throws(CRMError) -> Int {
        try executor.write { db in
            return try db.execute("DELETE FROM crm_session WHERE last_seen_at < ? OR created_at < ?",
                           [idleBefore.timeIntervalSince1970, begunBefore.timeIntervalSince1970])
        }
    }
}
