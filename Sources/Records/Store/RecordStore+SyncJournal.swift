import Foundation
import GRDB
import Storage

extension RecordStore: SyncJournal {
    public func add(_ run: SyncRun) throws(RecordsError) -> SyncRun {
        try write { db in
            let id = try Int64.one(db, """
                INSERT INTO apidae_sync (kind, status, received_at, started_at, finished_at, project_id, full_replacement, one_off,
                    export_url, export_key, confirmation_url, confirmed_at, added, updated, deleted, rejected, photos, contacts, attempts, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, [run.kind.rawValue, run.status.rawValue, Self.stamp(run.receivedAt), run.startedAt.map(Self.stamp),
                                 run.finishedAt.map(Self.stamp), run.projectID, run.fullReplacement, run.oneOff, run.exportURL,
                                 run.exportURL.map(ExportNotification.key),
                                 run.confirmationURL, run.confirmedAt.map(Self.stamp), run.report.added, run.report.updated,
                                 run.report.deleted, run.report.rejected, run.report.photos, run.report.contacts, run.attempts, run.message])
            var saved = run
            guard let id else { throw StorageError.failed("a sync run saved without its id") }
            saved.id = id
            return saved
        }
    }

    public func add(_ run: SyncRun, unlessSameKindQueuedOrReceivedSince date: Date) throws(RecordsError) -> SyncRun {
        try write { db in
            try db.lockUntilCommit("apidae-queue-" + run.kind.rawValue)
            if let earlier = try SQLRow.one(db, """
                SELECT * FROM apidae_sync WHERE kind = ? AND (status = 'queued' OR received_at >= ?) ORDER BY id DESC LIMIT 1
                """, [run.kind.rawValue, Self.stamp(date)]).map(Self.syncRun) {
                return earlier
            }
            return try add(run)
        }
    }

    public func run(id: Int64) throws(RecordsError) -> SyncRun? {
        try read { db in try SQLRow.one(db, "SELECT * FROM apidae_sync WHERE id = ?", [id]).map(Self.syncRun) }
    }

    public func takeNextQueued(at date: Date) throws(RecordsError) -> SyncRun? {
        try write { db in
            guard let row = try SQLRow.one(db, "SELECT * FROM apidae_sync WHERE status = 'queued' ORDER BY id LIMIT 1") else { return nil }
            var run = Self.syncRun(row)
            run.status = .running
            run.startedAt = date
            run.attempts += 1
            try db.execute("UPDATE apidae_sync SET status = 'running', started_at = ?, attempts = ? WHERE id = ?",
                           [Self.stamp(date), run.attempts, run.id])
            return run
        }
    }

    public func finish(_ id: Int64, status: SyncRun.Status, report: SyncReport, message: String?, at date: Date) throws(RecordsError) {
        try write { db in
            try db.execute("""
                UPDATE apidae_sync SET status = ?, finished_at = ?, added = ?, updated = ?, deleted = ?, rejected = ?, photos = ?,
                    contacts = ?, message = ? WHERE id = ?
                """, [status.rawValue, Self.stamp(date), report.added, report.updated, report.deleted, report.rejected,
                                 report.photos, report.contacts, message, id])
        }
    }

    public func markConfirmed(_ id: Int64, at date: Date) throws(RecordsError) {
        try write { db in try db.execute("UPDATE apidae_sync SET confirmed_at = ? WHERE id = ?", [Self.stamp(date), id]) }
    }

    public func earlierRun(exportKey: String) throws(RecordsError) -> SyncRun? {
        try read { db in
            try SQLRow.one(db, """
                SELECT * FROM apidae_sync WHERE export_key = ? AND status IN ('queued', 'running', 'succeeded') ORDER BY id LIMIT 1
                """, [exportKey]).map(Self.syncRun)
        }
    }

    public func earlierRun(exportSHA256: String, other id: Int64) throws(RecordsError) -> SyncRun? {
        try read { db in
            try SQLRow.one(db, """
                SELECT * FROM apidae_sync WHERE export_sha256 = ? AND id <> ? AND status = 'succeeded' ORDER BY id LIMIT 1
                """, [exportSHA256, id]).map(Self.syncRun)
        }
    }

    public func setExportSHA256(_ sha256: String, run id: Int64) throws(RecordsError) {
        try write { db in try db.execute("UPDATE apidae_sync SET export_sha256 = ? WHERE id = ?", [sha256, id]) }
    }

    public func recent(limit: Int) throws(RecordsError) -> [SyncRun] {
        try read { db in try SQLRow.all(db, "SELECT * FROM apidae_sync ORDER BY id DESC LIMIT ?", [limit]).map(Self.syncRun) }
    }

    public func recoverDeadRuns(maxAttempts: Int, at date: Date) throws(RecordsError) -> [SyncRun] {
        try write { db in
            let pulls = try SQLRow.all(db, "SELECT * FROM apidae_sync WHERE status = 'running' AND kind = 'api' ORDER BY id").map(Self.syncRun)
            try db.execute("""
                UPDATE apidae_sync SET status = 'interrupted', finished_at = ?,
                    message = 'interrupted: the process running it stopped (killed or the machine lost power); nothing was applied'
                WHERE status = 'running' AND kind = 'api'
                """, [Self.stamp(date)])
            try db.execute("""
                UPDATE apidae_sync SET status = 'failed', message = 'interrupted ' || attempts || ' times (the process stopped during it)'
                WHERE status = 'running' AND attempts >= ?
                """, [maxAttempts])
            try db.execute("UPDATE apidae_sync SET status = 'queued' WHERE status = 'running'")
            return pulls
        }
    }

    public func received(since date: Date, ignored: Bool) throws(RecordsError) -> Int {
        try read { db in
            try Int.one(db, """
                SELECT count(*) FROM apidae_sync WHERE kind = 'export' AND received_at > ? AND (CASE WHEN status = 'ignored' THEN 1 ELSE 0 END) = ?
                """, [Self.stamp(date), ignored]) ?? 0
        }
    }

    static func syncRun(_ row: SQLRow) -> SyncRun {
        var run = SyncRun(id: row["id"], kind: SyncRun.Kind(rawValue: row["kind"]) ?? .pull, status: SyncRun.Status(rawValue: row["status"]) ?? .failed,
                receivedAt: date(row["received_at"]) ?? Date(timeIntervalSince1970: 0), startedAt: date(row["started_at"]),
                finishedAt: date(row["finished_at"]), projectID: row["project_id"], fullReplacement: row["full_replacement"],
                oneOff: row["one_off"], exportURL: row["export_url"], confirmationURL: row["confirmation_url"],
                confirmedAt: date(row["confirmed_at"]),
                report: SyncReport(added: row["added"], updated: row["updated"], deleted: row["deleted"], rejected: row["rejected"],
                                   photos: row["photos"], contacts: row["contacts"]),
                attempts: row["attempts"], message: row["message"])
        if let started = run.startedAt, let finished = run.finishedAt { run.report.seconds = finished.timeIntervalSince(started) }
        return run
    }

    static func stamp(_ date: Date) -> String { date.formatted(.iso8601) }
    static func date(_ text: String?) -> Date? { text.flatMap { try? Date($0, strategy: .iso8601) } }
}
