import Brochure
import Foundation
import GuichetTestSupport
import Records
import Testing
import Workflows
import ZIPFoundation

@Suite("Apidae export notifications and photos ahead of time", .enabled(if: hasTool("python3"), "python3 runs the Apidae stand-in"))
struct ApidaeExportTests {
    typealias F = ApidaeSyncFixture

    /// A zip laid out like an Apidae export: `objets_modifies/objets_modifies-1.json`, `objets_supprimes.json`.
    func exportZip(_ f: F, modified: [Data], deleted: [Int]) throws -> Data {
        let file = f.t.folder.appendingPathComponent("export-\(UUID().uuidString).zip")
        let archive = try Archive(url: file, accessMode: .create)
        let objects = Data("[".utf8) + modified.joined(separator: Data(",".utf8)) + Data("]".utf8)
        let deletions = Data("[\(deleted.map(String.init).joined(separator: ","))]".utf8)
        for (path, data) in [("objets_modifies/objets_modifies-1.json", objects), ("objets_supprimes.json", deletions)] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), provider: { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            })
        }
        return try Data(contentsOf: file)
    }

    func notification(_ f: F, zip: String, confirm: String?, full: Bool = false, project: Int = ApidaeStandIn.projectID, status: String = "SUCCESS") -> ExportNotification {
        ExportNotification(projectID: project, succeeded: status == "SUCCESS", oneOff: false, fullReplacement: full, exportURL: zip, confirmationURL: confirm)
    }

    @Test func aDifferentialExportIsImportedThenConfirmedAndAReplayIsNot() throws {
        // setup: three records synced from the project.
        let f = try F()
        let sync = f.sync()
        let first = try f.standIn.export("first.zip", exportZip(f, modified: (1...3).map { F.object($0) }, deleted: []))
        _ = try sync.receive(notification(f, zip: first, confirm: f.standIn.confirmationURL("1")))
        #expect(sync.runNext()?.status == .succeeded)
        // MUT: a differential export changes 2 and deletes 3.
        let zip = try f.standIn.export("second.zip", exportZip(f, modified: [F.object(2, day: 9, name: "Nouveau nom")], deleted: [3]))
        let queued = try sync.receive(notification(f, zip: zip, confirm: f.standIn.confirmationURL("2")))
        #expect(queued.status == .queued)
        let run = try #require(sync.runNext())
        // validation: imported, then confirmed.
        #expect(run.status == .succeeded && run.report.updated == 1 && run.report.deleted == 1 && run.confirmedAt != nil, "\(run.message ?? "")")
        #expect(try f.ids() == [1, 2] && f.t.store.object(id: 2).name("fr") == "Nouveau nom")
        #expect(try f.standIn.confirmations() == ["1", "2"])
        // A replay, another project, a failed export, a zip from elsewhere: recorded, not imported.
        let refusals = [
            (notification(f, zip: zip, confirm: nil), "replayed"),
            (notification(f, zip: zip.replacingOccurrences(of: "second", with: "x"), confirm: nil, project: 77), "not this region's project"),
            (notification(f, zip: zip.replacingOccurrences(of: "second", with: "y"), confirm: nil, status: "ERROR"), "export failed"),
            (notification(f, zip: "http://192.168.1.20/exports/z.zip", confirm: nil), "export host"),
        ]
        for (n, reason) in refusals {
            let recorded = try sync.receive(n)
            #expect(recorded.status == .ignored && recorded.message?.contains(reason) == true, "\(recorded.message ?? "")")
        }
        #expect(sync.runNext() == nil)
        #expect(try f.t.store.recent(limit: 10).count == 6)
    }

    @Test func aZipThatDoesNotImportIsNeverConfirmedAndAFullExportReplacesTheProject() throws {
        // setup: a record imported by hand (not the project's) and two from the project.
        let f = try F()
        _ = try f.t.importing([try f.t.file("hand.json", "[" + sampleRecord(id: 900_001) + "]")])
        let sync = f.sync()
        _ = try sync.receive(notification(f, zip: try f.standIn.export("a.zip", exportZip(f, modified: [F.object(1), F.object(2)], deleted: [])), confirm: nil))
        _ = sync.runNext()
        // MUT: the zip URL answers something that is not a zip.
        let broken = try f.standIn.export("broken.zip", Data("<html>maintenance</html>".utf8))
        _ = try sync.receive(notification(f, zip: broken, confirm: f.standIn.confirmationURL("broken")))
        let failed = try #require(sync.runNext())
        // validation
        #expect(failed.status == .failed && failed.confirmedAt == nil, "\(failed.message ?? "")")
        #expect(try !f.standIn.confirmations().contains("broken"))
        // MUT: a full export (reinitialisation) holding only record 2 and a new 5; its download cut once (resumed).
        try f.standIn.fault("/exports/full.zip", "truncate", times: 1)
        let full = try f.standIn.export("full.zip", exportZip(f, modified: [F.object(2), F.object(5)], deleted: []))
        _ = try sync.receive(notification(f, zip: full, confirm: f.standIn.confirmationURL("full"), full: true))
        let replaced = try #require(sync.runNext())
        // validation: the project's record 1 went; the hand-imported one stays; the download resumed with a range.
        #expect(replaced.status == .succeeded && replaced.report.deleted == 1 && replaced.confirmedAt != nil, "\(replaced.message ?? "")")
        #expect(try f.ids() == [2, 5, 900_001])
        #expect(try f.standIn.calls().contains { $0.path == "/exports/full.zip" && $0.range?.hasPrefix("bytes=") == true })
    }

    @Test func theRealExportZipOfTheSharedDataImports() throws {
        try #require(TestData.available, "\(TestData.skipReason)")
        // setup
        let f = try F()
        let sync = f.sync()
        let zip = try f.standIn.export("real.zip", Data(contentsOf: URL(fileURLWithPath: TestData.path("apidae/hotentic-apidae-engine-rails__json_export.zip"))))
        _ = try sync.receive(notification(f, zip: zip, confirm: f.standIn.confirmationURL("real")))
        // MUT
        let run = try #require(sync.runNext())
        // validation
        #expect(run.status == .succeeded && run.report.added > 0 && run.confirmedAt != nil, "\(run.message ?? "")")
        #expect(try f.t.store.recordCount(project: ApidaeStandIn.projectID) == run.report.added)
    }

    @Test func photosAreFetchedAheadOfTimeWithinTheRulesAndGoWithTheirRecords() throws {
        // setup: three records with photos on the stand-in, one pointing elsewhere on this machine, one at a file.
        let f = try F()
        let a = try f.standIn.photo("a.jpg", F.jpeg), b = try f.standIn.photo("b.jpg", F.jpeg)
        let elsewhere = "http://127.0.0.1:\(f.standIn.port == 9 ? 10 : 9)/secret.jpg"
        let objects = [F.object(1, photo: a), F.object(2, photo: b), F.object(3, photo: elsewhere), F.object(4, photo: "file:///etc/passwd"), F.object(5)]
        try f.standIn.load(objects: objects, selections: [1: [1, 2, 3, 4, 5]])
        // MUT
        let run = try f.sync().pullNow()
        // validation: the stand-in's photos are local; the others were never fetched.
        #expect(run.report.photos == 2, "\(run.message ?? "")")
        #expect(f.photos.holds(a) && f.photos.holds(b) && !f.photos.holds(elsewhere))
        #expect(try f.standIn.calls().filter { $0.path.hasPrefix("/photos/") }.count == 2)
        // MUT: record 1 leaves the selection → its photo leaves the cache; an unchanged record's photo is not fetched again.
        try f.standIn.load(objects: objects, selections: [1: [2, 3, 4, 5]])
        let second = try f.sync().pullNow()
        #expect(second.report.deleted == 1 && second.report.photos == 0)
        #expect(!f.photos.holds(a) && f.photos.holds(b))
        #expect(try f.standIn.calls().filter { $0.path.hasPrefix("/photos/") }.count == 2)
    }
}

@Suite("Photo cache bounded by size, least recently used first")
struct PhotoCacheEvictionTests {
    @Test func pastItsBoundTheLeastRecentlyUsedPhotosGo() throws {
        // setup: a cache holding three 1,000-byte photos, bounded at 3,500 bytes.
        let t = try TemporaryStore()
        let folder = t.folder.appendingPathComponent("photos")
        let cache = try PhotoCache(folder: folder.path, maxBytes: 3500)
        let names = ["old", "used", "new", "newest"].map { "http://photos.example/\($0).jpg" }
        for (i, url) in names.prefix(3).enumerated() {
            let file = folder.appendingPathComponent(PhotoCache.fileName(for: url))
            try Data(repeating: UInt8(i), count: 1000).write(to: file)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: Double(-300 + i * 60))], ofItemAtPath: file.path)
        }
        // MUT: "used" is read (moved to the front); a fourth photo arrives, past the bound.
        #expect(cache.photo(for: names[1]) != nil)
        let file = folder.appendingPathComponent(PhotoCache.fileName(for: names[3]))
        try Data(repeating: 9, count: 1000).write(to: file)
        let removed = cache.evict()
        // validation: the least recently used went, down to 90 % of the bound.
        #expect(removed == 1)
        #expect(!cache.holds(names[0]) && cache.holds(names[1]) && cache.holds(names[2]) && cache.holds(names[3]))
        #expect(cache.bytesHeld == 3000)
    }
}
