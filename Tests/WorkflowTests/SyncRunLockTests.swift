import Foundation
import GuichetTestSupport
import Records
import Testing

/// Sync runs found by killing and racing them: `guichet sync` processes on real databases.
@Suite("guichet sync killed and raced: a lock that dies with its process, staging of its own",
       .enabled(if: hasTool("python3") && TestData.guichetExecutable != nil, "python3 and the built guichet are needed"))
struct SyncRunLockTests {
    typealias F = ApidaeSyncFixture

    /// `guichet sync` started in the background; `wait()` returns its status and output.
    final class Running: @unchecked Sendable {
        let process = Process()
        let output = Pipe()
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ arguments: [String], in folder: URL) throws {
            process.executableURL = try #require(TestData.guichetExecutable)
            process.arguments = arguments
            process.currentDirectoryURL = folder
            var environment = ProcessInfo.processInfo.environment
            for name in ["GUICHET_APIDAE_PROJECT", "GUICHET_APIDAE_KEY", "GUICHET_APIDAE_CONFIG"] { environment[name] = nil }
            process.environment = environment
            process.standardOutput = output
            process.standardError = output
            try process.run()
            DispatchQueue.global().async { [self] in
                data = output.fileHandleForReading.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> (status: Int32, output: String) {
            done.wait()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }

    static func config(_ f: F, _ standIn: ApidaeStandIn) throws -> String {
        try f.t.file("apidae-\(standIn.port).env", """
            GUICHET_APIDAE_URL=\(standIn.baseURL)
            GUICHET_APIDAE_PROJECT=\(ApidaeStandIn.projectID)
            GUICHET_APIDAE_KEY=\(ApidaeStandIn.apiKey)
            GUICHET_APIDAE_SELECTIONS=1
            GUICHET_APIDAE_RETRY_PAUSE=0.05
            GUICHET_APIDAE_PARALLEL=1
            """)
    }

    static func sync(_ db: String, _ config: String) -> [String] { ["sync", "--db", db, "--apidae-config", config, "--photo-cache", "none"] }

    /// Reproduced: a sync killed stayed "running" and blocked every later sync for 6 hours, and its
    /// staging folder (492 MB seen) was never removed.
    @Test func aKilledSyncIsFoundDeadByTheNextOneWhichRemovesItsStaging() throws {
        // setup: 600 records; every page after the first answers slowly.
        let f = try F()
        try f.standIn.load(objects: (1...600).map { F.object($0) }, selections: [1: Array(1...600)])
        let config = try Self.config(f, f.standIn)
        let db = f.t.folder.appendingPathComponent("killed.sqlite").path
        try f.standIn.fault(ApidaeClient.searchPath, "slow", times: 3, seconds: 4)
        // MUT: killed (-9) while it waits for its second page, its first page staged.
        let first = try Running(Self.sync(db, config), in: f.t.folder)
        let staging = URL(fileURLWithPath: db + ".sync")
        let deadline = Date().addingTimeInterval(30)
        func stagedPages() -> [String] {
            let runs = (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
            return runs.flatMap { run in ((try? FileManager.default.contentsOfDirectory(atPath: staging.appendingPathComponent(run).path)) ?? []) }
        }
        while stagedPages().isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        try #require(!stagedPages().isEmpty, "the first page was never staged")
        kill(first.process.processIdentifier, SIGKILL)
        _ = first.wait()
        #expect(try RecordStore(path: db).recent(limit: 5).first?.status == .running)
        // MUT: the next sync, at once (the stand-in answers quickly again).
        let next = try runGuichet(Self.sync(db, config), in: f.t.folder)
        // validation: it ran; the dead run is marked interrupted and its staging is gone.
        #expect(next.status == 0 && next.output.contains("added 600"), "\(next.output)")
        let runs = try RecordStore(path: db).recent(limit: 5)
        #expect(runs.map(\.status) == [.succeeded, .interrupted], "\(runs.map(\.status))")
        #expect(runs.last?.message?.contains("interrupted") == true)
        #expect(stagedPages().isEmpty)
    }

    /// Reproduced: two `guichet sync` started together on one database both applied a generation.
    @Test func twoSyncsStartedTogetherOnOneDatabaseApplyOneGeneration() throws {
        // setup: the first page of each run answers after a second, so that the two overlap.
        let f = try F()
        try f.standIn.load(objects: (1...300).map { F.object($0) }, selections: [1: Array(1...300)])
        let config = try Self.config(f, f.standIn)
        let db = f.t.folder.appendingPathComponent("raced.sqlite").path
        _ = try RecordStore(path: db)  // created (and migrated) before the race
        try f.standIn.fault(ApidaeClient.searchPath, "slow", times: 2, seconds: 1.5)
        // MUT
        let a = try Running(Self.sync(db, config), in: f.t.folder), b = try Running(Self.sync(db, config), in: f.t.folder)
        let results = [a.wait(), b.wait()]
        // validation: one applied, the other refused at once saying why; one run in the journal.
        #expect(results.filter { $0.status == 0 }.count == 1, "\(results.map(\.output))")
        #expect(results.contains { $0.status != 0 && $0.output.contains("another sync of this database is under way") }, "\(results.map(\.output))")
        let runs = try RecordStore(path: db).recent(limit: 5)
        #expect(runs.count == 1 && runs[0].status == .succeeded && runs[0].report.added == 300)
    }

    /// Reproduced: two databases synced at once on one host mixed their pages (one cache ended
    /// with the other's 3,000 records, exit 0).
    @Test func twoDatabasesSyncedAtOnceKeepTheirOwnPages() throws {
        // setup: two projects' stand-ins with different records.
        let f = try F()
        let other = try ApidaeStandIn()
        try f.standIn.load(objects: (1...400).map { F.object($0) }, selections: [1: Array(1...400)])
        try other.load(objects: (5001...5400).map { F.object($0) }, selections: [1: Array(5001...5400)])
        let dbA = f.t.folder.appendingPathComponent("a.sqlite").path, dbB = f.t.folder.appendingPathComponent("b.sqlite").path
        // MUT: both at once, from the same folder.
        let a = try Running(Self.sync(dbA, try Self.config(f, f.standIn)), in: f.t.folder)
        let b = try Running(Self.sync(dbB, try Self.config(f, other)), in: f.t.folder)
        let (ra, rb) = (a.wait(), b.wait())
        // validation: each cache holds its own project's records only.
        #expect(ra.status == 0 && rb.status == 0, "\(ra.output) \(rb.output)")
        var idsA: Set<Int> = [], idsB: Set<Int> = []
        try RecordStore(path: dbA).forEachIndexRow { idsA.insert($0.id) }
        try RecordStore(path: dbB).forEachIndexRow { idsB.insert($0.id) }
        #expect(idsA == Set(1...400) && idsB == Set(5001...5400))
    }
}
