import DemoData
import Foundation
import GuichetTestSupport
import Records
@testable import Search
import Testing

/// Runs without the shared data: a generated region of 3,000 records.
@Suite("Search on generated demo records")
struct SearchOnDemoDataTests {
    static let fixture: (TemporaryStore, SearchEngine)? = {
        guard let t = try? TemporaryStore() else { return nil }
        guard let folder = try? t.demoExport(records: 3000),
              (try? Importer(store: t.store).importPaths([folder])) != nil,
              let engine = try? SearchEngine(store: t.store) else { return nil }
        return (t, engine)
    }()

    var engine: SearchEngine { Self.fixture!.1 }

    @Test func everyQueryWordIsAPrefixOfANameWord() throws {
        let response = try engine.search(SearchQuery(text: "gît alp", limit: 50))
        #expect(response.total > 0)
        for hit in response.results {
            let words = TextFolding.tokens(hit.name)
            #expect(words.contains { $0.hasPrefix("git") } && words.contains { $0.hasPrefix("alp") }, "\(hit.name)")
        }
    }

    @Test func radiusMatchesBruteForceHaversine() throws {
        var rows: [IndexRow] = []
        try engine.store.forEachIndexRow { rows.append($0) }
        let annecy = try engine.resolvePlace("Annecy")
        let centre = GeoPoint(latitude: annecy.latitude, longitude: annecy.longitude)
        for radius in [2.0, 10, 40, 120] {
            let expected = Set(rows.filter { row in row.location.map { $0.distanceKm(to: centre) <= radius } ?? false }.map(\.id))
            #expect(Set(try engine.matchingIds(SearchQuery(centre: centre, radiusKm: radius))) == expected)
        }
    }

    @Test func wordsWithARadiusMatchTheWordsMatchesWithinHaversineDistance() throws {
        // setup: every record's position, and circles of the counter's sizes around three places.
        var positions: [Int: GeoPoint] = [:]
        try engine.store.forEachIndexRow { row in positions[row.id] = row.location }
        let centres = try ["Annecy", "Chambéry", "Lyon"].map { try engine.resolvePlace($0) }.map { GeoPoint(latitude: $0.latitude, longitude: $0.longitude) }
        for centre in centres {
            for radius in [0.5, 3, 15, 28] {
                for text in ["a", "d", "ch", "la", "hot"] {
                    // MUT
                    let found = Set(try engine.matchingIds(SearchQuery(text: text, centre: centre, radiusKm: radius)))
                    // validation: the text's matches whose own or commune position lies within the radius.
                    let expected = Set(try engine.matchingIds(SearchQuery(text: text)).filter { id in
                        positions[id].map { $0.distanceKm(to: centre) <= radius } ?? false
                    })
                    #expect(found == expected, "\(text) within \(radius) km")
                }
            }
        }
    }

    @Test func suggestionsAreTheFirstPageOfTheSearch() throws {
        // setup: short prefixes of real names, with every filter a suggestion may carry.
        var rows: [IndexRow] = []
        try engine.store.forEachIndexRow { rows.append($0) }
        let annecy = try engine.resolvePlace("Annecy")
        let centre = GeoPoint(latitude: annecy.latitude, longitude: annecy.longitude)
        var queries: [SearchQuery] = []
        for (i, row) in rows.enumerated() where i % 41 == 0 {
            guard let word = TextFolding.tokens(String(row.names.split(separator: "\n")[0])).first else { continue }
            let prefix = String(word.prefix(1 + i % 3))
            let type = ObjectType(apidae: row.type)
            queries.append(SearchQuery(text: prefix, limit: 8))
            queries.append(SearchQuery(text: prefix, member: row.memberId, limit: 8))
            queries.append(SearchQuery(text: prefix, types: [type], centre: centre, radiusKm: Double(5 + i % 40), offset: i % 2 * 5))
            queries.append(SearchQuery(text: prefix, centre: row.location ?? centre, limit: 20))
            queries.append(SearchQuery(text: prefix, types: [type], from: CalendarDay(iso: "2031-07-01"), to: CalendarDay(iso: "2031-07-31")))
        }
        #expect(queries.count > 200)
        // Most are answered off the ranked postings (the others by the scan, as the search).
        let offRanked = queries.filter { engine.index.rankedSuggestions($0) != nil }.count
        #expect(offRanked > queries.count / 2, "\(offRanked) of \(queries.count)")
        for query in queries {
            // MUT
            let suggested = try engine.suggest(query)
            // validation: the same records in the same order, the same distances.
            let searched = try engine.search(query).results
            #expect(suggested.map(\.id) == searched.map(\.id), "\(query)")
            #expect(suggested.map(\.distanceKm) == searched.map(\.distanceKm))
        }
    }

    @Test func popularityOrdersEqualMatches() throws {
        let before = try engine.search(SearchQuery(text: "hotel", limit: 5))
        let last = try #require(before.results.last)
        try engine.store.addPopularity(id: last.id, by: 1000)
        let rebuilt = try SearchEngine(store: engine.store)
        let after = try rebuilt.search(SearchQuery(text: "hotel", limit: 5))
        #expect(after.results.first?.id == last.id)
        try engine.store.addPopularity(id: last.id, by: -1000)
    }

    @Test func everyYearPeriodsMatchTheSameSeasonOfAnyYear() throws {
        let summer2031 = SearchQuery(types: [.hotelleriePleinAir], from: CalendarDay(iso: "2031-07-10"), to: CalendarDay(iso: "2031-07-20"))
        let winter2031 = SearchQuery(types: [.hotelleriePleinAir], from: CalendarDay(iso: "2031-12-24"), to: CalendarDay(iso: "2032-01-02"))
        let inSummer = Set(try engine.matchingIds(summer2031))
        let inWinter = Set(try engine.matchingIds(winter2031))
        let all = Set(try engine.matchingIds(SearchQuery(types: [.hotelleriePleinAir])))
        #expect(!inSummer.isEmpty && !inWinter.isEmpty)
        #expect(inSummer != all && inWinter != all)
    }

    @Test func eventsNeedADateInTheWindow() throws {
        let window = SearchQuery(types: [.feteEtManifestation], from: CalendarDay(iso: "2026-07-01"), to: CalendarDay(iso: "2026-07-31"))
        let found = try engine.matchingIds(window)
        #expect(!found.isEmpty)
        for id in found.prefix(30) {
            let periods = try engine.store.object(id: id).openingPeriods
            #expect(periods.contains { $0.start <= CalendarDay(iso: "2026-07-31")! && $0.end >= CalendarDay(iso: "2026-07-01")! })
        }
        #expect(try engine.matchingIds(SearchQuery(types: [.feteEtManifestation], from: CalendarDay(iso: "2040-01-01"), to: CalendarDay(iso: "2040-01-31"))).isEmpty)
    }

    @Test func abbreviationBeingTypedFindsSaint() throws {
        let found = try engine.search(SearchQuery(text: "st", limit: 50))
        #expect(found.results.contains { TextFolding.tokens($0.name).contains("saint") })
    }
}

@Suite("Ranked short-prefix pages")
struct RankedPageTests {
    @Test(arguments: ["c", "ch", "g", "re", "l", "z"])
    func rankedPagesEqualTheFullScan(_ text: String) throws {
        let engine = try #require(SearchOnDemoDataTests.fixture?.1)
        for types: Set<ObjectType> in [[], [.hotellerie], [.feteEtManifestation, .restauration]] {
            for (offset, limit) in [(0, 20), (13, 7), (0, 200)] {
                let q = SearchQuery(text: text, types: types, offset: offset, limit: limit)
                let ranked = engine.index.execute(q)
                let scanned = engine.index.execute(q, allowRanked: false)
                #expect(ranked.total == scanned.total)
                #expect(ranked.page.map(\.ordinal) == scanned.page.map(\.ordinal), "\(text) \(types) \(offset)")
                #expect(ranked.facets.map(\.count) == scanned.facets.map(\.count))
            }
        }
    }
}
