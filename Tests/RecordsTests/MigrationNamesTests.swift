import Foundation
import GRDB
import GuichetTestSupport
import Records
import Testing

@Suite("Cache migrations numbered like the CRM's")
struct MigrationNamesTests {
    @Test func aCacheMadeUnderTheFormerNamesOpensWithoutMigratingTwice() throws {
        // setup: a cache with records, its migrations recorded under their former names.
        let t = try TemporaryStore()
        _ = try t.importing([try t.file("one.json", "[" + sampleRecord(id: 42, name: "Gîte du Lac") + "]")])
        let former = ["records-1-tourist-objects": "createTouristObjects", "records-2-gazetteer": "createGazetteer",
                      "records-3-references-selections": "createReferencesAndSelections", "records-4-revision": "createRecordRevision"]
        try DatabaseQueue(path: t.store.path).write { db in
            for (new, old) in former { try db.execute(sql: "UPDATE grdb_migrations SET identifier = ? WHERE identifier = ?", arguments: [old, new]) }
        }
        // MUT
        let reopened = try RecordStore(path: t.store.path)
        // validation
        #expect(try reopened.recordCount == 1)
        let applied = try DatabaseQueue(path: t.store.path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(applied).isSuperset(of: former.keys) && Set(applied).isDisjoint(with: former.values), "\(applied)")
    }
}
