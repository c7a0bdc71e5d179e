import Foundation

/// One sync with Apidae as the journal keeps it: an API pull, or an export notification (even one
/// refused or replayed), what it did, or why it did not.
public struct SyncRun: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Hashable { case pull = "api", export }
    public enum Status: String, Sendable, Hashable {
        case queued, running, succeeded, failed
        /// Recorded and not imported: another project, a failed export, a replay, an address refused.
        case ignored
        /// Its process died under it (killed, power lost): found by the next sync, its staging removed.
        case interrupted
    }

    public var id: Int64
    public var kind: Kind
    public var status: Status
    public var receivedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var projectID: Int?
    public var fullReplacement: Bool
    public var oneOff: Bool
    public var exportURL: String?
    public var confirmationURL: String?
    public var confirmedAt: Date?
    public var report: SyncReport
    public var attempts: Int
    /// Why it failed or was ignored; a summary when it succeeded.
    public var message: String?

    public init(id: Int64 = 0, kind: Kind, status: Status = .queued, receivedAt: Date = Date(), startedAt: Date? = nil, finishedAt: Date? = nil,
                projectID: Int? = nil, fullReplacement: Bool = false, oneOff: Bool = false, exportURL: String? = nil, confirmationURL: String? = nil,
                confirmedAt: Date? = nil, report: SyncReport = SyncReport(), attempts: Int = 0, message: String? = nil) {
        self.id = id; self.kind = kind; self.status = status; self.receivedAt = receivedAt; self.startedAt = startedAt
        self.finishedAt = finishedAt; self.projectID = projectID; self.fullReplacement = fullReplacement; self.oneOff = oneOff
        self.exportURL = exportURL; self.confirmationURL = confirmationURL; self.confirmedAt = confirmedAt; self.report = report
        self.attempts = attempts; self.message = message
    }

    /// A notification as the journal records it on arrival.
    public init(notification: ExportNotification, status: Status, message: String?) {
        self.init(kind: .export, status: status, projectID: notification.projectID, fullReplacement: notification.fullReplacement,
                  oneOff: notification.oneOff, exportURL: notification.exportURL, confirmationURL: notification.confirmationURL, message: message)
    }
}

/// What a sync did, in the words `guichet sync` prints.
public struct SyncReport: Sendable, Hashable {
    public var added = 0
    public var updated = 0
    public var deleted = 0
    public var rejected = 0
    public var photos = 0
    /// Professional contacts added or updated.
    public var contacts = 0
    public var seconds = 0.0

    public init(added: Int = 0, updated: Int = 0, deleted: Int = 0, rejected: Int = 0, photos: Int = 0, contacts: Int = 0, seconds: Double = 0) {
        self.added = added; self.updated = updated; self.deleted = deleted; self.rejected = rejected; self.photos = photos
        self.contacts = contacts; self.seconds = seconds
    }

    /// `added N, updated U, deleted D, rejected R, photos fetched P in 12.3 s`.
    public var summary: String {
        var line = "added \(added), updated \(updated), deleted \(deleted), rejected \(rejected), photos fetched \(photos)"
        if contacts > 0 { line += ", professional contacts \(contacts)" }
        return line + " in " + String(format: "%.1f s", seconds)
    }
}

/// The journal of syncs, for the regional admin's page and the worker that runs queued ones.
public protocol SyncJournal: Sendable {
    /// Records a run; returns it with its id.
    func add(_ run: SyncRun) throws(RecordsError) -> SyncRun
    /// Adds `run` unless a run of its kind waits already or was received at or after `date`
    /// (returned instead): one transaction, so that nodes queuing the same run add it once.
    func add(_ run: SyncRun, unlessSameKindQueuedOrReceivedSince date: Date) throws(RecordsError) -> SyncRun
    func run(id: Int64) throws(RecordsError) -> SyncRun?
    /// The oldest queued run, marked running (its attempts counted); nil when none waits.
    func takeNextQueued(at date: Date) throws(RecordsError) -> SyncRun?
    func finish(_ id: Int64, status: SyncRun.Status, report: SyncReport, message: String?, at date: Date) throws(RecordsError)
    func markConfirmed(_ id: Int64, at date: Date) throws(RecordsError)
    /// A run of this export (its address without query or fragment) that was queued, is running or
    /// succeeded: a replayed notification.
    func earlierRun(exportKey: String) throws(RecordsError) -> SyncRun?
    /// A run that succeeded with a zip of these bytes (SHA-256): the same export under another address.
    func earlierRun(exportSHA256: String, other id: Int64) throws(RecordsError) -> SyncRun?
    /// Keeps the downloaded zip's SHA-256 with its run.
    func setExportSHA256(_ sha256: String, run id: Int64) throws(RecordsError)
    /// The latest runs, newest first.
    func recent(limit: Int) throws(RecordsError) -> [SyncRun]
    /// Export notifications received since `date`: those queued (genuine), or those recorded and
    /// ignored (another project, a failure, a replay, a foreign host), counted apart.
    func received(since date: Date, ignored: Bool) throws(RecordsError) -> Int
    /// Runs left `running` by a process that died: pulls become `interrupted` (returned, so their
    /// staging is removed); exports go back to the queue to resume their download, or fail after
    /// `maxAttempts`. Only called by the holder of the sync lock: no run is then really under way.
    func recoverDeadRuns(maxAttempts: Int, at date: Date) throws(RecordsError) -> [SyncRun]
}
