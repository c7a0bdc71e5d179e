import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("guichet sync", .enabled(if: hasTool("python3") && TestData.guichetExecutable != nil, "python3 and the built guichet are needed"))
struct SyncCommandTests {
    typealias F = ApidaeSyncFixture

    @Test func aPullPrintsItsReportExitsZeroAndNeverShowsTheKey() throws {
        // setup: the stand-in serves 250 records; the key comes from a configuration file.
        let f = try F()
        try f.standIn.load(objects: (1...250).map { F.object($0) }, selections: [1: Array(1...250)])
        let config = try f.t.file("apidae.env", """
            GUICHET_APIDAE_URL=\(f.standIn.baseURL)
            GUICHET_APIDAE_PROJECT=\(ApidaeStandIn.projectID)
            GUICHET_APIDAE_KEY=\(ApidaeStandIn.apiKey)
            GUICHET_APIDAE_SELECTIONS=1
            GUICHET_APIDAE_RETRY_PAUSE=0.05
            """)
        let db = f.t.folder.appendingPathComponent("cli.sqlite").path
        let clean = ["GUICHET_APIDAE_PROJECT", "GUICHET_APIDAE_KEY", "GUICHET_APIDAE_CONFIG"]
        // MUT
        let run = try runGuichet(["sync", "--db", db, "--apidae-config", config, "--photo-cache", "none"], in: f.t.folder, removing: clean)
        // validation
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("pages 2, records") && run.output.contains("added 250, updated 0, deleted 0, rejected 0, photos fetched 0 in "))
        #expect(!run.output.contains(ApidaeStandIn.apiKey))
        #expect(try RecordStore(path: db).recordCount == 250)
        // A lasting fault: exit 1, the reason said, the cache as it was.
        try f.standIn.fault(ApidaeClient.searchPath, "500", times: 4)
        let failed = try runGuichet(["sync", "--db", db, "--apidae-config", config, "--photo-cache", "none"], in: f.t.folder, removing: clean)
        #expect(failed.status == 1 && failed.output.contains("sync failed: ") && failed.output.contains("HTTP status 500"), "\(failed.output)")
        #expect(!failed.output.contains(ApidaeStandIn.apiKey))
        // Not configured: a clear refusal.
        let unconfigured = try runGuichet(["sync", "--db", db], in: f.t.folder, removing: clean)
        #expect(unconfigured.status != 0 && unconfigured.output.contains("Apidae is not configured"))
    }
}
