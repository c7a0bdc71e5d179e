import Foundation
import GuichetTestSupport
import Logging
import Records
import Search
import Synchronization
import Testing
@testable import WebApp

/// Log lines kept for the test to read.
final class CapturedLog: LogHandler, @unchecked Sendable {
    let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lines.withLock { $0.append("\(level) \(message)") }
    }
}

@Suite("Web app: the search index at start-up, from its snapshot",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct IndexStartupTests {
    @Test func theServerReadsItsSnapshotAndRebuildsACorruptOneWithALogLine() async throws {
        // setup: the desk built its index and kept it; a second start reads it.
        let desk = try await Desk.make()
        let records = desk.services.records
        let url = SearchEngine.snapshotURL(forDatabase: records.path)
        let again = try LiveSearchIndex(records: records, snapshot: url)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 3] ^= 0x01
        try bytes.write(to: url)
        let log = CapturedLog()
        // MUT: a start on the corrupt file.
        let rebuilt = try LiveSearchIndex(records: records, snapshot: url, logger: Logger(label: "test") { _ in log })
        // validation
        guard case .built = desk.services.search.startup, case .snapshot(false) = again.startup, case .rebuilt = rebuilt.startup else {
            Issue.record("\(desk.services.search.startup) / \(again.startup) / \(rebuilt.startup)"); return
        }
        #expect(log.lines.withLock { $0 } == ["warning search index built from the cache (snapshot unreadable: checksum mismatch)"])
        for text in ["a", "ch", "hotel", "gite lac", "mus"] {
            let query = SearchQuery(text: text, limit: 50)
            #expect(try rebuilt.engine.matchingIds(query) == desk.services.engine.matchingIds(query))
            #expect(try again.engine.matchingIds(query) == desk.services.engine.matchingIds(query))
        }
        guard case .snapshot = try LiveSearchIndex(records: records, snapshot: url).startup else { Issue.record("not kept again"); return }
    }

    /// One more record of member 1001 written into the desk's cache by an importer of its own
    /// (as `guichet import` in another process would).
    static func importOne(id: Int, name: String, into desk: Desk) throws {
        let file = try desk.t.file("new-\(id).json", "[" + sampleRecord(id: id, name: name, member: 1001) + "]")
        _ = try Importer(store: RecordStore(path: desk.services.records.path)).importPaths([file])
    }

    @Test func theNextStartReadsTheSnapshotAndAppliesTheRecordsChangedSince() async throws {
        // setup
        let desk = try await Desk.make()
        let records = desk.services.records
        try Self.importOne(id: 999_002, name: "Zéphyr Chalet", into: desk)
        // MUT
        #expect(try desk.services.search.refresh() == .applied(records: 1))
        let next = try LiveSearchIndex(records: records, snapshot: SearchEngine.snapshotURL(forDatabase: records.path))
        // validation: the next start reads the index as built and the record imported since.
        guard case .snapshotAndChanges(1, false) = next.startup else { Issue.record("\(next.startup)"); return }
        #expect(try next.engine.search(SearchQuery(text: "zephyr")).results.map(\.id) == [999_002])
        for text in ["a", "ch", "hotel", "z", "gite lac"] {
            let query = SearchQuery(text: text, limit: 50)
            #expect(try next.engine.matchingIds(query) == desk.services.engine.matchingIds(query))
        }
    }

    @Test func aGazetteerChangeBuildsTheIndexAgainWholeAndKeepsItsSnapshot() async throws {
        // setup: a record imported and applied, then the gazetteer moves communes (any record
        // without coordinates of its own may move).
        let desk = try await Desk.make()
        let records = desk.services.records
        try Self.importOne(id: 999_003, name: "Zinnia Camping", into: desk)
        #expect(try desk.services.search.refresh() == .applied(records: 1))
        try records.upsert(communes: [Commune(insee: "74010", postalCode: "74000", name: "Annecy", latitude: 45.91, longitude: 6.13)], source: "test")
        // MUT
        let refreshed = try desk.services.search.refresh()
        let next = try LiveSearchIndex(records: records, snapshot: SearchEngine.snapshotURL(forDatabase: records.path))
        // validation: built whole (nothing kept apart), and the next start reads that build.
        #expect(refreshed == .rebuilt)
        #expect(desk.services.engine.generation.changedSinceBuilt == 0)
        guard case .snapshot(false) = next.startup else { Issue.record("\(next.startup)"); return }
        #expect(try next.engine.search(SearchQuery(text: "zinnia")).results.map(\.id) == [999_003])
    }
}
