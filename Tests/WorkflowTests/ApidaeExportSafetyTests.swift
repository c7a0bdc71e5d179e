import Foundation
import GuichetTestSupport
import Records
import Testing
import Workflows
import ZIPFoundation

/// What attacking the export path found: replays by a changed address or the same file, a forged
/// reinitialisation, junk crowding out Apidae, zip bombs, exports Guichet cannot read, linked objects.
@Suite("Apidae exports that can never wipe or swamp the cache", .enabled(if: hasTool("python3"), "python3 runs the Apidae stand-in"))
struct ApidaeExportSafetyTests {
    typealias F = ApidaeSyncFixture

    /// A zip of `entries` (path → bytes), compressed.
    static func zip(_ f: F, _ entries: [(String, Data)]) throws -> Data {
        let file = f.t.folder.appendingPathComponent("zip-\(UUID().uuidString).zip")
        let archive = try Archive(url: file, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                                 provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return try Data(contentsOf: file)
    }

    static func export(_ f: F, modified: [Data], deleted: [Int] = [], extra: [(String, Data)] = []) throws -> Data {
        let objects = Data("[".utf8) + modified.joined(separator: Data(",".utf8)) + Data("]".utf8)
        return try zip(f, [("objets_modifies/objets_modifies-1.json", objects),
                           ("objets_supprimes.json", Data("[\(deleted.map(String.init).joined(separator: ","))]".utf8))] + extra)
    }

    static func notification(_ url: String, confirm: String? = nil, full: Bool = false, project: Int = ApidaeStandIn.projectID,
                             succeeded: Bool = true) -> ExportNotification {
        ExportNotification(projectID: project, succeeded: succeeded, oneOff: false, fullReplacement: full, exportURL: url, confirmationURL: confirm)
    }

    /// Thirty records of the project, synced by a first export.
    static func synced(_ f: F, _ sync: ApidaeSync) throws {
        let url = try f.standIn.export("first.zip", export(f, modified: (1...30).map { F.object($0) }))
        _ = try sync.receive(notification(url, confirm: f.standIn.confirmationURL("first")))
        #expect(sync.runNext()?.status == .succeeded)
    }

    /// Reproduced: an old small export replayed with `reinitialisation=true` and `?x=1` deleted 19 of 20.
    @Test func anOldExportReplayedUnderAChangedAddressOrAnotherNameIsNotApplied() throws {
        // setup
        let f = try F()
        let sync = f.sync()
        let old = try f.standIn.export("old.zip", Self.export(f, modified: [F.object(1)]))
        _ = try sync.receive(Self.notification(old))
        #expect(sync.runNext()?.status == .succeeded)
        let url = try f.standIn.export("first.zip", Self.export(f, modified: (1...20).map { F.object($0) }))
        _ = try sync.receive(Self.notification(url))
        #expect(sync.runNext()?.status == .succeeded)
        // MUT 1: the old address with a query, as a reinitialisation.
        let replayed = try sync.receive(Self.notification(old + "?x=1", confirm: f.standIn.confirmationURL("replay"), full: true))
        // validation 1: recorded as a replay, nothing queued.
        #expect(replayed.status == .ignored && replayed.message?.contains("replayed") == true)
        #expect(sync.runNext() == nil)
        // MUT 2: the same bytes under another name.
        let copy = try f.standIn.export("copy.zip", Data(contentsOf: f.standIn.folder.appendingPathComponent("exports/old.zip")))
        _ = try sync.receive(Self.notification(copy, confirm: f.standIn.confirmationURL("copy"), full: true))
        let run = try #require(sync.runNext())
        // validation 2: downloaded, recognised by its bytes, neither applied nor confirmed.
        #expect(run.status == .ignored && run.message?.contains("same export file") == true, "\(run.message ?? "")")
        #expect(try f.ids().count == 20)
        #expect(try !f.standIn.confirmations().contains("copy") && !f.standIn.confirmations().contains("replay"))
    }

    @Test func aReinitialisationThatWouldEmptyTheProjectStopsAndIsNotConfirmed() throws {
        // setup
        let f = try F()
        let sync = f.sync()
        try Self.synced(f, sync)
        let revision = try f.t.store.revision()
        // MUT: a new export holding one record, as a reinitialisation (29 of 30 would go).
        let url = try f.standIn.export("small.zip", Self.export(f, modified: [F.object(1, day: 5)]))
        _ = try sync.receive(Self.notification(url, confirm: f.standIn.confirmationURL("small"), full: true))
        let run = try #require(sync.runNext())
        // validation
        #expect(run.status == .failed && run.message?.contains("would delete 29 of the project's 30 records") == true, "\(run.message ?? "")")
        #expect(try f.ids().count == 30 && f.t.store.revision() == revision)
        #expect(try !f.standIn.confirmations().contains("small"))
        // A differential export's deletion list is held to the same cap.
        let deletions = try f.standIn.export("deletions.zip", Self.export(f, modified: [], deleted: Array(2...30)))
        _ = try sync.receive(Self.notification(deletions, confirm: f.standIn.confirmationURL("deletions")))
        #expect(sync.runNext()?.status == .failed)
        #expect(try f.ids().count == 30)
    }

    @Test func junkNotificationsNeverUseUpTheQuotaOfGenuineOnes() throws {
        // setup
        let f = try F()
        let sync = f.sync()
        // MUT: a flood of junk (another project, failures, foreign hosts) past the hour's quota.
        for i in 0..<ApidaeSync.maxNotificationsPerHour {
            let junk = [Self.notification("https://export.apidae-tourisme.com/\(i).zip", project: 77),
                        Self.notification("https://evil.example/\(i).zip"), Self.notification("https://x/\(i).zip", succeeded: false)][i % 3]
            #expect(try sync.receive(junk).status == .ignored)
        }
        #expect(throws: RecordsError.self) { _ = try sync.receive(Self.notification("https://evil.example/more.zip")) }
        // validation: Apidae's genuine notification is still queued.
        let url = try f.standIn.export("genuine.zip", Self.export(f, modified: [F.object(1)]))
        #expect(try sync.receive(Self.notification(url)).status == .queued)
    }

    @Test func aFailedExportWithoutItsZipIsJournaledWithApidaesWord() throws {
        let f = try F()
        let sync = f.sync()
        let form = ["projetId": "\(ApidaeStandIn.projectID)", "statut": "ERROR", "ponctuel": "false", "reinitialisation": "false"]
        let run = try sync.receive(try ExportNotification(form: form))
        #expect(run.status == .ignored && run.message?.contains("Apidae reports the export failed") == true)
        #expect(try f.t.store.recent(limit: 5).map(\.id) == [run.id])
    }

    /// Reproduced: a 1 MB zip of one 1 GiB JSON of spaces took the server from 85 MB to 1.1 GB; a
    /// 432 KB zip nested 4,000 deep left 1.25 GB of folders.
    @Test func zipsThatUnpackPastTheirBoundsOrNestTooDeepAreRefusedWhole() throws {
        // setup: bounds small enough for a test (the defaults: 4 GB in all, 512 MB a file, 2 levels).
        let f = try F()
        var configuration = f.standIn.configuration(selections: [1])
        configuration.zipLimits = ZipLimits(totalBytes: 48 << 20, fileBytes: 16 << 20)
        let sync = ApidaeSync(records: f.t.store, configuration: configuration, photos: nil, staging: f.t.folder.appendingPathComponent("staging"))
        try Self.synced(f, sync)
        let spaces = Data("[".utf8) + Data(repeating: 0x20, count: 64 << 20) + Data("]".utf8)
        let bomb = try Self.zip(f, [("objets_modifies/objets_modifies-1.json", spaces)])
        #expect(bomb.count < 1 << 20)
        var nested = try Self.export(f, modified: [F.object(1, day: 7)])
        for level in 0..<5 { nested = try Self.zip(f, [("level-\(level).zip", nested)]) }
        let wide = try Self.zip(f, (1...4).map { ("objets_modifies/objets_modifies-\($0).json", Data("[".utf8) + Data(repeating: 0x20, count: 15 << 20) + Data("]".utf8)) })
        for (name, zip, reason) in [("bomb", bomb, "more than 16 MB"), ("nested", nested, "inside 2 zips"), ("wide", wide, "more than 48 MB in all")] {
            // MUT
            let url = try f.standIn.export("\(name).zip", zip)
            _ = try sync.receive(Self.notification(url, confirm: f.standIn.confirmationURL(name)))
            let run = try #require(sync.runNext())
            // validation: refused with the bound, nothing applied, not confirmed, nothing left unpacked.
            #expect(run.status == .failed && run.message?.contains(reason) == true, "\(name): \(run.message ?? "")")
            #expect(try f.ids().count == 30 && !f.standIn.confirmations().contains(name))
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.hasPrefix("guichet-import-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func anExportWithNothingGuichetReadsFailsAndIsNotConfirmed() throws {
        // setup
        let f = try F()
        let sync = f.sync()
        try Self.synced(f, sync)
        // MUT: an XML export (another format chosen in the project).
        let xml = try Self.zip(f, [("objets_modifies/objets_modifies-1.xml", Data("<objets><objet id=\"1\"/></objets>".utf8))])
        _ = try sync.receive(Self.notification(try f.standIn.export("xml.zip", xml), confirm: f.standIn.confirmationURL("xml"), full: true))
        let run = try #require(sync.runNext())
        // validation
        #expect(run.status == .failed && run.message?.contains("holds no file Guichet reads") == true && run.message?.contains(".xml") == true,
                "\(run.message ?? "")")
        #expect(try f.ids().count == 30 && !f.standIn.confirmations().contains("xml"))
    }

    @Test func linkedObjectsAreNeverTheProjectsRecords() throws {
        // setup: the project's 20 records.
        let f = try F()
        let sync = f.sync()
        try Self.synced(f, sync)
        // MUT: an export carrying linked objects (outside the project's selections).
        let linked = Data("[".utf8) + [F.object(500), F.object(501)].joined(separator: Data(",".utf8)) + Data("]".utf8)
        let url = try f.standIn.export("linked.zip", Self.export(f, modified: [F.object(3, day: 8)],
                                                                  extra: [("objets_lies/objets_lies_modifies-1.json", linked)]))
        _ = try sync.receive(Self.notification(url))
        let run = try #require(sync.runNext())
        // validation: not searchable as the project's own, not counted as its records.
        #expect(run.status == .succeeded, "\(run.message ?? "")")
        #expect(try !f.ids().contains(500) && f.t.store.recordCount(project: ApidaeStandIn.projectID) == 30)
    }
}
