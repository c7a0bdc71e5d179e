import DemoData
import Foundation
import GuichetTestSupport
import Records
@testable import Search
import Testing

/// Records changed after the index was built are applied to it as a generation: the answers are
/// those of an index built again from the cache, for every kind of query and edit.
@Suite("Search index: changes applied as a generation")
struct IncrementalIndexTests {
    /// Edits a record of the cache as an import would: renamed (sometimes to another record's name,
    /// or to a name sharing its first letters), another type, owner, position or none, other
    /// periods; or removed; or a new record added.
    struct Editor {
        let store: RecordStore
        var rng: SplitMix64
        /// The records cached, and those edited here as they are now.
        var ids: [Int]
        var objects: [Int: TouristObject] = [:]
        var step = 0
        var nextId = 9_000_000

        mutating func current(_ id: Int) throws -> TouristObject {
            if let known = objects[id] { return known }
            let object = try store.object(id: id)
            objects[id] = object
            return object
        }

        mutating func edit(_ count: Int) throws {
            var upserts: [Int: TouristObject] = [:]
            var removals: Set<Int> = []
            for _ in 0..<count {
                let id = ids.randomElement(using: &rng)!
                guard !removals.contains(id), upserts[id] == nil else { continue }
                var object = try current(id)
                let other = try current(ids.randomElement(using: &rng)!)
                switch Int.random(in: 0..<9, using: &rng) {
                case 0: object.name = other.name  // the same name as another record: ordered by id
                case 1: object.name = LocalizedText(["fr": "Zé" + (other.name.text("fr") ?? "nom"), "en": "Alpha \(id)"])
                case 2: object.type = other.type
                case 3: object.owner = [Member(id: 1001, name: "OT Annecy"), Member(id: 1002, name: "OT Chambéry"), nil].randomElement(using: &rng)!
                case 4: object.location = Bool.random(using: &rng) ? nil : other.location
                case 5:
                    let start = CalendarDay(iso: "2031-0\(Int.random(in: 5...8, using: &rng))-0\(Int.random(in: 1...9, using: &rng))")!
                    object.openingPeriods = [OpeningPeriod(start: start, end: CalendarDay(iso: "2031-09-30")!, everyYear: Bool.random(using: &rng))]
                case 6:
                    removals.insert(id)
                    continue
                case 7:
                    object = other
                    object.id = nextId
                    nextId += 1
                    object.name = LocalizedText(["fr": (other.name.text("fr") ?? "") + " annexe"])
                default:
                    object.name = LocalizedText(["fr": "Hôtel " + (object.name.text("fr") ?? ""), "de": "Gasthof Bergblick"])
                    object.type = .hotellerie
                }
                step += 1
                object.modified = Date(timeIntervalSince1970: 2_000_000_000 + Double(step))
                upserts[object.id] = object
            }
            _ = try store.upsert(upserts.values.map { ImportedRecord(object: $0, raw: Data("{}".utf8), source: "edit") })
            _ = try store.remove(ids: Array(removals))
            for (id, object) in upserts where objects[id] == nil { ids.append(id); objects[id] = object }
            for (id, object) in upserts { objects[id] = object }
            ids.removeAll { removals.contains($0) }
            for id in removals { objects[id] = nil }
        }
    }

    /// Queries of every kind over the records as they are now, typos included.
    static func queries(_ store: RecordStore, seed: UInt64) throws -> [SearchQuery] {
        var rows: [IndexRow] = []
        try store.forEachIndexRow { rows.append($0) }
        var rng = SplitMix64(seed: seed)
        var queries: [SearchQuery] = []
        for _ in 0..<45 {
            let row = rows.randomElement(using: &rng)!
            let words = TextFolding.tokens(String(row.names.split(separator: "\n")[0]))
            guard let first = words.first else { continue }
            let place = row.location ?? GeoPoint(latitude: 45.9, longitude: 6.1)
            let type = ObjectType(apidae: row.type)
            let offset = Int.random(in: 0...3, using: &rng) * 5
            queries.append(SearchQuery(text: String(first.prefix(Int.random(in: 1...4, using: &rng))), offset: offset, limit: 10))
            queries.append(SearchQuery(text: words.joined(separator: " ")))
            queries.append(SearchQuery(text: String(first.prefix(2)), types: [type], limit: 30))
            queries.append(SearchQuery(text: String(first.prefix(1)), centre: place, radiusKm: Double.random(in: 2...30, using: &rng), offset: offset))
            queries.append(SearchQuery(text: String(first.prefix(2)), member: row.memberId, limit: 8))
            queries.append(SearchQuery(centre: place, radiusKm: 12, member: row.memberId))
            queries.append(SearchQuery(types: [type], from: CalendarDay(iso: "2031-07-01"), to: CalendarDay(iso: "2031-07-14"), limit: 40))
            if first.count >= 6 {
                // A swapped pair of letters: nothing matches as typed, the corrections do.
                var letters = Array(first)
                letters.swapAt(2, 3)
                queries.append(SearchQuery(text: String(letters)))
            }
        }
        return queries + [SearchQuery(text: "ze"), SearchQuery(text: "alpha"), SearchQuery(text: "hotel", limit: 50), SearchQuery(text: "annexe")]
    }

    @Test(arguments: [UInt64(11), 29, 47])
    func answersEqualThoseOfAnIndexBuiltAgain(seed: UInt64) throws {
        // setup: 1,500 generated records, the index built from them.
        let t = try TemporaryStore()
        _ = try Importer(store: t.store).importPaths([try t.demoExport(records: 1500)])
        var engine = try SearchEngine(store: t.store)
        var revision = try t.store.revision()
        var editor = Editor(store: t.store, rng: SplitMix64(seed: seed), ids: try Self.ids(t.store))
        for round in 0..<4 {
            // MUT: edits as one import would make them, applied to the running index.
            try editor.edit([3, 40, 1, 150][round])
            let changes = try #require(try t.store.changes(since: revision))
            engine = try engine.applying(changes.ids)
            revision = changes.revision
            // validation: the same answers as an index built again, query by query.
            let rebuilt = try SearchEngine(store: t.store)
            #expect(engine.recordCount == rebuilt.recordCount)
            var corrected = 0
            for query in try Self.queries(t.store, seed: seed &+ UInt64(round)) {
                let (a, b) = (try engine.search(query), try rebuilt.search(query))
                #expect(a.total == b.total, "seed \(seed) round \(round): \(query)")
                #expect(a.results.map(\.id) == b.results.map(\.id), "seed \(seed) round \(round): \(query)")
                // The names shown are the cache's as it is now (a new engine keeps none of the previous one's).
                #expect(a.results.map(\.name) == b.results.map(\.name), "seed \(seed) round \(round): \(query)")
                #expect(a.results.map(\.distanceKm) == b.results.map(\.distanceKm))
                #expect(a.facets == b.facets, "seed \(seed) round \(round): \(query)")
                #expect(a.corrections == b.corrections, "seed \(seed) round \(round): \(query)")
                #expect(try engine.suggest(query).map(\.id) == rebuilt.suggest(query).map(\.id), "seed \(seed) round \(round): \(query)")
                if !a.corrections.isEmpty { corrected += 1 }
            }
            #expect(try engine.matchingIds(SearchQuery(text: "a")) == rebuilt.matchingIds(SearchQuery(text: "a")))
            #expect(corrected > 0, "no query was corrected: the typo path went untested")
        }
        #expect(engine.generation.changedSinceBuilt > 150)
    }

    @Test(arguments: Engine.available) func theCacheLogsWhichRecordsEachChangeTouched(engine: Engine) throws {
        // setup
        let t = try TemporaryStore(engine)
        _ = try Importer(store: t.store).importPaths([try t.demoExport(records: 200)])
        let start = try t.store.revision()
        let ids = try Self.ids(t.store)
        // MUT: an update, a removal, then the gazetteer.
        var renamed = try t.store.object(id: ids[3])
        renamed.name = LocalizedText(["fr": "Refuge du Col"])
        renamed.modified = Date(timeIntervalSince1970: 2_100_000_000)
        _ = try t.store.upsert([ImportedRecord(object: renamed, raw: Data("{}".utf8), source: "edit")])
        _ = try t.store.remove(ids: [ids[7], 123_456_789])
        let logged = try t.store.changes(since: start)
        try t.store.upsert(communes: [Commune(insee: "74010", postalCode: "74000", name: "Annecy", latitude: 45.9, longitude: 6.12)], source: "test")
        // validation: the two records (not the id that was never cached); after the gazetteer
        // change the log no longer reaches back (every record may have moved).
        #expect(logged == RecordChanges(revision: start + 2, ids: [ids[3], ids[7]].sorted()))
        #expect(try t.store.changes(since: start) == nil)
        #expect(try t.store.changes(since: start + 3) == RecordChanges(revision: start + 3, ids: []))
    }

    @Test(arguments: Engine.available) func aCommuneGivenItsPositionLogsTheRecordsPlacedThere(engine: Engine) throws {
        // setup: a commune the gazetteer does not place, a record with coordinates in it and one
        // without (placed at its commune's position once the commune has one).
        let t = try TemporaryStore(engine)
        let commune = CommuneReference(insee: "99001", name: "Valnouvelle", postalCode: "99100")
        let placedOne = TouristObject(id: 8_000_001, type: .hotellerie, name: LocalizedText(["fr": "Hôtel du Val"]),
                                      address: Address(postalCode: "99100", commune: commune), location: GeoPoint(latitude: 45.5, longitude: 6.5))
        let unplaced = TouristObject(id: 8_000_002, type: .restauration, name: LocalizedText(["fr": "Auberge du Val"]),
                                     address: Address(postalCode: "99100", commune: commune))
        _ = try t.store.upsert([placedOne, unplaced].map { ImportedRecord(object: $0, raw: Data("{}".utf8), source: "test") })
        let before = try t.store.revision()
        // MUT: the commune takes the centroid of its records.
        try t.store.reconcileCommunes()
        // validation: the record without coordinates moved, and the log says so.
        #expect(try t.store.changes(since: before)?.ids == [8_000_002])
        var row: IndexRow?
        try t.store.forEachIndexRow { if $0.id == 8_000_002 { row = $0 } }
        #expect(row?.location == GeoPoint(latitude: 45.5, longitude: 6.5) && row?.locationIsApproximate == true)
    }

    static func ids(_ store: RecordStore) throws -> [Int] {
        var ids: [Int] = []
        try store.forEachIndexRow { ids.append($0.id) }
        return ids.sorted()
    }
}
