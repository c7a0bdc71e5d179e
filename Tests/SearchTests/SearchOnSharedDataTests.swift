import Foundation
import GuichetTestSupport
import Records
import Search
import Testing

/// One cache of all shared Apidae files and the gazetteer, built once for the suite.
final class SharedFixture: Sendable {
    static let shared: SharedFixture? = try? SharedFixture()
    let temporary: TemporaryStore
    let engine: SearchEngine

    init() throws {
        guard TestData.available else { throw SearchError.storage(TestData.skipReason) }
        temporary = try TemporaryStore()
        _ = try Importer(store: temporary.store).importPaths([TestData.path(TestData.gazetteer), TestData.path(TestData.apidae)])
        engine = try SearchEngine(store: temporary.store)
    }
}

extension TemporaryStore: @unchecked Sendable {}

@Suite("Search on the shared Apidae records", .enabled(if: TestData.available, "shared test data not found: set GUICHET_TESTDATA or place it at ../shared/data"))
struct SearchOnSharedDataTests {
    var engine: SearchEngine { SharedFixture.shared!.engine }

    func ids(_ q: SearchQuery) throws -> [Int] { try engine.matchingIds(q) }

    @Test func accentsAndCaseAreIgnored() throws {
        for text in ["chatelleraie", "CHÂTELLERAIE", "Châtel", "la chatel"] {
            #expect(try ids(SearchQuery(text: text)).contains(898922), "\(text)")
        }
    }

    @Test func prefixOfAnyWordInAnyLanguage() throws {
        #expect(try ids(SearchQuery(text: "refugees")) .contains(526457))  // English name only
        #expect(try ids(SearchQuery(text: "valgau")).contains(526457))     // a word in the middle
    }

    @Test func everyWordMustMatch() throws {
        let both = try ids(SearchQuery(text: "refuges valgaudemar"))
        #expect(both.contains(526457))
        #expect(try ids(SearchQuery(text: "refuges xylophone")).isEmpty)
    }

    @Test func startOfNameRanksBeforeMidName() throws {
        let response = try engine.search(SearchQuery(text: "refuge", limit: 50))
        let names = response.results.map(\.name)
        let firstMid = try #require(names.firstIndex { !TextFolding.fold($0).hasPrefix("refuge") })
        #expect(names[firstMid...].allSatisfy { !TextFolding.fold($0).hasPrefix("refuge") })
        #expect(firstMid > 0)
    }

    @Test func oneTypoIsToleratedOnLongWordsOnly() throws {
        let response = try engine.search(SearchQuery(text: "chatelleraei"))
        #expect(response.results.map(\.id) == [898922])
        #expect(response.corrections.map(\.typed) == ["chatelleraei"])
        #expect(response.corrections.first?.used == ["chatelleraie"])
        #expect(try engine.search(SearchQuery(text: "chtl")).total == 0)  // short words: no typo allowed
    }

    @Test func radiusMatchesBruteForceHaversine() throws {
        var rows: [IndexRow] = []
        try engine.store.forEachIndexRow { rows.append($0) }
        let centres = [GeoPoint(latitude: 44.9, longitude: 6.2), GeoPoint(latitude: 45.69, longitude: 5.91),
                       GeoPoint(latitude: 43.40, longitude: 5.05), GeoPoint(latitude: 44.7, longitude: 2.2)]
        for centre in centres {
            for radius in [1.0, 5, 10, 25, 60, 150] {
                let expected = Set(rows.filter { row in row.location.map { $0.distanceKm(to: centre) <= radius } ?? false }.map(\.id))
                let found = try ids(SearchQuery(centre: centre, radiusKm: radius))
                #expect(Set(found) == expected, "\(centre) \(radius) km")
                #expect(found.count == expected.count)
            }
        }
    }

    @Test func resultsCarryTheirDistanceAndNearestComeFirstAtEqualRank() throws {
        let centre = try engine.resolvePlace("Aix-les-Bains")
        let response = try engine.search(SearchQuery(radiusKm: 15), centre: centre)
        #expect(response.total > 0)
        let distances = response.results.compactMap(\.distanceKm)
        #expect(distances.count == response.results.count)
        #expect(distances.allSatisfy { $0 <= 15 })
        #expect(response.centre?.radiusKm == 15)
    }

    @Test func ownerScopeKeepsOnlyTheMembersRecords() throws {
        let all = try engine.search(SearchQuery(limit: 200))
        let byMember = Dictionary(grouping: all.results, by: \.memberId)
        for (member, records) in byMember {
            guard let member else { continue }
            let scoped = try engine.search(SearchQuery(member: member, limit: 200))
            #expect(Set(scoped.results.map(\.id)) == Set(records.map(\.id)))
            #expect(scoped.results.allSatisfy { $0.memberId == member })
        }
        #expect(byMember.count > 3)
    }

    @Test func dateWindowFindsOverlappingEvents() throws {
        func events(_ from: String, _ to: String) throws -> Set<Int> {
            Set(try ids(SearchQuery(types: [.feteEtManifestation], from: CalendarDay(iso: from), to: CalendarDay(iso: to))))
        }
        // Savoie events of November 2017 (one of them, 4833997, recurs every 4 November).
        #expect(try events("2017-11-01", "2017-11-30") == [4833997, 4826137, 4826186, 4826282])
        #expect(try events("2017-11-12", "2017-11-12") == [4826186])  // inside a 3-day event
        #expect(try events("2017-11-08", "2017-11-10").isEmpty)
        #expect(try events("2025-11-01", "2025-11-05") == [4833997])  // every year
        #expect(try events("1990-01-01", "1990-12-31").isEmpty)
    }

    @Test func facetsCountTypesWithoutTheTypeFilter() throws {
        let unfiltered = try engine.search(SearchQuery(text: "re"))
        let filtered = try engine.search(SearchQuery(text: "re", types: [.hebergementCollectif]))
        #expect(filtered.facets == unfiltered.facets)
        #expect(filtered.total == unfiltered.facets.first { $0.type == "HEBERGEMENT_COLLECTIF" }?.count)
        #expect(unfiltered.total == unfiltered.facets.reduce(0) { $0 + $1.count })
    }

    @Test func categoriesMapOntoTypes() throws {
        let hebergements = try #require(Category.named("Hébergements"))
        let response = try engine.search(SearchQuery(categories: [hebergements], limit: 200))
        #expect(response.total == 10 + 12 + 4)
        #expect(response.results.allSatisfy { ["HOTELLERIE", "HEBERGEMENT_COLLECTIF", "HEBERGEMENT_LOCATIF"].contains($0.type) })
    }

    @Test func pagesDoNotOverlapAndCoverAll() throws {
        let all = try ids(SearchQuery())
        var paged: [Int] = []
        for offset in stride(from: 0, to: all.count, by: 7) {
            paged += try engine.search(SearchQuery(offset: offset, limit: 7)).results.map(\.id)
        }
        #expect(paged == all)
    }

    @Test func badRequestsAreRefusedWithTheField() throws {
        #expect(throws: SearchError.radiusWithoutCentre) { try engine.search(SearchQuery(radiusKm: 10)) }
        #expect(throws: SearchError.unknownPlace("Zzzyx")) { try engine.resolvePlace("Zzzyx") }
        #expect(throws: SearchError.self) {
            try engine.search(SearchQuery(from: CalendarDay(iso: "2020-02-01"), to: CalendarDay(iso: "2020-01-01")))
        }
    }
}
