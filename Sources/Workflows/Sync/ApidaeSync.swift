import Brochure
import Crypto
import Foundation
import Records

/// The records following Apidae: an API pull (`guichet sync`, the nightly run, the admin's
/// button) or an export Apidae notified. Either is fetched first (staged on disk, nothing touched),
/// then applied as one generation of the cache — searches keep the previous cache until the new one
/// is whole — then the photos of new and changed records are fetched ahead of time and those of
/// deleted records removed, and the professional contacts follow. Every run is in the journal.
public struct ApidaeSync: Sendable {
    public let records: RecordStore
    public let configuration: ApidaeConfiguration
    public let client: ApidaeClient
    /// nil: photos are not fetched ahead of time (no photo cache configured).
    public let photos: PhotoCache?
    /// nil: no professional contacts are synced.
    public let contacts: ProfessionalContactSync?
    /// Where pages and zips are staged: beside the database (`<db>.sync/`), one folder per run.
    public let staging: URL
    public let clock: @Sendable () -> Date
    /// A pull that would delete more than this share of the project's records (and more than
    /// `massDeletionFloor`) stops unless allowed: a wrong selection id must not empty the counter.
    public static let massDeletionShare = 0.5
    public static let massDeletionFloor = 20
    /// Export notifications recorded per hour: the genuine ones (this project's, succeeded, from an
    /// export host, not seen before) and the others, counted apart, so junk never crowds out Apidae.
    public static let maxNotificationsPerHour = 200
    /// Tries of an export whose process died under it (its download resumes) before it fails.
    public static let maxExportAttempts = 3

    public init(records: RecordStore, configuration: ApidaeConfiguration, client: ApidaeClient? = nil, photos: PhotoCache?,
                contacts: ProfessionalContactSync? = nil, staging: URL? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.records = records
        self.configuration = configuration
        self.client = client ?? ApidaeClient(configuration: configuration)
        self.photos = photos
        self.contacts = contacts
        self.staging = staging ?? URL(fileURLWithPath: records.path + ".sync")
        self.clock = clock
    }

    /// The sync as configured: its professional contacts when the configuration names a mapping
    /// file (and a consent desk is given to ask them).
    public init(records: RecordStore, configuration: ApidaeConfiguration, photos: PhotoCache?, desk: ConsentDesk?) throws(RecordsError) {
        var contacts: ProfessionalContactSync?
        if let file = configuration.professionalContacts, let desk {
            contacts = ProfessionalContactSync(desk: desk, map: try ProfessionalContactMap.load(file))
        }
        self.init(records: records, configuration: configuration, photos: photos, contacts: contacts)
    }

    /// Where a sync stands, for the terminal.
    public enum Progress: Sendable {
        case pages(ApidaePull.Progress)
        case downloaded(bytes: Int)
        case applying
        case photos(done: Int, total: Int)
        case contacts
    }

    // MARK: The journal's queue

    /// Queues a pull (the nightly run, the admin's button); a pull already queued is not doubled.
    /// The journal's latest runs, newest first (the Apidae page).
    public func recentRuns(limit: Int) throws(RecordsError) -> [SyncRun] { try records.recent(limit: limit) }

    /// `scheduledAt`: the nightly pull's planned instant, which every node plans; the first node
    /// there queues it, the others find it (any pull received since then) and add nothing.
    public func queuePull(scheduledAt: Date? = nil) throws(RecordsError) -> SyncRun {
        let now = clock()
        return try records.add(SyncRun(kind: .pull, receivedAt: now, projectID: configuration.projectID),
                               unlessSameKindQueuedOrReceivedSince: scheduledAt ?? now.addingTimeInterval(1))
    }

    /// Records an export notification: queued when it is for this project, succeeded, from the
    /// export host and not seen before (its address without query or fragment); recorded as
    /// ignored (with the reason) otherwise. Each kind has its own hourly quota: a flood of junk is
    /// not recorded past its own, and never stops a genuine notification.
    public func receive(_ notification: ExportNotification) throws(RecordsError) -> SyncRun {
        var run = SyncRun(notification: notification, status: .queued, message: nil)
        run.receivedAt = clock()
        if let refusal = notification.refusal(for: configuration) {
            run.status = .ignored
            run.message = refusal
        } else if let key = notification.exportKey, let earlier = try records.earlierRun(exportKey: key) {
            run.status = .ignored
            run.message = "the same export as run #\(earlier.id) (a replayed notification)"
        }
        let junk = run.status == .ignored
        guard try records.received(since: clock().addingTimeInterval(-3600), ignored: junk) < Self.maxNotificationsPerHour else {
            throw .sync(junk ? "more than \(Self.maxNotificationsPerHour) notifications that are not this project's exports in the last hour: not recorded"
                             : "more than \(Self.maxNotificationsPerHour) export notifications in the last hour: refused")
        }
        return try records.add(run)
    }

    /// Runs the oldest queued sync; nil when none waits, or when another process of this machine
    /// is syncing this database (it holds the lock).
    public func runNext(allowMassDeletion: Bool = false, progress: (@Sendable (Progress) -> Void)? = nil) -> SyncRun? {
        guard let lock = try? SyncLock.take(records) else { return nil }
        return withExtendedLifetime(lock) {
            recoverDeadRuns()
            guard let run = try? records.takeNextQueued(at: clock()) else { return nil }
            return perform(run, allowMassDeletion: allowMassDeletion, progress: progress)
        }
    }

    /// `guichet sync`: one pull now, journaled like the others; refused while another process syncs
    /// this database.
    public func pullNow(allowMassDeletion: Bool = false, progress: (@Sendable (Progress) -> Void)? = nil) throws(RecordsError) -> SyncRun {
        guard let lock = try SyncLock.take(records) else {
            throw .sync("another sync of this database is under way (another process or node holds its sync lock); try again when it ends")
        }
        return try withExtendedLifetime(lock) { () throws(RecordsError) -> SyncRun in
            recoverDeadRuns()
            let run = try records.add(SyncRun(kind: .pull, status: .running, receivedAt: clock(), startedAt: clock(),
                                              projectID: configuration.projectID, attempts: 1))
            return perform(run, allowMassDeletion: allowMassDeletion, progress: progress)
        }
    }

    /// With the lock held, no sync of this database is really under way: runs still marked running
    /// are a dead process's. Its pulls become `interrupted` and every pull's staging goes (492 MB was
    /// seen left behind); its exports go back to the queue (the download resumes) and the staging of
    /// exports no longer queued goes.
    func recoverDeadRuns() {
        _ = try? records.recoverDeadRuns(maxAttempts: Self.maxExportAttempts, at: clock())
        let fm = FileManager.default
        guard let folders = try? fm.contentsOfDirectory(atPath: staging.path) else { return }
        let queued = Set(((try? records.recent(limit: 200)) ?? []).filter { $0.status == .queued }.map { "export-\($0.id)" })
        for name in folders where !queued.contains(name) {
            try? fm.removeItem(at: staging.appendingPathComponent(name))
        }
    }

    /// A run's own folder: a pull's is new and named once (pages of another run are never read);
    /// an export's is kept by its id, so that its download resumes after a restart.
    func folder(for run: SyncRun) -> URL {
        switch run.kind {
        case .pull: staging.appendingPathComponent("pull-\(run.id)-\(UUID().uuidString.prefix(8).lowercased())")
        case .export: staging.appendingPathComponent("export-\(run.id)")
        }
    }

    func perform(_ run: SyncRun, allowMassDeletion: Bool, progress: (@Sendable (Progress) -> Void)?) -> SyncRun {
        let started = clock()
        let folder = folder(for: run)
        var report = SyncReport()
        var status = SyncRun.Status.succeeded
        /// What went wrong after the records were applied (they stay applied).
        var notes: [String] = []
        var failure: String?
        do {
            switch run.kind {
            case .pull:
                report = try pull(into: folder, allowMassDeletion: allowMassDeletion, notes: &notes, progress: progress)
            case .export:
                report = try importExport(run, into: folder, progress: progress)
                if let confirmation = run.confirmationURL {
                    do {
                        try client.confirm(confirmation)
                        try records.markConfirmed(run.id, at: clock())
                    } catch {
                        notes.append("Apidae was not told (the confirmation failed: \(error))")
                    }
                }
            }
        } catch let replay as Replayed {
            status = .ignored
            failure = "the same export file as run #\(replay.earlier) (a replayed notification under another address): not imported, not confirmed"
        } catch {
            status = .failed
            failure = "\(error)"
        }
        // Gone once the run ends; a run the server's stop interrupted keeps it, and its next try resumes.
        try? FileManager.default.removeItem(at: folder)
        report.seconds = clock().timeIntervalSince(started)
        let message = failure ?? ([report.summary] + notes).joined(separator: "; ")
        try? records.finish(run.id, status: status, report: report, message: message, at: clock())
        return (try? records.run(id: run.id)) ?? run
    }

    // MARK: The two ways in

    func pull(into folder: URL, allowMassDeletion: Bool, notes: inout [String], progress: (@Sendable (Progress) -> Void)?) throws -> SyncReport {
        let staged = try ApidaePull(client: client).stage(into: folder) { progress?(.pages($0)) }
        let keep = staged.selectionIDs.union(staged.pageIDs)
        progress?(.applying)
        let before = try records.recordCount(project: configuration.projectID)
        let dates = try records.modificationDates()  // read before the transaction: unchanged records are not decoded in it
        let (imported, removed) = try records.generation { () throws -> (ImportReport, (count: Int, photoURLs: [String])) in
            let importer = Importer(store: records)
            importer.cachedDates = dates
            let imported = try importer.importPaths(staged.pages.map(\.path))
            try records.tag(ids: imported.seen, project: configuration.projectID)
            let removed = try records.removeProjectRecords(project: configuration.projectID, keeping: keep)
            if !allowMassDeletion, removed.count > Self.massDeletionFloor, Double(removed.count) > Double(before) * Self.massDeletionShare {
                throw RecordsError.sync("""
                    this pull would delete \(removed.count) of the project's \(before) records (are the selections right? \
                    GUICHET_APIDAE_SELECTIONS); nothing was changed. Run `guichet sync --allow-mass-deletion` if it is intended
                    """)
            }
            return (imported, removed)
        }
        var report = SyncReport(added: imported.inserted, updated: imported.updated, deleted: imported.deleted + removed.count,
                                rejected: imported.rejected)
        report.photos = try refreshPhotos(changed: imported.changed, removed: imported.removedPhotos + removed.photoURLs, progress: progress)
        if let contacts {
            progress?(.contacts)
            do { report.contacts = try contacts.run(client: client) } catch {
                notes.append("professional contacts not synced: \(error)")
            }
        }
        return report
    }

    func importExport(_ run: SyncRun, into folder: URL, progress: (@Sendable (Progress) -> Void)?) throws -> SyncReport {
        guard let url = run.exportURL else { throw RecordsError.sync("the run has no export address") }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let zip = folder.appendingPathComponent("export.zip")
        let bytes = try client.downloadExport(url, to: zip)
        progress?(.downloaded(bytes: bytes))
        // The same file as an export already applied, whatever its address: a replay.
        let sha256 = try Self.sha256(of: zip)
        if let earlier = try records.earlierRun(exportSHA256: sha256, other: run.id) { throw Replayed(earlier: earlier.id) }
        try records.setExportSHA256(sha256, run: run.id)
        progress?(.applying)
        let before = try records.recordCount(project: configuration.projectID)
        // A differential export holds what changed: no reading every cached date first (a full
        // replacement decodes all it holds, as an import does).
        let (imported, removed) = try records.generation { () throws -> (ImportReport, (count: Int, photoURLs: [String])) in
            let importer = Importer(store: records)
            importer.zipLimits = configuration.zipLimits
            let imported = try importer.importPaths([zip.path])
            let unreadable = imported.problems.filter { if case .unreadableFile = $0 { true } else { false } }
            guard unreadable.isEmpty else {
                throw RecordsError.sync("the export could not be read whole, nothing was imported: \(unreadable.prefix(3).map(\.description).joined(separator: "; "))")
            }
            // An export of another format (XML) or layout: nothing applied, and Apidae not told it was.
            guard imported.filesRead > 0 else {
                let found = imported.skipped.prefix(5).joined(separator: "; ")
                throw RecordsError.sync("the export holds no file Guichet reads (Apidae's JSON export expected)\(found.isEmpty ? "" : ": \(found)"); nothing was imported")
            }
            try records.tag(ids: imported.seen, project: configuration.projectID)
            let removed = run.fullReplacement ? try records.removeProjectRecords(project: configuration.projectID, keeping: Set(imported.seen))
                : (count: 0, photoURLs: [String]())
            // The pull's cap holds for exports too: an old or forged "reinitialisation" must not empty the counter.
            let deletions = imported.deleted + removed.count
            if deletions > Self.massDeletionFloor, Double(deletions) > Double(before) * Self.massDeletionShare {
                throw RecordsError.sync("""
                    this export would delete \(deletions) of the project's \(before) records\(run.fullReplacement ? " (reinitialisation)" : ""); \
                    nothing was changed and Apidae was not told. If it is intended, run `guichet sync --allow-mass-deletion`
                    """)
            }
            return (imported, removed)
        }
        var report = SyncReport(added: imported.inserted, updated: imported.updated, deleted: imported.deleted + removed.count,
                                rejected: imported.rejected)
        report.photos = try refreshPhotos(changed: imported.changed, removed: imported.removedPhotos + removed.photoURLs, progress: progress)
        return report
    }

    /// An export whose zip has the bytes of one already applied.
    struct Replayed: Error { let earlier: Int64 }

    /// The zip's SHA-256, read in chunks (an export may be gigabytes).
    static func sha256(of file: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Fetches the photos of the changed records, removes those no record prints any more.
    func refreshPhotos(changed: [Int], removed: [String], progress: (@Sendable (Progress) -> Void)?) throws(RecordsError) -> Int {
        guard let photos else { return 0 }
        let stillUsed = try records.photoURLsInUse(removed)
        photos.remove(removed.filter { !stillUsed.contains($0) })
        let urls = try records.photoURLs(ids: changed)
        let total = Set(urls).count
        let outcome = photos.prefetch(urls) { done in progress?(.photos(done: done, total: total)) }
        return outcome.fetched
    }
}
