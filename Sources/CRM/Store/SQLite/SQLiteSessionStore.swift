import Foundation
import GRDB

struct SQLiteSessionStore: SessionStore {
    let executor: SQLiteExecutor

    func open(_ session: StoredSession) throws(CRMError) {
        try executor.write { db in
            try db.execute(sql: "INSERT INTO crm_session (id_hash, user_id, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [session.idHash, session.user.id, session.csrf, session.createdAt.timeIntervalSince1970,
                                       session.lastSeenAt.timeIntervalSince1970])
        }
    }

    func session(idHash: String) throws(CRMError) -> StoredSession? {
        let row = try executor.read { db in
            try Row.fetchOne(db, sql: """
                SELECT s.id_hash, s.csrf, s.created_at, s.last_seen_at, u.* FROM crm_session s JOIN crm_user u ON u.id = s.user_id
                WHERE s.id_hash = ? AND u.disabled = 0
                """, arguments: [idHash])
        }
        guard let row else { return nil }
        return StoredSession(idHash: row["id_hash"], user: SQLiteUserStore.user(row), csrf: row["csrf"],
                             createdAt: Date(timeIntervalSince1970: row["created_at"]), lastSeenAt: Date(timeIntervalSince1970: row["last_seen_at"]))
    }

    func touch(idHash: String, at: Date) throws(CRMError) {
        try executor.write { db in
            try db.execute(sql: "UPDATE crm_session SET last_seen_at = max(last_seen_at, ?) WHERE id_hash = ?", arguments: [at.timeIntervalSince1970, idHash])
        }
    }

    func close(idHash: String) throws(CRMError) {
        try executor.write { db in try db.execute(sql: "DELETE FROM crm_session WHERE id_hash = ?", arguments: [idHash]) }
    }

    func closeAll(userID: Int64, keeping: String?) throws(CRMError) {
        try executor.write { db in
            try db.execute(sql: "DELETE FROM crm_session WHERE user_id = ? AND id_hash IS NOT ?", arguments: [userID, keeping])
        }
    }

    func purge(idleBefore: Date, begunBefore: Date) throws(CRMError) -> Int {
        try executor.write { db in
            try db.execute(sql: "DELETE FROM crm_session WHERE last_seen_at < ? OR created_at < ?",
                           arguments: [idleBefore.timeIntervalSince1970, begunBefore.timeIntervalSince1970])
            return db.changesCount
        }
    }
}
