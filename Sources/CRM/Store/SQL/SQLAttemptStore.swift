import Foundation
import Storage

struct SQLAttemptStore: AttemptStore {
    let executor: SQLExecutor
    /// Attempts older than this go, whoever made them (an address seen once is not kept).
    static let longestWindow: TimeInterval = 24 * 3600

    func take<R>(_ keys: [(key: String, window: TimeInterval)], now: Date, _ decide: ([String: [Date]]) -> (record: Bool, result: R))
        throws(CRMError) -> R {
        try executor.write { db in
            for key in keys.map(\.key).sorted() { try db.lockUntilCommit("attempt:" + key) }
            try db.execute("DELETE FROM crm_attempt WHERE at < ?", [now.timeIntervalSince1970 - Self.longestWindow])
            var recent: [String: [Date]] = [:]
            for (key, window) in keys {
                try db.execute("DELETE FROM crm_attempt WHERE key = ? AND at <= ?", [key, now.timeIntervalSince1970 - window])
                recent[key] = try Double.all(db, "SELECT at FROM crm_attempt WHERE key = ? ORDER BY at, id", [key])
                    .map(Date.init(timeIntervalSince1970:))
            }
            let (record, result) = decide(recent)
            if record {
                for (key, _) in keys { try db.execute("INSERT INTO crm_attempt (key, at) VALUES (?, ?)", [key, now.timeIntervalSince1970]) }
            }
            return result
        }
    }

    func forget(_ key: String, at: Date?) throws(CRMError) {
        try executor.write { db in
            if let at {
                try db.execute("DELETE FROM crm_attempt WHERE id = (SELECT id FROM crm_attempt WHERE key = ? AND at = ? ORDER BY id LIMIT 1)",
                               [key, at.timeIntervalSince1970])
            } else {
                try db.execute("DELETE FROM crm_attempt WHERE key = ?", [key])
            }
        }
    }
}
