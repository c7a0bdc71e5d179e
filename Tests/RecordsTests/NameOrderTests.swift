import Foundation
import GRDB
import GuichetTestSupport
import Records
import Synchronization
import Testing

@Suite("A load into an empty cache builds the name order once, at its end")
struct NameOrderTests {
    /// Whether the cache file has its `(name, id)` index, read by a connection of its own.
    static func hasNameOrder(_ path: String) throws -> Bool {
        try DatabaseQueue(path: path).read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'tourist_object_name_order')")!
        }
    }

    @Test func aLoadIntoAnEmptyCacheRunsWithoutTheIndexAndEndsWithIt() throws {
        // setup: an empty cache, an export of 40 records imported in batches of 5
        let t = try TemporaryStore()
        let export = try t.demoExport(records: 40)
        let seen = Mutex<[Bool]>([])
        let changesSeen = Mutex<[Bool]>([])
        let importer = Importer(store: t.store, batchSize: 5)
        importer.progress = { [path = t.store.path, store = t.store] _ in
            seen.withLock { $0.append((try? Self.hasNameOrder(path)) ?? true) }
            changesSeen.withLock { $0.append((try? store.changes(since: 0)) != nil) }
        }
        // MUT
        let report = try importer.importPaths([export])
        // validation: no index while the batches were written, so no change log to apply (a server
        // builds its index whole); the index is there after the load, and the log starts from it:
        // an index made before the load is built again whole, the next change is logged.
        #expect(report.inserted == 40)
        #expect(!seen.withLock { $0 }.isEmpty && seen.withLock { $0 }.allSatisfy { !$0 })
        #expect(changesSeen.withLock { $0 }.allSatisfy { !$0 })
        #expect(try Self.hasNameOrder(t.store.path))
        #expect(try t.store.changes(since: 0) == nil)
        let loaded = try t.store.revision()
        #expect(loaded > 0)
        #expect(try t.store.changes(since: loaded)?.ids == [])
        var edited = try t.store.object(id: report.seen[0])
        edited.name = LocalizedText(["fr": "Renommé"])
        edited.modified = Date(timeIntervalSince1970: 2_100_000_000)
        _ = try t.store.upsert([ImportedRecord(object: edited, raw: Data("{}".utf8), source: "edit")])
        #expect(try t.store.changes(since: loaded)?.ids == [edited.id])
    }

    @Test func anImportIntoACacheWithRecordsKeepsTheIndex() throws {
        // setup: a cache holding 10 records
        let t = try TemporaryStore()
        _ = try t.importing([try t.demoExport(records: 10, name: "first")])
        let seen = Mutex<[Bool]>([])
        let importer = Importer(store: t.store, batchSize: 5)
        importer.progress = { [path = t.store.path] _ in seen.withLock { $0.append((try? Self.hasNameOrder(path)) ?? false) } }
        // MUT
        _ = try importer.importPaths([try t.demoExport(records: 30, name: "second")])
        // validation: the index stayed all along.
        #expect(!seen.withLock { $0 }.isEmpty && seen.withLock { $0 }.allSatisfy { $0 })
    }

    @Test func aCacheWhoseLoadStoppedGetsItsIndexBackWhenOpened() throws {
        // setup: a cache left without the index (a load killed before its end)
        let t = try TemporaryStore()
        _ = try t.importing([try t.demoExport(records: 10)])
        try DatabaseQueue(path: t.store.path).write { db in try db.execute(sql: "DROP INDEX tourist_object_name_order") }
        #expect(try t.store.changes(since: 0) == nil)
        // MUT
        let reopened = try RecordStore(path: t.store.path)
        // validation: the log starts again from there (the records the load wrote were not logged)
        #expect(try Self.hasNameOrder(t.store.path))
        #expect(try reopened.changes(since: reopened.revision()) == RecordChanges(revision: reopened.revision(), ids: []))
    }
}
