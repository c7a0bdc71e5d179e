import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Import of the shared Apidae files", .enabled(if: TestData.available, "shared test data not found: set GUICHET_TESTDATA or place it at ../shared/data"))
struct SharedDataImportTests {
    /// Records per type in each shared file (PROVENANCE.md's counts).
    static let expected: [String: [String: Int]] = [
        "GeotrekCE-Geotrek-admin__common_apidaeEvent.json": ["FETE_ET_MANIFESTATION": 1],
        "GeotrekCE-Geotrek-admin__sitra-multilang-10.06.14.shared.json": [
            "EQUIPEMENT": 19, "FETE_ET_MANIFESTATION": 12, "HEBERGEMENT_COLLECTIF": 12, "HEBERGEMENT_LOCATIF": 4,
            "PATRIMOINE_CULTUREL": 1, "ACTIVITE": 6, "SEJOUR_PACKAGE": 13, "PATRIMOINE_NATUREL": 1,
        ],
        "GeotrekCE-Geotrek-admin__tourism_apidaeContent.json": ["COMMERCE_ET_SERVICE": 1],
        "GeotrekCE-Geotrek-admin__tourism_apidaeNoEvent.json": [:],
        "Webmaster-OT-Martigues-Interface-Apidae-API-OpenAgenda__nouveau_1.shared.json": ["HOTELLERIE": 9],
        "apidae-tourisme-apidae_jep__test_structures.shared.json": ["STRUCTURE": 3],
        "hotentic-apidae-engine-rails__cos_winter.json": ["COMMERCE_ET_SERVICE": 1],
        "hotentic-apidae-engine-rails__equ_groups.json": ["EQUIPEMENT": 1],
        "hotentic-apidae-engine-rails__hot_fr_en.json": ["HOTELLERIE": 1],
        "hotentic-apidae-engine-rails__structure.json": ["STRUCTURE": 1],
        "hotentic-apidae-engine-rails__json_export.zip": ["FETE_ET_MANIFESTATION": 5],
        "hotentic-apidae-engine-rails__json_export": ["FETE_ET_MANIFESTATION": 5],
        "hotentic-apidae-engine-rails__selections.json": [:],
        "hotentic-apidae-engine-rails__shared_selections.json": [:],
        "hotentic-apidae-engine-rails__update_selections.json": [:],
        "hotentic-apidae-engine-rails__delete_selections.json": [:],
        "hotentic-apidae-engine-rails__deletion.json": [:],
    ]

    @Test func everySharedFileIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: TestData.path(TestData.apidae))
        #expect(Set(names) == Set(Self.expected.keys))
    }

    @Test(arguments: expected.keys.sorted())
    func importsEveryRecordOfFile(_ name: String) throws {
        // setup
        let t = try TemporaryStore()
        // MUT
        let report = try t.importing([TestData.path("\(TestData.apidae)/\(name)")])
        // validation
        #expect(report.rejected == 0, "\(report.problems)")
        #expect(try t.store.countsByType() == Self.expected[name])
        #expect(report.inserted == Self.expected[name]!.values.reduce(0, +))
    }

    @Test(arguments: Engine.available) func wholeFolderImportsAllTypesAndAppliesDeletions(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        let report = try t.importing([TestData.path(TestData.apidae)])
        let counts = try t.store.countsByType()
        #expect(counts == [
            "ACTIVITE": 6, "COMMERCE_ET_SERVICE": 2, "EQUIPEMENT": 20, "FETE_ET_MANIFESTATION": 18,
            "HEBERGEMENT_COLLECTIF": 12, "HEBERGEMENT_LOCATIF": 4, "HOTELLERIE": 10, "PATRIMOINE_CULTUREL": 1,
            "PATRIMOINE_NATUREL": 1, "SEJOUR_PACKAGE": 13, "STRUCTURE": 3,  // structure 504 is in deletion.json
        ])
        #expect(report.deleted == 1)
        #expect(report.rejected == 0)
        #expect(report.selections > 0)
        #expect(report.skipped.allSatisfy { $0.contains("criteres_internes") })
    }

    @Test(arguments: Engine.available) func reimportIsIdempotent(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        let first = try t.importing([TestData.path(TestData.apidae)])
        let second = try t.importing([TestData.path(TestData.apidae)])
        // The folder holds structure 504 and a deletion list naming it: it comes back and goes again.
        #expect(second.inserted == 1)
        #expect(second.deleted == 1)
        #expect(second.updated == 0)
        #expect(second.unchanged == first.inserted + first.unchanged - 1)
        #expect(try t.store.recordCount == 90)
    }

    @Test(arguments: Engine.available) func exportZipAndFolderGiveTheSameRecords(engine: Engine) throws {
        let zip = try TemporaryStore(engine), folder = try TemporaryStore(engine)
        _ = try zip.importing([TestData.path("apidae/hotentic-apidae-engine-rails__json_export.zip")])
        _ = try folder.importing([TestData.path("apidae/hotentic-apidae-engine-rails__json_export")])
        let ids = { (s: RecordStore) in try s.summaries(ids: [4826137, 4826186, 4826282, 4828422, 4833997]).map(\.id) }
        #expect(try ids(zip.store) == ids(folder.store))
        #expect(try ids(zip.store).count == 5)
        #expect(try zip.store.selections().map(\.id) == folder.store.selections().map(\.id))
    }

    @Test(arguments: Engine.available) func v002RecordKeepsLonLatOrderAndLabelsFromIds(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        _ = try t.importing([TestData.path("apidae/hotentic-apidae-engine-rails__hot_fr_en.json")])
        let hotel = try t.store.object(id: 898922)
        #expect(hotel.name.text("fr") == "La Châtelleraie")
        #expect(hotel.location == GeoPoint(latitude: 44.715026, longitude: 2.207737))
        #expect(hotel.first(.phone) == "04 71 49 09 09")
        #expect(hotel.first(.website) == "http://chatelleraie.co.uk/fr/")
        #expect(hotel.communications.first { $0.kind == .email }?.label == "Mél")
        #expect(hotel.openingPeriods.first?.start == CalendarDay(year: 2018, month: 4, day: 1))
        #expect(hotel.pricePeriods.first?.prices.first?.minimum == 55)
        #expect(hotel.illustrations.count >= 2)
        #expect(hotel.owner == Member(id: 1333, name: "Office de Tourisme de la Châtaigneraie Cantalienne"))
        #expect(hotel.modified.map(ApidaeTimestamp.canonical) == "2018-11-06T11:03:21.304Z")
        #expect(try t.store.rawJSON(id: 898922)?.count ?? 0 > 20_000 - 1000)
    }

    @Test(arguments: Engine.available) func v001RecordReadsSitraFields(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        _ = try t.importing([TestData.path("apidae/GeotrekCE-Geotrek-admin__sitra-multilang-10.06.14.shared.json")])
        let refuges = try t.store.object(id: 526457)
        #expect(refuges.formatVersion == "v001")
        #expect(refuges.name.text("es") == "Refugios en Valgaudemar")
        #expect(refuges.name.text("nl") == "Refuges en Valgaudemar")  // no Dutch: French fallback
        #expect(refuges.first(.phone) == "04 92 55 23 21")
        #expect(refuges.illustrations.first?.url.contains("sitra-tourisme.com") == true)
        #expect(refuges.address.commune?.insee == "05182")
    }

    @Test(arguments: Engine.available) func recordsNamingOnlyApidaeCommuneIdsAreResolved(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        _ = try t.importing([TestData.path(TestData.gazetteer), TestData.path("apidae/hotentic-apidae-engine-rails__hot_fr_en.json")])
        // commune {"id": 5430} only; postal code 15600 and the position pick the commune.
        let summary = try #require(try t.store.summaries(ids: [898922]).first)
        #expect(summary.insee == "15184")
        #expect(summary.communeName == "Saint Etienne de Maurs")
    }
}
