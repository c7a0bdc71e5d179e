@testable import DemoData
import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Demo data generator")
struct DemoDataTests {
    @Test(arguments: Engine.available) func sameSeedWritesTheSameBytes(engine: Engine) throws {
        let a = try TemporaryStore(engine), b = try TemporaryStore(engine)
        try DemoGenerator(records: 300).write(to: a.folder.appendingPathComponent("x"))
        try DemoGenerator(records: 300).write(to: b.folder.appendingPathComponent("x"))
        let file = "x/objets_modifies/objets_modifies-1.json"
        #expect(try Data(contentsOf: a.folder.appendingPathComponent(file)) == Data(contentsOf: b.folder.appendingPathComponent(file)))
    }

    @Test(arguments: Engine.available) func generatedExportImportsWithEveryMainType(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        let folder = try t.demoExport(records: 2500, perFile: 1000)
        let report = try Importer(store: t.store).importPaths([folder])
        #expect(report.inserted == 2500)
        #expect(report.rejected == 0)
        let counts = try t.store.countsByType()
        for type in ["HOTELLERIE", "HEBERGEMENT_LOCATIF", "HOTELLERIE_PLEIN_AIR", "FETE_ET_MANIFESTATION", "RESTAURATION",
                     "PATRIMOINE_CULTUREL", "ACTIVITE"] {
            #expect(counts[type, default: 0] > 0, "\(type)")
        }
        // Communes named by Apidae id only are resolved through communes.json.
        let summaries = try t.store.summaries(ids: Array(100_000..<100_050))
        #expect(summaries.allSatisfy { $0.insee != nil && $0.communeName != nil })
        let object = try t.store.object(id: 100_001)
        #expect(object.name.text("de") != nil)
        #expect(object.first(.phone) != nil)
    }
}

@Suite("Demo names")
struct DemoNameTests {
    @Test(arguments: [("Annecy", "d'Annecy"), ("Le Puy-en-Velay", "du Puy-en-Velay"), ("Les Houches", "des Houches"),
                      ("La Clusaz", "de la Clusaz"), ("Chamonix-Mont-Blanc", "de Chamonix-Mont-Blanc"), ("Évian-les-Bains", "d'Évian-les-Bains")])
    func communeNamesTakeTheRightArticle(_ commune: String, _ expected: String) {
        #expect(DemoVocabulary.of(commune) == expected)
    }
}
