import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Import of broken input")
struct ImportErrorTests {
    @Test(arguments: Engine.available) func brokenRecordsAreReportedAndTheOthersImported(engine: Engine) throws {
        // setup
        let t = try TemporaryStore(engine)
        let path = try t.file("objets_modifies-1.json", """
            [\(sampleRecord(id: 1)),
             {"type":"HOTELLERIE","nom":{"libelleFr":"Sans identifiant"}},
             {"type":"HOTELLERIE","id":"trois","nom":{"libelleFr":"Identifiant texte"}},
             {"type":"HOTELLERIE","id":4,"nom":42},
             {"type":"HOTELLERIE","id":5},
             42,
             \(sampleRecord(id: 7))]
            """)
        // MUT
        let report = try t.importing([path])
        // validation
        #expect(report.inserted == 2)
        #expect(report.rejected == 5)
        let messages = report.problems.map(\.description)
        #expect(messages[0].contains("objets_modifies-1.json [record 1]") && messages[0].contains("missing id"))
        #expect(messages[1].contains("[record 2]") && messages[1].contains("id: expected an integer"))
        #expect(messages[2].contains("[record 3, id 4]") && messages[2].contains("nom"))
        #expect(messages[3].contains("[record 4, id 5]") && messages[3].contains("missing name"))
        #expect(messages[4].contains("[record 5]"))
        #expect(try t.store.recordCount == 2)
    }

    @Test(arguments: Engine.available) func truncatedFileKeepsEveryCompleteRecord(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        let full = "[\(sampleRecord(id: 1)),\(sampleRecord(id: 2)),\(sampleRecord(id: 3))]"
        let path = try t.file("cut.json", String(full.prefix(full.count - 200)))
        let report = try t.importing([path])
        #expect(report.inserted == 2)
        #expect(report.rejected == 1)
        #expect(report.problems.first?.description.contains("truncated JSON") == true)
        #expect(report.problems.first?.description.contains("[from record 2]") == true)
    }

    @Test(arguments: Engine.available) func recordWithoutCoordinatesIsKept(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        let path = try t.file("nogeo.json", "[\(sampleRecord(id: 9, coordinates: nil))]")
        let report = try t.importing([path])
        #expect(report.inserted == 1)
        #expect(try t.store.object(id: 9).location == nil)
        #expect(try t.store.summaries(ids: [9]).first?.insee == "74010")
    }

    @Test(arguments: Engine.available) func implausibleGeometryIsDroppedNotTheRecord(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        let path = try t.file("badgeo.json", "[\(sampleRecord(id: 10, coordinates: (lon: 0, lat: 0))), " +
                              sampleRecord(id: 11, coordinates: nil, extra: #","localisation2":{}"#) + "]")
        _ = try t.importing([path])
        #expect(try t.store.object(id: 10).location == nil)
        #expect(try t.store.recordCount == 2)
    }

    @Test(arguments: Engine.available) func unsupportedExplicitFileIsAnError(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        let path = try t.file("notes.json", #"{"hello": "world"}"#)
        #expect(throws: RecordsError.self) { try t.importing([path]) }
        #expect(throws: RecordsError.unsupportedInput(path: "/no/such/file.json", reason: "no such file or folder")) {
            try t.importing(["/no/such/file.json"])
        }
    }

    @Test(arguments: Engine.available) func newerModificationWinsAndOlderIsIgnored(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        _ = try t.importing([try t.file("a.json", "[\(sampleRecord(id: 1, name: "Gîte A", modified: "2024-03-01T10:00:00.000+0000"))]")])
        try t.store.addPopularity(id: 1, by: 5)
        let older = try t.importing([try t.file("b.json", "[\(sampleRecord(id: 1, name: "Gîte ancien", modified: "2023-01-01T10:00:00.000+0100"))]")])
        #expect(older.unchanged == 1)
        #expect(try t.store.object(id: 1).name.text("fr") == "Gîte A")
        let newer = try t.importing([try t.file("c.json", "[\(sampleRecord(id: 1, name: "Gîte neuf", modified: "2024-03-01T12:00:00.000+0100"))]")])
        #expect(newer.updated == 1)
        #expect(try t.store.object(id: 1).name.text("fr") == "Gîte neuf")
        #expect(try t.store.summaries(ids: [1]).first?.popularity == 5)
    }

    @Test(arguments: Engine.available) func deletionListRemovesRecords(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        _ = try t.importing([try t.file("o.json", "[\(sampleRecord(id: 1)),\(sampleRecord(id: 2)),\(sampleRecord(id: 3))]")])
        let report = try t.importing([try t.file("objets_supprimes.json", "[1, 3, 99]")])
        #expect(report.deleted == 2)
        #expect(try t.store.recordCount == 1)
    }

    @Test(arguments: Engine.available) func apiAnswerWithoutObjectsImportsNothing(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        let path = try t.file("empty.json", #"{"query":{"first":0},"numFound":0,"formatVersion":"v002"}"#)
        let report = try t.importing([path])
        #expect(report.inserted == 0 && report.rejected == 0)
    }
}
