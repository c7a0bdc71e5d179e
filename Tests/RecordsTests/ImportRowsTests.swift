import Foundation
import GRDB
import GuichetTestSupport
import Records
import Testing

/// The import builds only the parts of a record its cache columns come from; the rows must be
/// those a whole decoding of the same record writes.
@Suite("Rows an import writes")
struct ImportRowsTests {
    /// Every column of the records' rows and their opening periods, in id order (`source` aside:
    /// it names the file).
    static func rows(_ store: RecordStore) throws -> [String] {
        try DatabaseQueue(path: store.path).read { db in
            let objects = try Row.fetchAll(db, sql: "SELECT * FROM tourist_object ORDER BY id").map { row in
                row.columnNames.filter { $0 != "source" }.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|")
            }
            let periods = try Row.fetchAll(db, sql: "SELECT * FROM opening_period ORDER BY object_id, start_day, end_day").map(\.description)
            return objects + periods
        }
    }

    /// Imports `paths`, then writes each imported record again from a whole decoding of its
    /// cached JSON into a second cache holding the same communes.
    static func expectSameRowsAsWholeDecoding(_ paths: [String], communes: [String] = []) throws {
        let imported = try TemporaryStore(), decoded = try TemporaryStore()
        let report = try Importer(store: imported.store).importPaths(communes + paths)
        #expect(report.inserted > 0)
        if !communes.isEmpty { _ = try Importer(store: decoded.store).importPaths(communes) }
        let ids = try DatabaseQueue(path: imported.store.path).read { try Int.fetchAll($0, sql: "SELECT id FROM tourist_object") }
        var records: [ImportedRecord] = []
        for id in ids {
            let raw = try #require(try imported.store.rawJSON(id: id))
            records.append(ImportedRecord(object: try TouristObject.decode(json: raw), raw: raw, source: "whole"))
        }
        _ = try decoded.store.upsert(records)
        try decoded.store.reconcileCommunes()
        let a = try rows(imported.store), b = try rows(decoded.store)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where x != y { Issue.record("import: \(x)\nwhole: \(y)") }
    }

    @Test func generatedRecordsGetTheRowsOfAWholeDecoding() throws {
        let t = try TemporaryStore()
        let export = try t.demoExport(records: 600, perFile: 250)
        try Self.expectSameRowsAsWholeDecoding([export + "/objets_modifies"], communes: [export + "/communes.json"])
    }

    @Test(.enabled(if: TestData.available, "shared test data not found: set GUICHET_TESTDATA or place it at ../shared/data"))
    func realApidaeFilesGetTheRowsOfAWholeDecoding() throws {
        let folder = TestData.path(TestData.apidae)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            .filter { $0.hasSuffix(".json") && !$0.contains("selections") && !$0.contains("deletion") && !$0.contains("NoEvent") }
        try Self.expectSameRowsAsWholeDecoding(files.map { folder + "/" + $0 })
    }

    /// The writer binds a record's texts and JSON from one packed buffer: an empty text stays an
    /// empty text (not NULL), a missing one NULL, and the JSON is the record's bytes exactly.
    @Test func emptyTextsStayEmptyMissingOnesNullAndTheJSONIsKeptVerbatim() throws {
        let t = try TemporaryStore()
        let records = [
            #"{"id": 1, "type": "RESTAURATION", "nom": {"libelleFr": "Chez Léa"}, "gestion": {"membreProprietaire": {"id": 5, "nom": ""}}, "localisation": {"adresse": {"codePostal": "", "commune": {"id": 14, "code": "74010", "nom": ""}}}}"#,
            #"{"id": 2, "type": "RESTAURATION", "nom": {"libelleFr": "Sans rien"}}"#,
        ]
        let file = t.folder.appendingPathComponent("objets.json")
        try Data(("[" + records.joined(separator: ",\n") + "]").utf8).write(to: file)
        let report = try Importer(store: t.store).importPaths([file.path])
        #expect(report.inserted == 2 && report.rejected == 0)
        for (id, json) in zip([1, 2], records) {
            let object = try t.store.object(id: id)
            let row = try #require(try DatabaseQueue(path: t.store.path).read { db in
                try Row.fetchOne(db, sql: "SELECT member_name, commune_name, postal_code, commune_insee, modified_at FROM tourist_object WHERE id = ?", arguments: [id])
            })
            #expect(row[0] as String? == object.owner?.name)
            #expect(row[1] as String? == object.address.commune?.name)
            #expect(row[2] as String? == object.address.postalCode ?? object.address.commune?.postalCode)
            #expect(row[3] as String? == object.address.commune?.insee)
            #expect(row[4] as String? == nil)
            #expect(try t.store.rawJSON(id: id) == Data(json.utf8))
        }
        #expect(try t.store.object(id: 1).owner?.name == "")
    }

    /// Names ending in backslashes, escaped quotes before the closing quote: the scanner that cuts
    /// a file into records finds each string's end by its quotes and the backslashes before them.
    @Test func stringsEndingInBackslashesEndWhereTheyEnd() throws {
        let t = try TemporaryStore()
        let file = t.folder.appendingPathComponent("objets.json")
        try Data(#"""
            [{"id": 1, "type": "RESTAURATION", "nom": {"libelleFr": "Chez \\"}},
             {"id": 2, "type": "RESTAURATION", "nom": {"libelleFr": "Le \"Quai\""}, "x": "\\\\"},
             {"id": 3, "type": "RESTAURATION", "nom": {"libelleFr": "\\\"\\"}}]
            """#.utf8).write(to: file)
        let report = try Importer(store: t.store).importPaths([file.path])
        #expect(report.inserted == 3 && report.rejected == 0)
        #expect(try t.store.object(id: 1).name.text("fr") == "Chez \\")
        #expect(try t.store.object(id: 2).name.text("fr") == "Le \"Quai\"")
        #expect(try t.store.object(id: 3).name.text("fr") == "\\\"\\")
    }

    /// Batches are written on a thread of their own across files: a deletion list imported after
    /// the records it names comes after their writing.
    @Test func aDeletionListAfterTheRecordsDeletesThem() throws {
        let t = try TemporaryStore()
        let export = try t.demoExport(records: 900, perFile: 300)
        let deletions = t.folder.appendingPathComponent("objets_supprimes.json")
        try Data("[100000, 100450, 100899]".utf8).write(to: deletions)
        let report = try Importer(store: t.store, batchSize: 50).importPaths([export, deletions.path])
        #expect(report.inserted == 900)
        #expect(report.deleted == 3)
        #expect(try t.store.recordCount == 897)
    }

    /// Several batches may be queued for the writer: when one fails, the import stops with its
    /// error, the batches before it stay written and none after it is.
    @Test func aBatchThatCannotBeWrittenStopsTheImportAndNothingAfterIsWritten() throws {
        let t = try TemporaryStore()
        let export = try t.demoExport(records: 900, perFile: 300)
        // The first batch of 50 is slow to write, so the next ones are queued behind it; the
        // second holds record 100070, which the cache refuses (a full disk, say).
        try DatabaseQueue(path: t.store.path).write { db in
            try db.execute(sql: """
                CREATE TRIGGER slow_first BEFORE INSERT ON tourist_object WHEN NEW.id = 100000
                BEGIN SELECT count(*) FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000000) SELECT x FROM n); END;
                CREATE TRIGGER refuse_one BEFORE INSERT ON tourist_object WHEN NEW.id = 100070
                BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
                """)
        }
        #expect(throws: RecordsError.self) { try Importer(store: t.store, batchSize: 50).importPaths([export]) }
        let ids = try DatabaseQueue(path: t.store.path).read { try Int.fetchAll($0, sql: "SELECT id FROM tourist_object ORDER BY id") }
        #expect(ids == Array(100_000..<100_050))
    }
}
