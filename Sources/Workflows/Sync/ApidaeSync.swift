import Brochure
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
    /// Where pages and zips are staged.
    public let staging: URL
    public let clock: @Sendable () -> Date
    /// A pull that would delete more than this share of the project's records (and more than
    /// `massDeletionFloor`) stops unless allowed: a wrong selection id must not empty the counter.
    public static let massDeletionShare = 0.5
    public static let massDeletionFloor = 20
    public static let maxNotificationsPerHour = 200
    /// A run marked running for longer than this is a stopped process's, not one under way.
    public static let longestRun: TimeInterval = 6 * 3600

    public init(records: RecordStore, configuration: ApidaeConfiguration, client: ApidaeClient? = nil, photos: PhotoCache?,
                contacts: ProfessionalContactSync? = nil, staging: URL = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-sync"),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.records = records
        self.configuration = configuration
        self.client = client ?? ApidaeClient(configuration: configuration)
        self.photos = photos
        self.contacts = contacts
        self.staging = staging
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
    public func queuePull() throws(RecordsError) -> SyncRun {
        if let waiting = try records.recent(limit: 20).first(where: { $0.kind == .pull && $0.status == .queued }) { return waiting }
        return try records.add(SyncRun(kind: .pull, receivedAt: clock(), projectID: configuration.projectID))
    }

    /// Records an export notification: queued when it is for this project, succeeded, from the
    /// export host and not seen before; recorded as ignored (with the reason) otherwise.
    public func receive(_ notification: ExportNotification) throws(RecordsError) -> SyncRun {
        // Apidae notifies a few times a day: a flood is not Apidae, and is not recorded.
        guard try records.received(since: clock().addingTimeInterval(-3600)) < Self.maxNotificationsPerHour else {
            throw .sync("more than \(Self.maxNotificationsPerHour) export notifications in the last hour: refused")
        }
        var run = SyncRun(notification: notification, status: .queued, message: nil)
        run.receivedAt = clock()
        if let refusal = notification.refusal(for: configuration) {
            run.status = .ignored
            run.message = refusal
        } else if let earlier = try records.earlierRun(exportURL: notification.exportURL) {
            run.status = .ignored
            run.message = "the same export as run #\(earlier.id) (a replayed notification)"
        }
        return try records.add(run)
    }

    /// Runs the oldest queued sync; nil when none waits.
    public func runNext(allowMassDeletion: Bool = false, progress: (@Sendable (Progress) -> Void)? = nil) -> SyncRun? {
        // One sync at a time (a `guichet sync` may be under way).
        guard (try? records.running(startedAfter: clock().addingTimeInterval(-Self.longestRun))) == nil else { return nil }
        guard let run = try? records.takeNextQueued(at: clock()) else { return nil }
        return perform(run, allowMassDeletion: allowMassDeletion, progress: progress)
    }

    /// `guichet sync`: one pull now, journaled like the others.
    public func pullNow(allowMassDeletion: Bool = false, progress: (@Sendable (Progress) -> Void)? = nil) throws(RecordsError) -> SyncRun {
        if let other = try records.running(startedAfter: clock().addingTimeInterval(-Self.longestRun)) {
            throw .sync("sync #\(other.id) is under way (started \(other.startedAt.map { $0.formatted(.iso8601) } ?? "")); try again when it ends")
        }
        var run = try records.add(SyncRun(kind: .pull, status: .running, receivedAt: clock(), startedAt: clock(), projectID: configuration.projectID,
                                          attempts: 1))
        run = perform(run, allowMassDeletion: allowMassDeletion, progress: progress)
        return run
    }

    func perform(_ run: SyncRun, allowMassDeletion: Bool, progress: (@Sendable (Progress) -> Void)?) -> SyncRun {
        let started = clock()
        let folder = staging.appendingPathComponent("run-\(run.id)")
        var report = SyncReport()
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
        } catch {
            failure = "\(error)"
        }
        // Gone once the run ends; a run the server's stop interrupted keeps it, and its next try resumes.
        try? FileManager.default.removeItem(at: folder)
        report.seconds = clock().timeIntervalSince(started)
        let message = failure ?? ([report.summary] + notes).joined(separator: "; ")
        try? records.finish(run.id, status: failure == nil ? .succeeded : .failed, report: report, message: message, at: clock())
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
        progress?(.applying)
        // A differential export holds what changed: no reading every cached date first (a full
        // replacement decodes all it holds, as an import does).
        let (imported, removed) = try records.generation { () throws -> (ImportReport, (count: Int, photoURLs: [String])) in
            let imported = try Importer(store: records).importPaths([zip.path])
            let unreadable = imported.problems.filter { if case .unreadableFile = $0 { true } else { false } }
            guard unreadable.isEmpty else {
                throw RecordsError.sync("the export could not be read whole, nothing was imported: \(unreadable.prefix(3).map(\.description).joined(separator: "; "))")
            }
            try records.tag(ids: imported.seen, project: configuration.projectID)
            let removed = run.fullReplacement ? try records.removeProjectRecords(project: configuration.projectID, keeping: Set(imported.seen))
                : (count: 0, photoURLs: [String]())
            return (imported, removed)
        }
        var report = SyncReport(added: imported.inserted, updated: imported.updated, deleted: imported.deleted + removed.count,
                                rejected: imported.rejected)
        report.photos = try refreshPhotos(changed: imported.changed, removed: imported.removedPhotos + removed.photoURLs, progress: progress)
        return report
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
