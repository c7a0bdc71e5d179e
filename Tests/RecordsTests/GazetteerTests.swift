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

    @Test(arguments: Engine.available) func theDepartmentOfAnAddressComesFromTheGazetteer(engine: Engine) throws {
        // setup: the real communes at three postal codes; 01200 spans the Ain and Haute-Savoie (Éloise).
        let t = try TemporaryStore(engine)
        let communes = try Commune.laPosteGazetteer(at: TestData.path(TestData.gazetteer)).filter { ["01200", "74000", "20000"].contains($0.postalCode) }
        try t.store.upsert(communes: communes, source: "laposte")
        // validation
        #expect(try t.store.department(postalCode: "74000", commune: nil) == "74")
        #expect(try t.store.department(postalCode: "01200", commune: "Éloise") == "74")
        #expect(try t.store.department(postalCode: "01200", commune: "Valserhône") == "01")
        #expect(try t.store.department(postalCode: "01200", commune: nil) == nil, "two départements and no commune: not guessed")
        #expect(try t.store.department(postalCode: "20000", commune: "Ajaccio") == "2A")
        #expect(try t.store.department(postalCode: "73000", commune: nil) == "73", "unknown to this gazetteer: the postal code's rule")
    }
}

@Suite("The département of a postal code, without a gazetteer")
struct PostalCodeDepartmentTests {
    @Test(arguments: [("74000", "74"), ("20100", "2A"), ("20200", "2B"), ("97400", "974"), ("01200", "01")])
    func thePostalCodesRule(_ code: String, _ department: String) {
        #expect(Commune.department(ofPostalCode: code) == department)
    }

    @Test(arguments: ["7400", "74 000", "ABCDE", "７４０００"])
    func notAFrenchPostalCode(_ code: String) {
        #expect(Commune.department(ofPostalCode: code) == nil)
    }
}

@Suite("Communes reconciled after import")
struct CommuneReconciliationTests {
    @Test(arguments: Engine.available) func communesWithoutCoordinatesTakeTheirRecordsCentroid(engine: Engine) throws {
        let t = try TemporaryStore(engine)
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

    @Test(arguments: Engine.available) func recordsImportedBeforeTheirCommunesFileAreResolvedWhenItComes(engine: Engine) throws {
        // setup: two records naming their commune by Apidae id only, and no communes.json yet
        let t = try TemporaryStore(engine)
        _ = try t.importing([try t.file("o.json", "[" + [
            sampleRecord(id: 1, coordinates: (lon: 5.0, lat: 45.0)),
            sampleRecord(id: 2, coordinates: (lon: 5.4, lat: 45.4)),
        ].map { $0.replacingOccurrences(of: #""commune":{"id":14,"code":"74010","nom":"Annecy","codePostal":"74000"}"#, with: #""commune":{"id":77}"#) }
            .joined(separator: ",") + "]")])
        #expect(try t.store.summaries(ids: [1, 2]).allSatisfy { $0.insee == nil })
        let before = try t.store.revision()
        // MUT: the communes file, in an import of its own
        _ = try t.importing([try t.file("communes.json", #"[{"id": 77, "code": "99999", "nom": "Bourg-Neuf", "codePostal": "99990"}]"#)])
        // validation: both records have their commune, which is placed at their centroid, and the
        // change is logged for the search index.
        let summaries = try t.store.summaries(ids: [1, 2])
        #expect(summaries.map(\.insee) == ["99999", "99999"])
        #expect(summaries.map(\.communeName) == ["Bourg-Neuf", "Bourg-Neuf"])
        let commune = try #require(try t.store.allCommunes().first { $0.insee == "99999" })
        #expect(abs(commune.latitude! - 45.2) < 1e-9 && abs(commune.longitude! - 5.2) < 1e-9)
        #expect(try t.store.changes(since: before)?.ids == [1, 2])
    }

    @Test(arguments: Engine.available) func oneImportResolvesRecordsBeforeAndAfterItsCommunesFile(engine: Engine) throws {
        // setup: records naming their commune by Apidae id only, on both sides of communes.json
        // in one import (the writer remembers the communes it looked up, found or not)
        let t = try TemporaryStore(engine)
        func records(_ ids: [Int]) -> String {
            "[" + ids.map { sampleRecord(id: $0, coordinates: nil) }
                .map { $0.replacingOccurrences(of: #""commune":{"id":14,"code":"74010","nom":"Annecy","codePostal":"74000"}"#, with: #""commune":{"id":77}"#) }
                .joined(separator: ",") + "]"
        }
        let before = try t.file("before.json", records([1, 2]))
        let communes = try t.file("communes.json", #"[{"id": 77, "code": "99999", "nom": "Bourg-Neuf", "codePostal": "99990"}]"#)
        let after = try t.file("after.json", records([3, 4]))
        // MUT
        let report = try Importer(store: t.store, batchSize: 1).importPaths([before, communes, after])
        // validation
        #expect(report.inserted == 4)
        #expect(try t.store.summaries(ids: [1, 2, 3, 4]).map(\.insee) == ["99999", "99999", "99999", "99999"])
        #expect(try t.store.summaries(ids: [1, 2, 3, 4]).map(\.communeName) == ["Bourg-Neuf", "Bourg-Neuf", "Bourg-Neuf", "Bourg-Neuf"])
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
