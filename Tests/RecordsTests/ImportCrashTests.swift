import DemoData
import Foundation
import GRDB
import GuichetTestSupport
import Records
import Testing

@Suite("A crash in the middle of an import",
       .enabled(if: TestData.guichetExecutable != nil, "the guichet executable was not built beside the tests"))
struct ImportCrashTests {
    @Test func killedImportLeavesWholeBatchesAndResumes() throws {
        // setup: 30,000 records in one file, imported in batches of 2,000 by a real `guichet import`.
        let t = try TemporaryStore()
        let folder = try t.demoExport(records: 30_000, perFile: 30_000)
        let db = t.folder.appendingPathComponent("crash.sqlite").path
        let process = Process()
        process.executableURL = TestData.guichetExecutable
        process.arguments = ["import", "--db", db, folder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice

        // MUT: kill -9 once at least one batch is committed.
        try process.run()
        let reader = try RecordStore(path: db)
        let deadline = Date().addingTimeInterval(120)
        while (try? reader.recordCount) ?? 0 < 2000, process.isRunning, Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        // validation: only whole batches, each with its periods and raw JSON, and a sound file.
        let store = try RecordStore(path: db)
        let count = try store.recordCount
        #expect(count > 0 && count < 30_000, "the import ended before it could be killed")
        #expect(count % 2000 == 0)
        let queue = try DatabaseQueue(path: db)
        let (integrity, raws, orphanPeriods) = try queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM tourist_object_raw"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM opening_period WHERE object_id NOT IN (SELECT id FROM tourist_object)"))
        }
        #expect(integrity == "ok")
        #expect(raws == count)
        #expect(orphanPeriods == 0)
        let resumed = try Importer(store: store).importPaths([folder])
        #expect(resumed.inserted == 30_000 - count)
        #expect(resumed.unchanged == count)
        #expect(try store.recordCount == 30_000)
    }
}
