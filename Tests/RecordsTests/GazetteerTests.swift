import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Gazetteer and commune autocomplete", .enabled(if: TestData.available, "shared test data not found: set GUICHET_TESTDATA or place it at ../shared/data"))
struct GazetteerTests {
    static let directory: CommuneDirectory = {
        CommuneDirectory((try? Commune.laPosteGazetteer(at: TestData.path(TestData.gazetteer))) ?? [])
    }()

    @Test func laPosteBaseLoadsEveryCommuneAndPostalCode() throws {
        let communes = try Commune.laPosteGazetteer(at: TestData.path(TestData.gazetteer))
        #expect(Set(communes.map(\.insee)).count == 35_099)  // PROVENANCE.md: 35,099 INSEE codes
        #expect(Self.directory.count == communes.count)
        #expect(communes.filter { $0.location != nil }.count > 35_000)
    }

    @Test func nameSearchIgnoresAccentsAndAbbreviations() throws {
        let first = try #require(Self.directory.search("st etienne").first)
        #expect(first.insee == "42218")
        #expect(Self.directory.search("Saint-Étienne").first?.insee == "42218")
        #expect(Self.directory.search("évian").contains { $0.insee == "74119" })
    }

    @Test func postalCodeAndInseeSearch() {
        #expect(Self.directory.search("73100").contains { $0.insee == "73008" })
        #expect(Self.directory.search("421").allSatisfy { $0.postalCode.hasPrefix("421") })
        #expect(Self.directory.search("74010").first?.insee == "74010")
    }
}

@Suite("Communes reconciled after import")
struct CommuneReconciliationTests {
    @Test func communesWithoutCoordinatesTakeTheirRecordsCentroid() throws {
        let t = try TemporaryStore()
        _ = try t.importing([try t.file("communes.json", #"[{"id": 77, "code": "99999", "nom": "Bourg-Neuf", "codePostal": "99990"}]"#)])
        _ = try t.importing([try t.file("o.json", "[" + [
            sampleRecord(id: 1, coordinates: (lon: 5.0, lat: 45.0)),
            sampleRecord(id: 2, coordinates: (lon: 5.2, lat: 45.2)),
        ].map { $0.replacingOccurrences(of: #""commune":{"id":14,"code":"74010","nom":"Annecy","codePostal":"74000"}"#, with: #""commune":{"id":77}"#) }
            .joined(separator: ",") + "]")])
        let commune = try #require(try t.store.allCommunes().first { $0.insee == "99999" })
        #expect(abs(commune.latitude! - 45.1) < 1e-9)
        #expect(abs(commune.longitude! - 5.1) < 1e-9)
        #expect(commune.name == "Bourg-Neuf")
    }
}

@Suite("Commune codes")
struct CommuneCodeTests {
    static let directory = CommuneDirectory([
        Commune(insee: "2B033", postalCode: "20200", name: "Bastia", latitude: 42.70, longitude: 9.45),
        Commune(insee: "2A004", postalCode: "20000", name: "Ajaccio", latitude: 41.93, longitude: 8.74),
        Commune(insee: "02408", postalCode: "02000", name: "Laon", latitude: 49.56, longitude: 3.62),
    ])

    @Test func corsicanInseeCodesAndNamesStartingWith2BAreTellApart() {
        #expect(Self.directory.search("2B033").map(\.name) == ["Bastia"])
        #expect(Self.directory.search("2a004").map(\.name) == ["Ajaccio"])
        #expect(Self.directory.search("bast").map(\.name) == ["Bastia"])
        #expect(Self.directory.search("2Bx").isEmpty)  // neither a code nor a name
    }
}
