import Foundation
import GuichetTestSupport
import Records
@testable import Search
import Testing

/// The index kept next to the cache: read back whole, or refused — never a wrong index.
@Suite("Search index snapshot")
struct IndexSnapshotTests {
    /// A generated region of 2,000 records and its snapshot's place.
    static func fixture() throws -> (TemporaryStore, URL) {
        let t = try TemporaryStore()
        _ = try Importer(store: t.store).importPaths([try t.demoExport(records: 2000)])
        return (t, SearchEngine.snapshotURL(forDatabase: t.store.path))
    }

    /// Queries of every kind: prefixes of real names, types, a radius, a date window, a member.
    static func queries(_ engine: SearchEngine) throws -> [SearchQuery] {
        var rows: [IndexRow] = []
        try engine.store.forEachIndexRow { rows.append($0) }
        var queries: [SearchQuery] = []
        for (i, row) in rows.enumerated() where i % 97 == 0 {
            let words = TextFolding.tokens(String(row.names.split(separator: "\n")[0]))
            guard let first = words.first else { continue }
            let location = row.location ?? GeoPoint(latitude: 45.9, longitude: 6.1)
            queries.append(SearchQuery(text: String(first.prefix(1 + i % 4))))
            queries.append(SearchQuery(text: words.joined(separator: " ")))
            queries.append(SearchQuery(text: String(first.prefix(2)), types: [ObjectType(apidae: row.type)]))
            queries.append(SearchQuery(text: String(first.prefix(1)), centre: location, radiusKm: Double(5 + i % 30)))
            queries.append(SearchQuery(centre: location, radiusKm: 12, member: row.memberId))
            queries.append(SearchQuery(types: [ObjectType(apidae: row.type)], from: CalendarDay(iso: "2031-07-01"), to: CalendarDay(iso: "2031-07-14")))
        }
        return queries
    }

    @Test func aSnapshotReadBackAnswersEveryQueryAsTheBuiltIndex() throws {
        // setup
        let (t, url) = try Self.fixture()
        let built = try SearchEngine.open(store: t.store, snapshot: url)
        // MUT
        let read = try SearchEngine.open(store: t.store, snapshot: url)
        // validation
        guard case .built(let reason) = built.origin, case .snapshot(false) = read.origin else {
            Issue.record("\(built.origin) then \(read.origin)"); return
        }
        #expect(reason == "no snapshot yet")
        #expect(read.engine.index.count == 2000)
        let queries = try Self.queries(built.engine)
        #expect(queries.count > 100)
        for query in queries {
            #expect(try read.engine.matchingIds(query) == built.engine.matchingIds(query), "\(query)")
            #expect(try read.engine.search(query).facets == built.engine.search(query).facets)
        }
    }

    @Test func aCorruptOrTruncatedSnapshotIsRebuiltAndKeptAgain() throws {
        // setup
        let (t, url) = try Self.fixture()
        let built = try SearchEngine.open(store: t.store, snapshot: url).engine
        let version = try t.store.indexVersion()
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: url)
        // MUT: one flipped bit, then a file cut short, then not an index at all.
        let flipped = SearchIndex.snapshot(at: url, for: version)
        let reopened = try SearchEngine.open(store: t.store, snapshot: url)
        let good = try Data(contentsOf: url)
        try good.prefix(good.count - 100).write(to: url)
        let truncated = SearchIndex.snapshot(at: url, for: version)
        try Data("hello".utf8).write(to: url)
        let other = SearchIndex.snapshot(at: url, for: version)
        // validation: each refused with its reason; the engine opened on a corrupt one was built
        // again, gives the same results, and wrote a good snapshot.
        guard case .corrupt("checksum mismatch") = flipped, case .corrupt("truncated or overlong") = truncated,
              case .corrupt("not a search index file") = other else {
            Issue.record("\(flipped) \(truncated) \(other)"); return
        }
        guard case .rebuilt(let reason) = reopened.origin else { Issue.record("\(reopened.origin)"); return }
        #expect(reason == "checksum mismatch")
        for query in try Self.queries(built).prefix(60) {
            #expect(try reopened.engine.matchingIds(query) == built.matchingIds(query))
        }
        try good.write(to: url)
        guard case .loaded = SearchIndex.snapshot(at: url, for: version) else { Issue.record("the rewritten snapshot does not read"); return }
    }

    @Test func aSnapshotOfAnotherStateOrFileOfTheCacheIsStale() throws {
        // setup
        let (t, url) = try Self.fixture()
        _ = try SearchEngine.open(store: t.store, snapshot: url)
        let before = try t.store.indexVersion()
        // MUT: an import changes the records; another cache file with the same records.
        _ = try t.importing([try t.file("new.json", "[" + sampleRecord(id: 99_000_001, name: "Refuge du Nouveau") + "]")])
        let afterImport = SearchIndex.snapshot(at: url, for: try t.store.indexVersion())
        let (other, _) = try Self.fixture()
        let foreign = SearchIndex.snapshot(at: url, for: try other.store.indexVersion())
        // validation
        guard case .stale(let saved) = afterImport, case .stale = foreign else { Issue.record("\(afterImport) \(foreign)"); return }
        #expect(saved == before)
        #expect(try other.store.indexVersion().cache != before.cache)
        guard case .missing = SearchIndex.snapshot(at: url.appendingPathExtension("none"), for: before) else { Issue.record("missing"); return }
    }

    @Test func popularityChangedSinceTheSnapshotIsSaidSoTheRankingIsRefreshed() throws {
        // setup
        let (t, url) = try Self.fixture()
        let built = try SearchEngine.open(store: t.store, snapshot: url).engine
        let id = built.index.ids[0]
        // MUT
        try t.store.addPopularity(id: id, by: 3)
        let read = try SearchEngine.open(store: t.store, snapshot: url)
        // validation: still read (what matches is the same), with the change noted.
        #expect(read.origin.popularityChanged)
    }
}
